// Panes render exactly what their props say: frames asserted character for character.
import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { parseListing } from '../../src/demos/listing.js';
import { KernelPane } from '../../src/ui/components/kernel-pane.js';
import { codeRows, ListingPane, windowStart } from '../../src/ui/components/listing-pane.js';
import { Narration, narrationLines } from '../../src/ui/components/narration.js';
import { OutputPane } from '../../src/ui/components/output-pane.js';
import { ProcessPane } from '../../src/ui/components/process-pane.js';
import { kernelLines, wrapKernelLines } from '../../src/ui/kernel-lines.js';
import { foldEntries, type Entry } from '../../src/ui/model.js';
import type { KernelSnapshot } from '../../src/runtime/events.js';

const source = ['int main(void) {', '    int fd[2];', '    pipe(fd);   // @step pipe', '    fork();     // @step fork', '    return 0;', '}'].join('\n');

const entries: Entry[] = [
  { kind: 'hello', pid: 100, ppid: 1, role: 'main', ownFds: [] },
  { kind: 'step', pid: 100, step: 'fork' },
  { kind: 'hello', pid: 101, ppid: 100, role: 'child', ownFds: [] },
  { kind: 'step', pid: 101, step: 'pipe' },
  { kind: 'call', pid: 100, name: 'waitpid', args: [101] },
];

const snapshot: KernelSnapshot = {
  t: 0,
  processes: [
    { pid: 100, state: 'S', wchan: 'do_wait', fds: [{ fd: 4, target: 'pipe:[77]', kind: 'pipe', inode: 77, access: 'w' }], maps: [], sigBlk: [], sigPnd: [], sigCgt: [] },
    { pid: 101, state: 'S', wchan: null, fds: [{ fd: 3, target: 'pipe:[77]', kind: 'pipe', inode: 77, access: 'r' }], maps: [], sigBlk: ['SIGUSR1'], sigPnd: ['SIGUSR1'], sigCgt: [] },
  ],
  sysv: {},
  pipeFill: { 77: 16384 },
  memory: {},
};

describe('ListingPane', () => {
  it('numbers the lines, hides markers, and marks each process on its line', () => {
    const { lastFrame } = render(
      <ListingPane
        file="demo.c"
        listing={parseListing(source)}
        marks={[
          { line: 3, tag: 'P', color: 'cyan', selected: false },
          { line: 2, tag: 'C', color: 'magenta', selected: true },
        ]}
        rows={6}
        width={36}
      />,
    );
    expect(lastFrame()).toBe(
      [
        '╭─ demo.c ─────────────────────────╮',
        '│1    int main(void) {             │',
        '│2        int fd[2];               │',
        '│3 C►     pipe(fd);                │',
        '│4 P►     fork();                  │',
        '│5        return 0;                │',
        '│6    }                            │',
        '╰──────────────────────────────────╯',
      ].join('\n'),
    );
  });

  it('scrolls so that the selected line stays in view', () => {
    expect(windowStart(100, 10, 50)).toBe(47);
    expect(windowStart(100, 10, 1)).toBe(0);
    expect(windowStart(100, 10, 99)).toBe(90);
    expect(windowStart(5, 10, 4)).toBe(0);
  });
});

describe('ProcessPane', () => {
  it('says what each process does: at a line, or blocked in a call and where', () => {
    const state = foldEntries(entries);
    const { lastFrame } = render(
      <ProcessPane procs={state.procs} kernel={snapshot.processes} selected={101} lines={new Map([[100, 4], [101, 3]])} lang="en" width={38} />,
    );
    expect(lastFrame()).toBe(
      [
        ' P parent 100 S',
        '  blocked in waitpid(101) · do_wait',
        '▸C child 101 S',
        '  at line 3',
      ].join('\n'),
    );
  });

  it('one row a process when the screen is short of rows: the call is cut, the wchan kept', () => {
    const state = foldEntries(entries);
    const { lastFrame } = render(
      <ProcessPane procs={state.procs} kernel={snapshot.processes} selected={101} lines={new Map([[100, 4], [101, 3]])} lang="en" width={38} rowsPer={1} />,
    );
    expect(lastFrame()).toBe([' P parent 100 S blocked in … · do_wait', '▸C child 101 S at line 3'].join('\n'));
  });

  it('speaks Chinese too', () => {
    const state = foldEntries(entries);
    const { lastFrame } = render(
      <ProcessPane procs={state.procs} kernel={snapshot.processes} selected={100} lines={new Map([[101, 3]])} lang="zh" width={40} />,
    );
    expect(lastFrame()).toContain('▸P 父进程 100 S');
    expect(lastFrame()).toContain('阻塞于 waitpid(101) · do_wait');
    expect(lastFrame()).toContain('停在行 3');
  });
});

describe('KernelPane', () => {
  it('links the two ends of one pipe inode and shows its fill and the signal masks', () => {
    const lines = kernelLines(snapshot, foldEntries(entries).procs, 'en');
    const { lastFrame } = render(<KernelPane title="kernel" lines={lines} width={42} rows={5} />);
    expect(lastFrame()).toBe(
      [
        '── kernel ────────────────────────────────',
        'P fds: 4 w pipe:77',
        'C fds: 3 r pipe:77',
        'C sig blocked SIGUSR1',
        'C sig pending SIGUSR1',
        'pipe:77 ⇄ Pw Cr 16 KiB/64 KiB ██░░░░░░',
      ].join('\n'),
    );
  });

  it('wraps a fact too long for the pane at a space, never cuts it: nattch and the key both show', () => {
    const lines = wrapKernelLines([{ text: 'shm id 163892 size 4096 nattch 2 key 0x6d002965' }, { text: '   ⇄ peer C 2369272' }], 38);
    expect(lines.map((l) => l.text)).toEqual(['shm id 163892 size 4096 nattch 2 key', '  0x6d002965', '   ⇄ peer C 2369272']);
  });
});

