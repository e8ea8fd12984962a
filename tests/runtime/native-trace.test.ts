// The C runtime (src/native/ipc-trace.c): a real program compiled with it by the real cc,
// run against a trace socket this test serves as the controller would, speaking the same
// protocol as the Node twins. Real processes, real pipes, real fork().
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demos } from '../../src/demos/registry.js';
import { compileNative, compileProgram, compileRuntime } from '../../src/runtime/native-build.js';
import { GO, RUN_FREE } from '../../src/runtime/protocol.js';
import { alive, compiled, line, of, tempDir, traced } from '../helpers/native.js';

const PROGRAM = `#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    int fd[2];
    char buf[16];
    if (pipe(fd) == -1) return 1;                        /* @pipe */
    pid_t pid = fork();                                  /* @fork */
    if (pid == 0) {
        close(fd[1]);                                    /* @child-close */
        ssize_t n = read(fd[0], buf, sizeof buf);        /* @child-read */
        printf("child: read %zd bytes\\n", n);
        _exit(3);                                        /* @child-exit */
    }
    close(fd[0]);                                        /* @close-read */
    if (write(fd[1], "hi", 2) != 2) return 1;            /* @write */
    close(fd[1]);                                        /* @close-write */
    int status;
    waitpid(pid, &status, 0);                            /* @wait */
    if (read(fd[1], buf, 1) == -1) perror("read");       /* @bad-read */
    printf("parent: child exited %d, ", WEXITSTATUS(status));
    printf("no newline at the end");
    return 0;
}
`;

