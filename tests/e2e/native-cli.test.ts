// The learner's own C programs on the command line (issue 12): `ipc-demo prog.c [-- args]`,
// `ipc-demo writer.c reader.c`, `ipc-demo pipe --native`. Real cc, real processes, the real
// CLI (bin/ipc-demo.js, built by the global setup); a compile error and a segfault are told
// as the learner's, and nothing is left: no process, no run directory, no FIFO.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccOnPath } from '../../src/cli/native.js';
import { CLI, Terminal, WAIT_MS } from '../helpers/terminal.js';

const PIPE_C = `#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int fd[2];
    if (pipe(fd) == -1) { perror("pipe"); return 1; }
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[1]);
        char buf[64];
        ssize_t n = read(fd[0], buf, sizeof buf - 1);
        buf[n > 0 ? n : 0] = '\\0';
        printf("child got: %s\\n", buf);
        _exit(0);
    }
    close(fd[0]);
    const char *msg = argc > 1 ? argv[1] : "hello";
    write(fd[1], msg, strlen(msg));
    close(fd[1]);
    waitpid(pid, NULL, 0);
    printf("parent done\\n");
    return 0;
}
`;

const BROKEN_C = `#include <unistd.h>
int main(void) {
    int fd[2];
    pipe(fd)
    return 0;
}
`;

const CRASH_C = `#include <stddef.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void) {
    pid_t pid = fork();
    if (pid == 0) {
        int *p = NULL;
        *p = 1;
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    return 0;
}
`;

const LOOP_C = `#include <unistd.h>
int main(void) {
    int fd[2];
    pipe(fd);
    volatile long x = 0;
    for (;;) x++;
    return 0;
}
`;

// A pipe between two threads: the second thread would run beside the stepped one, untraced.
const THREADS_C = `#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
static int fd[2];
static void *reader(void *arg) {
    char c;
    read(fd[0], &c, 1);
    return arg;
}
int main(void) {
    pthread_t t;
    pipe(fd);
    pthread_create(&t, NULL, reader, NULL);
    write(fd[1], "x", 1);
    pthread_join(t, NULL);
    return 0;
}
`;

// Two programs that meet at a FIFO named on their command line, as in two terminals.
const WRITER_C = `#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
int main(int argc, char **argv) {
    if (argc < 2) return 2;
    mkfifo(argv[1], 0600);
    int fd = open(argv[1], O_WRONLY);
    write(fd, "hi\\n", 3);
    close(fd);
    return 0;
}
`;
const READER_C = `#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
int main(int argc, char **argv) {
    if (argc < 2) return 2;
    if (mkfifo(argv[1], 0600) == -1 && errno != EEXIST) return 1;
    int fd = open(argv[1], O_RDONLY);
    char buf[16];
    ssize_t n = read(fd, buf, sizeof buf);
    printf("reader got %zd bytes\\n", n);
    close(fd);
    unlink(argv[1]);
    return 0;
}
`;

let base = '';
let src = '';
let terminal: Terminal | null = null;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'ipc-native-cli-'));
  src = join(base, 'src');
  mkdirSync(src);
});

afterEach(() => {
  terminal?.close();
  terminal = null;
  rmSync(base, { recursive: true, force: true });
});

/** The CLI in `src`, its run directories under `base/runs`. */
function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  mkdirSync(join(base, 'runs'), { recursive: true });
  return spawnSync(process.execPath, [CLI, ...args], { cwd: src, encoding: 'utf8', timeout: 30_000, env: { ...process.env, TMPDIR: join(base, 'runs'), XDG_RUNTIME_DIR: '', ...env } });
}

/** The compiled programs (their executable in a run directory under `dir`) and the CLIs whose runs are under it. */
function processesOf(dir: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        if (readlinkSync(`/proc/${pid}/exe`).startsWith(dir)) return true;
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(CLI) && readFileSync(`/proc/${pid}/environ`, 'utf8').includes(`TMPDIR=${dir}`);
      } catch {
        return false;
      }
    })
    .map(Number);
}

