// Run once by the build (scripts/ui-code-cache.js), never by the CLI: draws a frame like
// the first one, with the screen's own panes and sample text in both languages, into a
// stream that goes nowhere. V8's code cache then holds the compiled code of the first
// render too, not only of loading.
import { PassThrough } from 'node:stream';
import { Box, render, Text } from 'ink';
import { KernelPane } from './components/kernel-pane.js';
import { KeyBar } from './components/key-bar.js';
import { ListingPane } from './components/listing-pane.js';
import { Narration, narrationLines } from './components/narration.js';
import { theme } from './theme.js';

const code = ['int main(void) {', '    int fd[2];', '    if (pipe(fd) == -1) die("pipe");', '    pid_t pid = fork();', '    if (pid == 0) {', '        close(fd[1]);', '    }', '}'];

function Frame() {
  return (
    <Box flexDirection="column" width={80} height={24}>
      <Text>
        <Text bold>ipc-demo</Text> 1 Anonymous pipe · 匿名管道 · step 1
      </Text>
      <Box>
        <ListingPane file="pipe.c" listing={{ lines: code, steps: new Map() }} marks={[{ line: 2, tag: 'P', color: 'cyan', selected: true }]} rows={8} width={50} />
        <KernelPane title="kernel" lines={[{ text: 'fd 3 → pipe:[4242] (read end)', color: theme.title }, { text: '缓冲区：0 / 65536 字节', dim: true }]} width={30} rows={4} />
      </Box>
      <Narration lines={narrationLines('P parent · pipe.c:3', 'pipe() asks the kernel for a pipe. 内核创建一个管道，返回两个文件描述符。', [{ text: 'Run complete.', color: 'green' }], 80)} color="cyan" rows={4} />
      <KeyBar text="space/→ next · ← back · tab process · q quit" />
    </Box>
  );
}

export function warmUp(): void {
  const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 80, rows: 24 });
  stdout.resume();
  const instance = render(<Frame />, { stdout: stdout as unknown as NodeJS.WriteStream, stdin: new PassThrough() as unknown as NodeJS.ReadStream, patchConsole: false, exitOnCtrlC: false });
  instance.unmount();
}