describe('the C runtime', () => {
  it('speaks the twins’ protocol: steps at source lines, calls and returns with errno names, output under the writer’s pid, the forked child on its own connection', async () => {
    const { dir, binary } = await compiled(PROGRAM);
    const run = await traced(binary, dir);
    const main = run.pid;
    const L = (marker: string) => line(PROGRAM, marker);
    const hello = run.events.filter((e) => e.kind === 'hello');
    expect(hello).toHaveLength(2);
    const childPid = hello.find((e) => e.kind === 'hello' && e.role === 'child')!.pid;

    expect(of(run.events, main)).toEqual([
      { kind: 'hello', ppid: process.pid, role: 'main', ownFds: [900] },
      { kind: 'step', step: L('pipe') },
      { kind: 'call', name: 'pipe', args: [], step: L('pipe') },
      // The trace socket sits at 900: the program's first pipe gets 3 and 4, as in a terminal.
      { kind: 'return', name: 'pipe', value: [3, 4], step: L('pipe') },
      { kind: 'step', step: L('fork') },
      { kind: 'call', name: 'fork', args: [], step: L('fork') },
      { kind: 'return', name: 'fork', value: childPid, step: L('fork') },
      { kind: 'step', step: L('close-read') },
      { kind: 'call', name: 'close', args: [3], step: L('close-read') },
      { kind: 'return', name: 'close', value: 0, step: L('close-read') },
      { kind: 'step', step: L('write') },
      { kind: 'call', name: 'write', args: [4, 'buf[2]'], step: L('write') },
      { kind: 'return', name: 'write', value: 2, step: L('write') },
      { kind: 'step', step: L('close-write') },
      { kind: 'call', name: 'close', args: [4], step: L('close-write') },
      { kind: 'return', name: 'close', value: 0, step: L('close-write') },
      { kind: 'step', step: L('wait') },
      { kind: 'call', name: 'waitpid', args: [childPid], step: L('wait') },
      { kind: 'return', name: 'waitpid', value: { pid: childPid, status: { code: 3, signal: null, core: false }, raw: 3 << 8 }, step: L('wait') },
      { kind: 'step', step: L('bad-read') },
      { kind: 'call', name: 'read', args: [4, 'buf[1]'], step: L('bad-read') },
      { kind: 'return', name: 'read', value: -1, errno: 'EBADF', message: 'Bad file descriptor', step: L('bad-read') },
      // perror() through stderr, unbuffered; the last line, without its newline, told at exit.
      { kind: 'output', fd: 2, text: 'read: Bad file descriptor', step: L('bad-read') },
      { kind: 'output', fd: 1, text: 'parent: child exited 3, no newline at the end', step: L('bad-read') },
    ]);
    expect(of(run.events, childPid)).toEqual([
      { kind: 'hello', ppid: main, role: 'child', ownFds: [900] },
      { kind: 'return', name: 'fork', value: 0, step: L('fork') },
      { kind: 'step', step: L('child-close') },
      { kind: 'call', name: 'close', args: [4], step: L('child-close') },
      { kind: 'return', name: 'close', value: 0, step: L('child-close') },
      { kind: 'step', step: L('child-read') },
      { kind: 'call', name: 'read', args: [3, 'buf[16]'], step: L('child-read') },
      { kind: 'return', name: 'read', value: 2, step: L('child-read') },
      { kind: 'output', fd: 1, text: 'child: read 2 bytes', step: L('child-read') },
      { kind: 'step', step: L('child-exit') },
      { kind: 'exit', status: { code: 3, signal: null, core: false }, step: L('child-exit') },
    ]);
    // The program's output still goes where its stdout is, as it would without ipc-demo.
    expect(run.stdout).toBe('child: read 2 bytes\nparent: child exited 3, no newline at the end');
    expect(run.exit).toEqual({ code: 0, signal: null });
    expect([main, childPid].filter(alive)).toEqual([]);
    expect(existsSync(join(dir, 'trace.sock'))).toBe(false);
  });

  it('stops before the call until the go byte comes: at the pipe() step the process has no pipe yet', async () => {
    const { dir, binary } = await compiled(PROGRAM);
    const seen: { step: string; fds: string[] }[] = [];
    const run = await traced(binary, dir, (event, socket) => {
      if (event.kind === 'step' && seen.length < 2) {
        // fds 0–9 and the trace socket: the test's own worker may pass on others (251).
        const fds = readdirSync(`/proc/${event.pid}/fd`).filter((fd) => Number(fd) < 10 || fd === '900').sort();
        seen.push({ step: event.step, fds });
      }
      socket.write(Buffer.from([GO]));
    });
    expect(run.exit.code).toBe(0);
    // Told the step, the process has not made the call: it waits for the go byte.
    expect(seen[0]).toEqual({ step: line(PROGRAM, 'pipe'), fds: ['0', '1', '2', '900'] });
    expect(seen[1]).toEqual({ step: line(PROGRAM, 'fork'), fds: ['0', '1', '2', '3', '4', '900'] });
  });

  it('runs free after the run-free byte: every step is still told, none waits for a go, and a child forked after it is free too', async () => {
    const { dir, binary } = await compiled(PROGRAM);
    let answered = 0;
    const run = await traced(binary, dir, (_event, socket) => {
      // Only the first step is answered: any later step that waited would hang the test.
      if (answered++ === 0) socket.write(Buffer.from([RUN_FREE]));
    });
    expect(run.exit.code).toBe(0);
    expect(run.events.filter((e) => e.kind === 'step')).toHaveLength(7 + 3);
    expect(answered).toBe(10);
  });

  it('dup2() and execlp(): the program it execs runs untraced, its connection closed with the old image; a failed exec returns ENOENT', async () => {
    const source = `#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    int fd[2];
    char buf[64];
    if (pipe(fd) == -1) return 1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fd[1], 1);                                  /* @dup2 */
        execlp("echo", "echo", "from", "echo", NULL);    /* @exec */
        _exit(127);
    }
    close(fd[1]);
    ssize_t n = read(fd[0], buf, sizeof buf);            /* @read */
    printf("parent: %.*s", (int)n, buf);
    waitpid(pid, NULL, 0);                               /* @wait */
    execlp("ipc-demo-no-such-program", "x", NULL);       /* @bad-exec */
    perror("execlp");
    return 0;
}
`;
    const { dir, binary } = await compiled(source);
    const run = await traced(binary, dir);
    const child = run.events.find((e) => e.kind === 'hello' && e.role === 'child')!.pid;
    const L = (marker: string) => line(source, marker);
    expect(of(run.events, child).slice(2)).toEqual([
      { kind: 'step', step: L('dup2') },
      { kind: 'call', name: 'dup2', args: [4, 1], step: L('dup2') },
      { kind: 'return', name: 'dup2', value: 1, step: L('dup2') },
      { kind: 'step', step: L('exec') },
      // No return: the trace socket is close-on-exec, echo is not ipc-demo's to step.
      { kind: 'call', name: 'execlp', args: ['echo', 'echo', 'from', 'echo'], step: L('exec') },
    ]);
    const main = of(run.events, run.pid);
    expect(main).toContainEqual({ kind: 'return', name: 'read', value: 10, step: L('read') });
    expect(main).toContainEqual({ kind: 'return', name: 'waitpid', value: { pid: child, status: { code: 0, signal: null, core: false }, raw: 0 }, step: L('wait') });
    // echo's own newline ends the parent's line: printed after the read, it is told there.
    expect(main).toContainEqual({ kind: 'output', fd: 1, text: 'parent: from echo', step: L('read') });
    expect(main.slice(-3)).toEqual([
      { kind: 'call', name: 'execlp', args: ['ipc-demo-no-such-program', 'x'], step: L('bad-exec') },
      { kind: 'return', name: 'execlp', value: -1, errno: 'ENOENT', message: 'No such file or directory', step: L('bad-exec') },
      { kind: 'output', fd: 2, text: 'execlp: No such file or directory', step: L('bad-exec') },
    ]);
    expect(run.exit).toEqual({ code: 0, signal: null });
  });

  it('mkfifo(), open() and unlink(): paths and modes as the twins show them, the FIFO gone after', async () => {
    const source = `#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char *argv[]) {
    (void)argc;
    if (mkfifo(argv[1], 0600) == -1) return 1;                   /* @mkfifo */
    if (mkfifo(argv[1], 0600) == 0) return 1;                    /* @again */
    int fd = open(argv[1], O_RDWR);                              /* @open */
    int file = open(argv[2], O_WRONLY | O_CREAT | O_EXCL, 0640); /* @create */
    close(fd);
    close(file);
    unlink(argv[2]);
    return unlink(argv[1]);                                      /* @unlink */
}
`;
    const { dir, binary } = await compiled(source);
    const fifo = join(dir, 'f');
    const file = join(dir, 'plain');
    const run = await traced(binary, dir, undefined, [fifo, file]);
    const L = (marker: string) => line(source, marker);
    const calls = of(run.events, run.pid).filter((e) => e.kind === 'call' || e.kind === 'return');
    expect(calls.slice(0, 8)).toEqual([
      { kind: 'call', name: 'mkfifo', args: [fifo, 0o600], step: L('mkfifo') },
      { kind: 'return', name: 'mkfifo', value: 0, step: L('mkfifo') },
      { kind: 'call', name: 'mkfifo', args: [fifo, 0o600], step: L('again') },
      { kind: 'return', name: 'mkfifo', value: -1, errno: 'EEXIST', message: 'File exists', step: L('again') },
      { kind: 'call', name: 'open', args: [fifo, 2], step: L('open') },
      { kind: 'return', name: 'open', value: 3, step: L('open') },
      { kind: 'call', name: 'open', args: [file, 0o1 | 0o100 | 0o200, 0o640], step: L('create') },
      { kind: 'return', name: 'open', value: 4, step: L('create') },
    ]);
    expect(calls.at(-1)).toEqual({ kind: 'return', name: 'unlink', value: 0, step: L('unlink') });
    expect(run.exit).toEqual({ code: 0, signal: null });
    expect(existsSync(fifo) || existsSync(file)).toBe(false);
  });

  it('a signal handler that writes while the process waits at a step takes its own step, and the process says its step again', async () => {
    const source = `#include <signal.h>
#include <string.h>
#include <unistd.h>

static void on_usr1(int signo) {
    (void)signo;
    write(1, "handler\\n", 8);                           /* @handler */
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    if (sigaction(SIGUSR1, &sa, NULL) == -1) return 1;
    close(100);                                          /* @first */
    return 0;
}
`;
    const { dir, binary } = await compiled(source);
    const L = (marker: string) => line(source, marker);
    let signalled = false;
    const run = await traced(binary, dir, (event, socket) => {
      // The first stop at close(): no go, a signal instead; every other step gets its go.
      if (event.kind === 'step' && event.step === L('first') && !signalled) {
        signalled = true;
        process.kill(event.pid, 'SIGUSR1');
      } else socket.write(Buffer.from([GO]));
    });
    // After hello and sigaction()'s step, call and return:
    expect(of(run.events, run.pid).slice(4)).toEqual([
      { kind: 'step', step: L('first') },
      { kind: 'step', step: L('handler') },
      { kind: 'call', name: 'write', args: [1, 'buf[8]'], step: L('handler') },
      { kind: 'return', name: 'write', value: 8, step: L('handler') },
      { kind: 'output', fd: 1, text: 'handler', step: L('handler') },
      { kind: 'step', step: L('first') },
      { kind: 'call', name: 'close', args: [100], step: L('first') },
      { kind: 'return', name: 'close', value: -1, errno: 'EBADF', message: 'Bad file descriptor', step: L('first') },
    ]);
    expect(run.exit).toEqual({ code: 0, signal: null });
  });

  it('kill(), sigaction(), sigprocmask() and sigsuspend(): structs shown by their size, and the handler’s step inside sigsuspend() before its EINTR', async () => {
    const source = `#include <signal.h>
#include <string.h>
#include <unistd.h>

static void on_usr1(int signo) {
    (void)signo;
    write(1, "caught\\n", 7);                            /* @handler */
}

int main(void) {
    struct sigaction sa;
    sigset_t block, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);                       /* @sigaction */
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, &old);                /* @block */
    kill(getpid(), SIGUSR1);                             /* @kill */
    sigsuspend(&old);                                    /* @suspend */
    return 0;
}
`;
    const { dir, binary } = await compiled(source);
    const L = (marker: string) => line(source, marker);
    const run = await traced(binary, dir);
    const calls = of(run.events, run.pid).filter((e) => e.kind !== 'hello');
    expect(calls).toEqual([
      { kind: 'step', step: L('sigaction') },
      { kind: 'call', name: 'sigaction', args: [10, 'buf[152]'], step: L('sigaction') },
      { kind: 'return', name: 'sigaction', value: 0, step: L('sigaction') },
      { kind: 'step', step: L('block') },
      { kind: 'call', name: 'sigprocmask', args: [0, 'buf[128]', 'buf[128]'], step: L('block') },
      { kind: 'return', name: 'sigprocmask', value: 0, step: L('block') },
      // getpid() is traced as the twins trace it, and is no step of its own (it changes nothing);
      // an argument of kill(), it runs before kill() stops the line.
      { kind: 'call', name: 'getpid', args: [], step: L('kill') },
      { kind: 'return', name: 'getpid', value: run.pid, step: L('kill') },
      { kind: 'step', step: L('kill') },
      { kind: 'call', name: 'kill', args: [run.pid, 10], step: L('kill') },
      { kind: 'return', name: 'kill', value: 0, step: L('kill') },
      { kind: 'step', step: L('suspend') },
      { kind: 'call', name: 'sigsuspend', args: ['buf[128]'], step: L('suspend') },
      // The pending SIGUSR1 is let through by sigsuspend(): its handler's write is a step of its own.
      { kind: 'step', step: L('handler') },
      { kind: 'call', name: 'write', args: [1, 'buf[7]'], step: L('handler') },
      { kind: 'return', name: 'write', value: 7, step: L('handler') },
      { kind: 'output', fd: 1, text: 'caught', step: L('handler') },
      { kind: 'return', name: 'sigsuspend', value: -1, errno: 'EINTR', message: 'Interrupted system call', step: L('suspend') },
    ]);
    expect(run.exit).toEqual({ code: 0, signal: null });
  });

  it('without IPC_DEMO_TRACE the program runs as if compiled on its own', async () => {
    const { binary } = await compiled(PROGRAM);
    const child = spawn(binary, [], { env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    // stdout is a pipe here, fully buffered: the child's line dies unflushed with _exit(), as C has it.
    // Traced, stdout is line-buffered as on a terminal (the first test): there the line is seen.
    expect(stdout).toBe('parent: child exited 3, no newline at the end');
    expect(stderr).toBe('read: Bad file descriptor\n');
  });

  it('every built-in listing compiles with the runtime, unchanged', async () => {
    const dir = tempDir();
    const failed: string[] = [];
    expect(await compileRuntime(dir)).toMatchObject({ ok: true });
    for (const demo of demos) {
      for (const [file, text] of Object.entries(demo.sources)) {
        const sourcePath = join(dir, file);
        writeFileSync(sourcePath, text);
        const build = await compileProgram(sourcePath, dir, `${demo.id}-${file.replace(/\.c$/, '')}`);
        if (!build.ok) failed.push(build.output);
      }
    }
    expect(failed).toEqual([]);
  });

  it('a compile error comes back as the compiler’s own text, file:line first', async () => {
    const dir = tempDir();
    const sourcePath = join(dir, 'broken.c');
    writeFileSync(sourcePath, '#include <unistd.h>\nint main(void) {\n    int fd[2];\n    pipe(fd)\n    return 0;\n}\n');
    const build = await compileNative(sourcePath, dir);
    expect(build.ok).toBe(false);
    expect(!build.ok && build.output).toMatch(/broken\.c:5:\d+: error: expected .;. before .return./);
  });
});