function expectNothingLeft(): void {
  expect(readdirSync(join(base, 'runs')), 'run directories left').toEqual([]);
  expect(processesOf(base), 'processes left').toEqual([]);
}

const jsonEvents = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe.skipIf(!ccOnPath())('a C program of the learner’s', () => {
  it('runs with its arguments after --, in the demos’ event stream, steps being its line numbers', () => {
    writeFileSync(join(src, 'my-pipe.c'), PIPE_C);
    const r = cli(['my-pipe.c', '--mode', 'run', '--json', '--', 'world']);
    expect(r.status, r.stderr).toBe(0);
    const events = jsonEvents(r.stdout);
    const main = events.find((e) => e.kind === 'hello' && e.role === 'main')!.pid;
    const child = events.find((e) => e.kind === 'hello' && e.role === 'child')!.pid;
    const stepsOf = (pid: unknown) => events.filter((e) => e.kind === 'step' && e.pid === pid).map((e) => e.step);
    // PIPE_C's lines: pipe 8, fork 9, close 18, write 20, close 21, waitpid 22; the child's close 11, read 13, _exit 16.
    expect(stepsOf(main)).toEqual(['8', '9', '18', '20', '21', '22']);
    expect(stepsOf(child)).toEqual(['11', '13', '16']);
    expect(events.filter((e) => e.kind === 'output').map((e) => e.text)).toEqual(['child got: world', 'parent done']);
    expect(events.filter((e) => e.kind === 'exit').map((e) => e.status)).toEqual([
      { code: 0, signal: null, core: false },
      { code: 0, signal: null, core: false },
    ]);
    expectNothingLeft();
  });

  it('a compile error is cc’s own text, file:line:column first, and exit 1; nothing is run', () => {
    writeFileSync(join(src, 'broken.c'), BROKEN_C);
    for (const [lang, said] of [['en', 'broken.c did not compile'], ['zh', 'broken.c 没有编译通过']] as const) {
      const r = cli(['broken.c', '--plain', '--lang', lang]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(said);
      expect(r.stderr).toMatch(/^broken\.c:5:5: error: expected .;. before .return./m);
      expect(r.stdout).toBe('');
    }
    expectNothingLeft();
  });

  it('a program that starts threads is refused before it runs: the call and its file:line, what to do, exit 1, in each mode', { timeout: 4 * WAIT_MS }, async () => {
    writeFileSync(join(src, 'threads.c'), THREADS_C);
    const at = 'threads.c:13: pthread_create';
    for (const [lang, said, todo] of [['en', 'threads.c starts threads', 'fork()'], ['zh', 'threads.c 会创建线程', '用 fork()']] as const) {
      const r = cli(['threads.c', '--plain', '--lang', lang]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(said);
      expect(r.stderr).toContain(at);
      expect(r.stderr).toContain(todo);
      expect(r.stdout).toBe('');
    }
    const json = cli(['threads.c', '--json', '--mode', 'run', '--lang', 'en']);
    expect(json.status).toBe(1);
    expect(jsonEvents(json.stdout)).toEqual([
      expect.objectContaining({ kind: 'refused', reason: 'threads', found: [{ call: 'pthread_create', file: 'threads.c', line: 13 }] }),
    ]);
    // On the screen's side: said in the terminal, the screen never opened, the shell's status 1.
    mkdirSync(join(base, 'runs'), { recursive: true });
    terminal = new Terminal(`cd ${src}; env -u CI TMPDIR=${join(base, 'runs')} XDG_RUNTIME_DIR= node ${CLI} threads.c --lang zh`, 100, 30);
    const s = await terminal.waitFor((x) => /EXIT=\d+/.test(x), 'the shell after the refusal');
    expect(s).toContain('threads.c 会创建线程');
    expect(s).toContain(at);
    expect(Number(/EXIT=(\d+)/.exec(s)?.[1])).toBe(1);
    expectNothingLeft();
  });

  it('without cc on PATH says what to install, exit 3', () => {
    writeFileSync(join(src, 'my-pipe.c'), PIPE_C);
    const r = cli(['my-pipe.c', '--plain'], { PATH: join(base, 'no-bin') });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('sudo apt install gcc');
    expectNothingLeft();
  });

  it('a segfault is the program’s, told with its signal and the line it was last at, in both languages', () => {
    writeFileSync(join(src, 'crash.c'), CRASH_C);
    const at = String(CRASH_C.split('\n').findIndex((l) => l.includes('pid_t pid = fork()')) + 1);
    const en = cli(['crash.c', '--plain', '--lang', 'en']);
    expect(en.stdout).toMatch(new RegExp(`Your program's child \\d+ was killed by SIGSEGV \\(segmentation fault[^)]*\\) after line ${at} \\(crash\\.c\\)`));
    expect(en.stdout).not.toContain('runner failed');
    expect(en.status).toBe(0);
    const zh = cli(['crash.c', '--plain', '--lang', 'zh']);
    expect(zh.stdout).toMatch(new RegExp(`你的程序的子进程 \\d+ 被 SIGSEGV 终止（段错误[^）]*），发生在第 ${at} 行（crash\\.c）之后`));
    expectNothingLeft();
  });

  it('a loop without a traced call is the program’s, told with the line it was last at; the watchdog’s kill is not told as its end', { timeout: 40_000 }, () => {
    writeFileSync(join(src, 'loop.c'), LOOP_C);
    const r = cli(['loop.c', '--plain']);
    expect(r.stdout).toContain('A process of your program ran 10 s without a traced call after line 4 (loop.c): does it loop?');
    expect(r.stdout).not.toContain("Your program's");
    expect(r.stdout).not.toContain('a bug in ipc-demo');
    expect(r.status).toBe(1);
    expectNothingLeft();
  });

  it('two programs started together meet at a FIFO named on their command line, each its own role', () => {
    writeFileSync(join(src, 'writer.c'), WRITER_C);
    writeFileSync(join(src, 'reader.c'), READER_C);
    const fifo = join(base, 'myfifo');
    const r = cli(['writer.c', 'reader.c', '--json', '--', fifo]);
    expect(r.status, r.stderr).toBe(0);
    const events = jsonEvents(r.stdout);
    expect(events.filter((e) => e.kind === 'hello').map((e) => e.role).sort()).toEqual(['reader', 'writer']);
    expect(events.filter((e) => e.kind === 'output').map((e) => e.text)).toEqual(['reader got 3 bytes']);
    expect(readdirSync(base)).not.toContain('myfifo');
    expectNothingLeft();
  });

  it('in two terminals, writer.c in one and reader.c in the other each run their own program and meet at the FIFO', async () => {
    writeFileSync(join(src, 'writer.c'), WRITER_C);
    writeFileSync(join(src, 'reader.c'), READER_C);
    mkdirSync(join(base, 'runs'), { recursive: true });
    const fifo = join(base, 'myfifo');
    const terminalRun = (file: string) =>
      new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI, file, '--json', '--', fifo], { cwd: src, env: { ...process.env, TMPDIR: join(base, 'runs'), XDG_RUNTIME_DIR: '' } });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.on('close', (code) => resolve({ code, stdout }));
      });
    const [writer, reader] = await Promise.all([terminalRun('writer.c'), terminalRun('reader.c')]);
    expect(writer.code).toBe(0);
    expect(reader.code).toBe(0);
    expect(jsonEvents(reader.stdout).filter((e) => e.kind === 'output').map((e) => e.text)).toEqual(['reader got 3 bytes']);
    expect(jsonEvents(writer.stdout).some((e) => e.kind === 'return' && e.name === 'write' && e.value === 3)).toBe(true);
    expect(readdirSync(base)).not.toContain('myfifo');
    expectNothingLeft();
  });

  it('pipe --native steps the real pipe.c at its line numbers, printing what its twin prints', () => {
    const twin = cli(['pipe', '--json']);
    const native = cli(['pipe', '--native', '--json']);
    expect(native.status, native.stderr).toBe(0);
    const events = jsonEvents(native.stdout);
    expect(events.filter((e) => e.kind === 'step').every((e) => /^\d+$/.test(String(e.step)))).toBe(true);
    const printed = (stdout: string) => jsonEvents(stdout).filter((e) => e.kind === 'output').map((e) => String(e.text).replace(/\d+/g, 'N')).sort();
    expect(printed(native.stdout)).toEqual(printed(twin.stdout));
    // The transcript tells the lesson of the marker on a line the process steps at.
    const plain = cli(['pipe', '--native', '--plain']);
    expect(plain.stdout).toMatch(/step \d+: pipe\.c:\d+ +if \(pipe\(fd\) == -1\)/);
    expectNothingLeft();
  });

  it('arguments after -- are refused for a built-in demo, and a demo and a .c together', () => {
    expect(cli(['pipe', '--', 'x']).stderr).toContain("arguments after '--' are for a C program of yours");
    writeFileSync(join(src, 'my-pipe.c'), PIPE_C);
    const both = cli(['pipe', 'my-pipe.c']);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('not both');
  });

  it('is stepped in a real terminal: its file the listing, each process’s line marked, each call’s result told', { timeout: 8 * WAIT_MS }, async () => {
    writeFileSync(join(src, 'my-pipe.c'), PIPE_C);
    mkdirSync(join(base, 'runs'));
    terminal = new Terminal(`cd ${src}; echo BEFORE; env -u CI TMPDIR=${join(base, 'runs')} XDG_RUNTIME_DIR= node ${CLI} my-pipe.c -- world`, 100, 30);
    const t = terminal;
    const marked = (screen: string, tag: string, code: string) => screen.split('\n').some((line) => line.includes(`${tag}►`) && line.includes(code));
    await t.waitFor((s) => s.includes('my-pipe.c') && marked(s, 'P', 'pipe(fd)'), 'the parent marked on pipe(fd)');
    await t.press(' ', (s) => marked(s, 'P', 'fork()') && s.includes('pipe() returned 0: fds 3 (read end) and 4 (write end)'), 'pipe’s result told, the parent on fork()');
    await t.press(' ', (s) => /C child \d+/.test(s), 'the child in the processes pane');
    await t.press('l', (s) => s.includes('子进程') && s.includes('fork() 返回'), 'Chinese');
    await t.press('l', (s) => s.includes('processes'), 'English again');
    await t.press('r', (s) => s.includes('child got: world') && s.includes('parent done'), 'run to the end');
    await t.press('Left', (s) => s.includes('REPLAY'), 'replay');
    const s = await t.press('q', (x) => x.includes('BEFORE') && /EXIT=\d+/.test(x), 'the shell after quitting');
    expect(Number(/EXIT=(\d+)/.exec(s)?.[1])).toBe(0);
    expectNothingLeft();
  });

  it('on the screen, a segfault is told as the program’s with its line, not as a runner’s failure', { timeout: 4 * WAIT_MS }, async () => {
    writeFileSync(join(src, 'crash.c'), CRASH_C);
    mkdirSync(join(base, 'runs'));
    terminal = new Terminal(`cd ${src}; echo BEFORE; env -u CI TMPDIR=${join(base, 'runs')} XDG_RUNTIME_DIR= node ${CLI} crash.c`, 100, 30);
    const t = terminal;
    await t.waitFor((s) => s.includes('crash.c') && s.includes('P►'), 'the parent marked');
    const s = await t.press('r', (x) => x.includes('Run complete'), 'the end of the run');
    expect(s.replace(/\s+/g, ' ')).toMatch(/Your program's child \d+ was killed by SIGSEGV \(segmentation fault: .*\) after line 5 \(crash\.c\)/);
    expect(s).not.toContain('A runner failed');
    await t.press('q', (x) => /EXIT=\d+/.test(x), 'the shell after quitting');
    expectNothingLeft();
  });
});