describe('ListingPane, a long line a process stands on', () => {
  // pipe.c's two strncmp() lines differ only at their ends: each must be read whole.
  const pipeSource = [
    'int main(void) {',
    '    if (strncmp(variant, "reader-gone", 11) == 0) {   // @step a',
    '        report(pid);',
    '    if (strncmp(variant, "reader-gone", 11) != 0)     // @step b',
    '        report(pid);',
    '}',
  ].join('\n');

  it('is wrapped at a space, its rows after the first marked ↪; a line no process stands on is cut', () => {
    const listing = parseListing(pipeSource);
    const { lastFrame } = render(<ListingPane file="pipe.c" listing={listing} marks={[{ line: 3, tag: 'P', color: 'cyan', selected: true }]} rows={6} width={40} />);
    expect(lastFrame()).toBe(
      [
        '╭─ pipe.c ─────────────────────────────╮',
        '│1    int main(void) {                 │',
        '│2        if (strncmp(variant, "reader…│',
        '│3            report(pid);             │',
        '│4 P►     if (strncmp(variant,         │',
        '│    ↪    "reader-gone", 11) != 0)     │',
        '│5            report(pid);             │',
        '╰──────────────────────────────────────╯',
      ].join('\n'),
    );
    expect(codeRows(listing.lines[1]!, 31)).toEqual(['    if (strncmp(variant,', '    "reader-gone", 11) == 0) {']);
  });

  it('shows whole the condition the selected line runs under: == 0 is not != 0', () => {
    const { lastFrame } = render(<ListingPane file="pipe.c" listing={parseListing(pipeSource)} marks={[{ line: 2, tag: 'P', color: 'cyan', selected: true }]} rows={7} width={40} />);
    expect(lastFrame()).toContain(['│2        if (strncmp(variant,         │', '│    ↪    "reader-gone", 11) == 0) {   │', '│3 P►         report(pid);             │'].join('\n'));
    // And the line after it, whole too.
    expect(lastFrame()).toContain('│    ↪    "reader-gone", 11) != 0)     │');
  });
});

describe('Narration', () => {
  it('wraps a note whole (the end of a run names the key that goes on), then the lesson', () => {
    const { lastFrame } = render(
      <Box width={40}>
        <Narration
          lines={narrationLines('P parent · pipe.c:73', 'waitpid() collects the exit status.', [{ text: 'Run complete. Next in the tour: Signals — n next demo · q quit', color: 'green' }], 40)}
          color={undefined}
          rows={5}
        />
      </Box>,
    );
    expect(lastFrame()).toBe(
      [
        'Run complete. Next in the tour: Signals',
        '— n next demo · q quit',
        'P parent · pipe.c:73  waitpid() collects',
        'the exit status.',
        '',
      ].join('\n'),
    );
  });

  it('breaks Chinese between characters, and cuts the lesson, not the note, when rows run out', () => {
    const { lastFrame } = render(
      <Box width={34}>
        <Narration
          lines={narrationLines('R 读者 · fifo-reader.c:40', 'read() 睡在 pipe_read 里，直到写者写入数据，或者最后一个写者关闭。', [{ text: '运行结束。 n 下一个演示 · q 退出', color: 'green' }], 34)}
          color={undefined}
          rows={3}
        />
      </Box>,
    );
    expect(lastFrame()).toBe(
      [
        '运行结束。 n 下一个演示 · q 退出',
        'R 读者 · fifo-reader.c:40  read()',
        '睡在 pipe_read 里，直到写者写入数',
      ].join('\n'),
    );
  });
});

describe('OutputPane', () => {
  const procs = foldEntries(entries).procs;
  const output = Array.from({ length: 7 }, (_, i) => ({ pid: 100, fd: 1 as const, text: `line ${i + 1}` }));

  it('shows the newest lines, and says how many there are and which keys reach the rest', () => {
    const { lastFrame } = render(<OutputPane output={output} procs={procs} rows={3} lang="en" />);
    expect(lastFrame()).toBe(['── output 5–7/7 · [ older  ] newer ──', 'P │ line 5', 'P │ line 6', 'P │ line 7'].join('\n'));
  });

  it('scrolled back, shows the first lines printed, in both languages', () => {
    expect(render(<OutputPane output={output} procs={procs} rows={3} lang="en" top={0} />).lastFrame()).toBe(
      ['── output 1–3/7 · [ older  ] newer ──', 'P │ line 1', 'P │ line 2', 'P │ line 3'].join('\n'),
    );
    expect(render(<OutputPane output={output} procs={procs} rows={3} lang="zh" top={2} />).lastFrame()).toBe(
      ['── 输出 3–5/7 · [ 更早  ] 更新 ──', 'P │ line 3', 'P │ line 4', 'P │ line 5'].join('\n'),
    );
  });

  it('a few lines need no scrolling and say nothing of it', () => {
    expect(render(<OutputPane output={output.slice(0, 2)} procs={procs} rows={3} lang="en" />).lastFrame()).toBe(['── output ──', 'P │ line 1', 'P │ line 2', ''].join('\n'));
  });
});
