// The native runtime's wrappers beyond pipes and fork (issue 12's list): memory, System V IPC,
// sockets, signals, wait and exec, each a real program compiled with the real cc and run
// against a trace socket served here. Each checks the calls and returns as the twins would
// tell them, the state events, and the record of what the program made.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeSysvObject } from '../../src/ffi/sys-ipc.js';
import type { TraceEvent } from '../../src/runtime/protocol.js';
import { GO } from '../../src/runtime/protocol.js';
import { alive, compiled, forkedBy, line, of, traced } from '../helpers/native.js';
import { sysvRows } from '../helpers/kernel.js';

/** Processes still running `binary` (a relay is a fork of the program: its exe is the program's). */
function runningCopies(binary: string): number[] {
  return readdirSync('/proc').flatMap((name) => {
    if (!/^\d+$/.test(name)) return [];
    try {
      return readlinkSync(`/proc/${name}/exe`) === binary ? [Number(name)] : [];
    } catch {
      return []; // gone, or a zombie (no exe): reaped by init
    }
  });
}

/** call and return events only, as `name args → value [errno]` lines. */
function calls(events: readonly TraceEvent[], pid: number): string[] {
  return of(events, pid).flatMap((e) => {
    if (e.kind === 'call') return [`${String(e.name)} ${JSON.stringify(e.args)}`];
    if (e.kind === 'return') return [`→ ${JSON.stringify(e.value)}${e.errno ? ` ${String(e.errno)}` : ''}`];
    return [];
  });
}

describe('the native runtime’s wrappers', () => {
  it('memfd_create, ftruncate, mmap and munmap: values as the twins give them, and the shared page’s bytes in state events as the child writes them', async () => {
    const source = `#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    int fd = memfd_create("ipc-demo", 0);                        /* @memfd */
    if (ftruncate(fd, 4096) == -1) return 1;                     /* @truncate */
    char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0); /* @mmap */
    if (page == MAP_FAILED) return 1;
    pid_t pid = fork();
    if (pid == 0) {
        strcpy(page, "hi");
        _exit(0);                                                /* @child-exit */
    }
    waitpid(pid, NULL, 0);                                       /* @wait */
    if (mmap(NULL, 0, PROT_READ, MAP_SHARED, fd, 0) != MAP_FAILED) return 1; /* @bad-mmap */
    return munmap(page, 4096);                                   /* @munmap */
}
`;
    const { dir, binary } = await compiled(source);
    const run = await traced(binary, dir);
    const L = (marker: string) => line(source, marker);
    const main = of(run.events, run.pid);
    const mapped = main.find((e) => e.kind === 'return' && e.name === 'mmap')!.value as string;
    expect(mapped).toMatch(/^0x[0-9a-f]+$/);
    expect(calls(run.events, run.pid).slice(0, 6)).toEqual(['memfd_create ["ipc-demo",0]', '→ 3', 'ftruncate [3,4096]', '→ 0', 'mmap [4096,3,1,3,0]', `→ "${mapped}"`]);
    expect(main).toContainEqual({ kind: 'return', name: 'mmap', value: -1, errno: 'EINVAL', message: 'Invalid argument', step: L('bad-mmap') });
    expect(main.at(-1)).toEqual({ kind: 'return', name: 'munmap', value: 0, step: L('munmap') });
    // The page as the parent sees it: zeros after mmap, the child's "hi" once it has been written.
    const memory = run.events.flatMap((e) => (e.kind === 'state' && e.pid === run.pid ? (e.memory ?? []).map((m) => m.hex.slice(0, 4)) : []));
    expect(memory[0]).toBe('0000');
    expect(memory).toContain('6869');
    // After munmap() the mapping is no longer measured.
    const last = run.events.findLast((e) => e.kind === 'state' && e.pid === run.pid);
    expect(last?.kind === 'state' && last.memory).toEqual([]);
    expect(run.exit).toEqual({ code: 0, signal: null });
  });

  it('pipe levels: a state event with each end’s inode and the bytes waiting, as the twins measure them (FIONREAD)', async () => {
    const source = `#include <sys/stat.h>
#include <unistd.h>

int main(void) {
    int fd[2];
    char buf[8];
    if (pipe(fd) == -1) return 1;                    /* @pipe */
    if (write(fd[1], "hello", 5) != 5) return 1;     /* @write */
    if (read(fd[0], buf, 2) != 2) return 1;          /* @read */
    close(fd[0]);                                    /* @close */
    return 0;
}
`;
    const { dir, binary } = await compiled(source);
    const run = await traced(binary, dir);
    const states = run.events.filter((e) => e.kind === 'state');
    expect(states.every((s) => s.kind === 'state' && s.at > 0)).toBe(true);
    const levels = states.map((s) => (s.kind === 'state' ? s.pipes.map((p) => `${p.fd}:${p.bytes}`).join(' ') : ''));
    expect(levels).toEqual(['3:0 4:0', '3:5 4:5', '3:3 4:3', '4:3']);
    const inodes = new Set(states.flatMap((s) => (s.kind === 'state' ? s.pipes.map((p) => p.inode) : [])));
    expect(inodes.size).toBe(1);
    expect([...inodes][0]).toBeGreaterThan(0);
  });

  it('a process waiting at a step measures its pipes again: bytes another process writes meanwhile show without a go', async () => {
    const source = `#include <unistd.h>

int main(void) {
    int fd[2];
    if (pipe(fd) == -1) return 1;                    /* @pipe */
    close(100);                                      /* @wait-here */
    return 0;
}
`;
    const { dir, binary } = await compiled(source);
    let seenWhileWaiting = false;
    const run = await traced(binary, dir, (event, socket, events) => {
      if (event.kind !== 'step' || event.step !== line(source, 'wait-here')) return void socket.write(Buffer.from([GO]));
      // Another writer, not traced at all: this test, through the process's own write end.
      writeFileSync(`/proc/${event.pid}/fd/4`, 'abc');
      const measured = () => events.some((e) => e.kind === 'state' && e.pipes.some((p) => p.fd === 3 && p.bytes === 3));
      const check = setInterval(() => {
        if (!measured()) return;
        clearInterval(check);
        seenWhileWaiting = true;
        socket.write(Buffer.from([GO]));
      }, 10);
      // No measure within 5 s: let the process go on, and the expectation below fail.
      setTimeout(() => {
        if (seenWhileWaiting) return;
        clearInterval(check);
        socket.write(Buffer.from([GO]));
      }, 5000);
    });
    expect(seenWhileWaiting).toBe(true);
    expect(run.exit).toEqual({ code: 0, signal: null });
  });

  it('System V: ftok, shm*, sem* and msg* as the twins tell them; every object recorded for the cleanup, the one it leaks still there to be removed', async () => {
    const source = `#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

union semun { int val; struct semid_ds *buf; unsigned short *array; };
struct message { long mtype; char mtext[16]; };

int main(int argc, char *argv[]) {
    (void)argc;
    key_t key = ftok(argv[1], 'S');                              /* @ftok */
    int shmid = shmget(key, 4096, IPC_CREAT | 0600);             /* @shmget */
    char *page = shmat(shmid, NULL, 0);                          /* @shmat */
    strcpy(page, "AB");
    struct shmid_ds ds;
    shmctl(shmid, IPC_STAT, &ds);                                /* @shmstat */
    shmdt(page);                                                 /* @shmdt */
    int semid = semget(IPC_PRIVATE, 1, 0600);                    /* @semget */
    union semun arg = {.val = 1};
    semctl(semid, 0, SETVAL, arg);                               /* @setval */
    struct sembuf down = {0, -1, SEM_UNDO};
    semop(semid, &down, 1);                                      /* @semop */
    semctl(semid, 0, IPC_RMID);                                  /* @semrm */
    int msqid = msgget(IPC_PRIVATE, 0600);                       /* @msgget */
    struct message m = {2, "hello"};
    msgsnd(msqid, &m, sizeof m.mtext, 0);                        /* @msgsnd */
    struct msqid_ds q;
    msgctl(msqid, IPC_STAT, &q);                                 /* @msgstat */
    msgrcv(msqid, &m, sizeof m.mtext, 0, 0);                     /* @msgrcv */
    msgrcv(msqid, &m, sizeof m.mtext, 0, IPC_NOWAIT);            /* @nomsg */
    msgctl(msqid, IPC_RMID, NULL);                               /* @msgrm */
    printf("%d\\n", shmid);                                      /* the segment is left: a leak */
    return 0;
}
`;
    const { dir, binary } = await compiled(source);
    const keyFile = join(dir, 'key');
    writeFileSync(keyFile, '');
    const run = await traced(binary, dir, undefined, [keyFile]);
    const got = calls(run.events, run.pid);
    const value = (name: string) => of(run.events, run.pid).find((e) => e.kind === 'return' && e.name === name)!.value as number;
    const [key, shmid, semid, msqid] = [value('ftok'), value('shmget'), value('semget'), value('msgget')];
    const page = of(run.events, run.pid).find((e) => e.kind === 'return' && e.name === 'shmat')!.value as string;
    expect(got).toEqual([
      `ftok [${JSON.stringify(keyFile)},83]`, `→ ${key}`,
      `shmget [${key},4096,${0o1000 | 0o600}]`, `→ ${shmid}`,
      `shmat [${shmid},0]`, `→ "${page}"`,
      `shmctl [${shmid},2]`, `→ {"segsz":4096,"cpid":${run.pid},"lpid":${run.pid},"nattch":1}`,
      `shmdt ["${page}"]`, '→ 0',
      `semget [0,1,${0o600}]`, `→ ${semid}`,
      `semctl [${semid},0,16,{"val":1}]`, '→ 0',
      `semop [${semid},"buf[6]"]`, '→ 0',
      `semctl [${semid},0,0]`, '→ 0',
      `msgget [0,${0o600}]`, `→ ${msqid}`,
      `msgsnd [${msqid},"buf[24]",16,0]`, '→ 0',
      `msgctl [${msqid},2]`, expect.stringMatching(new RegExp(`^→ \\{"cbytes":16,"qnum":1,"qbytes":\\d+,"lspid":${run.pid},"lrpid":0,"stime":\\d+,"rtime":0\\}$`)),
      `msgrcv [${msqid},"buf[24]",16,0,0]`, '→ 16',
      `msgrcv [${msqid},"buf[24]",16,0,${0o4000}]`, '→ -1 ENOMSG',
      `msgctl [${msqid},0]`, '→ 0',
    ]);
    // The shared page's bytes, as the program wrote them, before shmdt().
    expect(run.events.some((e) => e.kind === 'state' && e.memory?.some((m) => m.addr === page && m.hex.startsWith('4142')))).toBe(true);
    // Recorded as the twins record them: an intent (no id yet) before each get, then its id.
    expect(readFileSync(join(dir, 'objects'), 'utf8')).toBe(
      [`shm ? ${key}`, `shm ${shmid} ${key}`, 'sem ? 0', `sem ${semid} 0`, 'msg ? 0', `msg ${msqid} 0`, ''].join('\n'),
    );
    // The leaked segment is there for the run's cleanup to find (and removed here by the test that owns it).
    expect(sysvRows('shm').some((row) => row.shmid === shmid)).toBe(true);
    removeSysvObject('shm', shmid);
    expect(sysvRows('sem').some((row) => row.semid === semid) || sysvRows('msg').some((row) => row.msqid === msqid)).toBe(false);
  });

  it('sockets: socketpair, a Unix stream server and client (bind, listen, connect, accept, send, recv, shutdown), datagrams (sendto, recvfrom, sendmsg, recvmsg), options; a socket file outside the run’s directory recorded', async () => {
    const source = `#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char *argv[]) {
    (void)argc;
    char buf[16];
    int sv[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);                      /* @pair */
    sendto(sv[0], "ab", 2, 0, NULL, 0);                          /* @sendto */
    recvfrom(sv[1], buf, sizeof buf, 0, NULL, NULL);             /* @recvfrom */
    struct iovec iov = {.iov_base = buf, .iov_len = 3};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
    sendmsg(sv[1], &msg, 0);                                     /* @sendmsg */
    recvmsg(sv[0], &msg, 0);                                     /* @recvmsg */
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    strcpy(addr.sun_path, argv[1]);
    int server = socket(AF_UNIX, SOCK_STREAM, 0);                /* @socket */
    int on = 1;
    setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on); /* @setsockopt */
    bind(server, (struct sockaddr *)&addr, sizeof addr);         /* @bind */
    listen(server, 1);                                           /* @listen */
    pid_t pid = fork();
    if (pid == 0) {
        int c = socket(AF_UNIX, SOCK_STREAM, 0);
        connect(c, (struct sockaddr *)&addr, sizeof addr);       /* @connect */
        send(c, "hello", 5, 0);                                  /* @send */
        shutdown(c, SHUT_WR);                                    /* @shutdown */
        _exit(0);
    }
    int conn = accept(server, NULL, NULL);                       /* @accept */
    recv(conn, buf, sizeof buf, 0);                              /* @recv */
    socklen_t len = sizeof on;
    getsockopt(conn, SOL_SOCKET, SO_TYPE, &on, &len);            /* @getsockopt */
    waitpid(pid, NULL, 0);
    return 0;                                                    /* the socket file is left */
}
`;
    const { dir, binary } = await compiled(source);
    // Outside the run's directory (the trace socket's): recorded, to be removed at the end.
    const elsewhere = mkdtempSync(join(tmpdir(), 'ipc-demo-native-elsewhere-'));
    try {
      const path = join(elsewhere, 's.sock');
      const run = await traced(binary, dir, undefined, [path]);
      const child = run.events.find((e) => e.kind === 'hello' && e.role === 'child')!.pid;
      const main = calls(run.events, run.pid);
      expect(main.slice(0, 10)).toEqual([
        'socketpair [1,2,0]', '→ [3,4]',
        'sendto [3,"buf[2]",0,"NULL",0]', '→ 2',
        'recvfrom [4,"buf[16]",0,"NULL","NULL"]', '→ 2',
        'sendmsg [4,"buf[3]",0]', '→ 3',
        'recvmsg [3,"buf[3]",0]', '→ 3',
      ]);
      expect(main.slice(10, 18)).toEqual(['socket [1,1,0]', '→ 5', 'setsockopt [5,1,2,1]', '→ 0', 'bind [5,"buf[110]",110]', '→ 0', 'listen [5,1]', '→ 0']);
      expect(main.slice(20)).toEqual(['accept [5]', '→ 6', 'recv [6,"buf[16]",0]', '→ 5', 'getsockopt [6,1,3,"buf[4]","buf[1]"]', '→ 0', `waitpid [${child}]`, expect.stringMatching(/^→ \{"pid":/)]);
      expect(calls(run.events, child)).toEqual(['→ 0', 'socket [1,1,0]', '→ 6', 'connect [6,"buf[110]",110]', '→ 0', 'send [6,"buf[5]",0]', '→ 5', 'shutdown [6,1]', '→ 0']);
      const st = statSync(path);
      expect(readFileSync(join(dir, 'objects'), 'utf8')).toBe(`path ${st.dev} ${st.ino} ${path}\n`);
      expect([run.pid, child].filter(alive)).toEqual([]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('signals: raise, alarm, sigqueue, sigwait, sigwaitinfo (who sent it) and sigtimedwait (EAGAIN)', async () => {
    const source = `#include <signal.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGALRM);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);                                              /* @raise */
    int sig;
    sigwait(&set, &sig);                                         /* @sigwait */
    union sigval v = {.sival_int = 7};
    sigqueue(getpid(), SIGUSR1, v);                              /* @sigqueue */
    siginfo_t info;
    sigwaitinfo(&set, &info);                                    /* @sigwaitinfo */
    alarm(5);                                                    /* @alarm */
    alarm(0);                                                    /* @alarm-off */
    struct timespec none = {0, 0};
    sigtimedwait(&set, NULL, &none);                             /* @sigtimedwait */
    return 0;
}
`;
    const { dir, binary } = await compiled(source);
    const run = await traced(binary, dir);
    const pid = run.pid;
    const uid = process.getuid!();
    expect(calls(run.events, pid).slice(2)).toEqual([
      'raise [10]', '→ 0',
      'sigwait ["buf[128]"]', '→ 10',
      'getpid []', `→ ${pid}`, `sigqueue [${pid},10,7]`, '→ 0',
      'sigwaitinfo ["buf[128]"]', `→ {"signo":10,"code":-1,"pid":${pid},"uid":${uid}}`,
      'alarm [5]', '→ 0',
      'alarm [0]', '→ 5',
      'sigtimedwait ["buf[128]","NULL","buf[16]"]', '→ -1 EAGAIN',
    ]);
    expect(run.exit).toEqual({ code: 0, signal: null });
  });

  it('exec: `ls | wc -l` — what wc writes to the terminal fd reaches the output pane under wc’s pid, ls’s goes down the pipe; the exec family’s calls; a failed exec writes where it wrote before', async () => {
    const source = `#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char *argv[]) {
    (void)argc;
    int fd[2];
    if (pipe(fd) == -1) return 1;
    pid_t ls = fork();
    if (ls == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        execlp("ls", "ls", argv[1], NULL);                       /* @ls */
        _exit(127);
    }
    pid_t wc = fork();
    if (wc == 0) {
        dup2(fd[0], 0);
        close(fd[0]);
        close(fd[1]);
        char *args[] = {"wc", "-l", NULL};
        execvp("wc", args);                                      /* @wc */
        _exit(127);
    }
    close(fd[0]);
    close(fd[1]);
    waitpid(ls, NULL, 0);
    waitpid(wc, NULL, 0);
    char *none[] = {"none", NULL};
    execve("/nonexistent/ipc-demo", none, NULL);                 /* @bad-exec */
    printf("still here\\n");                                     /* @after */
    pid_t echo = fork();
    if (echo == 0) {
        char *env[] = {"GREETING=hi", NULL};
        execle("/bin/sh", "sh", "-c", "echo $GREETING from sh", NULL, env); /* @execle */
        _exit(127);
    }
    wait(NULL);                                                  /* @wait */
    return 0;
}
`;
    const { dir, binary } = await compiled(source);
    const listed = mkdtempSync(join(tmpdir(), 'ipc-demo-native-ls-'));
    try {
      for (const name of ['a', 'b', 'c']) writeFileSync(join(listed, name), '');
      const run = await traced(binary, dir, undefined, [listed]);
      const L = (marker: string) => line(source, marker);
      // Named by the parent's fork() return values: the hello order is the order they connected (wc may come first).
      const children = forkedBy(run.events, run.pid);
      expect(children).toHaveLength(3);
      expect(run.events.flatMap((e) => (e.kind === 'hello' && e.role === 'child' ? [e.pid] : [])).sort()).toEqual([...children].sort());
      const [ls, wc, echo] = children as [number, number, number];
      const outputs = run.events.flatMap((e) => (e.kind === 'output' ? [`${e.pid === run.pid ? 'main' : e.pid === ls ? 'ls' : e.pid === wc ? 'wc' : e.pid === echo ? 'sh' : e.pid} ${e.fd} ${e.text}`] : []));
      // wc's count, told by the relay under wc's own pid, at the line that exec'd it; ls's lines went down the pipe.
      expect(outputs.sort()).toEqual(['main 1 still here', 'sh 1 hi from sh', 'wc 1 3']);
      expect(of(run.events, wc)).toContainEqual({ kind: 'output', fd: 1, text: '3', step: L('wc') });
      expect(of(run.events, ls).filter((e) => e.kind === 'call').at(-1)).toEqual({ kind: 'call', name: 'execlp', args: ['ls', 'ls', listed], step: L('ls') });
      expect(of(run.events, echo).filter((e) => e.kind === 'call')).toEqual([{ kind: 'call', name: 'execle', args: ['/bin/sh', 'sh', '-c', 'echo $GREETING from sh'], step: L('execle') }]);
      expect(calls(run.events, run.pid).slice(-6)).toEqual(['execve ["/nonexistent/ipc-demo","none"]', '→ -1 ENOENT', 'fork []', `→ ${echo}`, 'wait []', expect.stringMatching(new RegExp(`^→ \\{"pid":${echo},"status":\\{"code":0,`))]);
      // The program's own stdout got every line, the exec'd programs' too, as in a terminal.
      expect(run.stdout.split('\n').sort()).toEqual(['', '3', 'hi from sh', 'still here']);
      expect([run.pid, ...children].filter(alive)).toEqual([]);
      // The relays (forks of the program, orphaned) ended with their programs: none runs on.
      await expect.poll(() => runningCopies(binary), { timeout: 5000, interval: 20 }).toEqual([]);
    } finally {
      rmSync(listed, { recursive: true, force: true });
    }
  });

  // Another user's process connects first: it needs root to be started as another user (CI runs as root).
  it.skipIf(process.getuid?.() !== 0)('accept() on a TCP port closes another user’s connection, says so in a peer-refused note, and returns the program’s own', async () => {
    const source = `#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    if (bind(s, (struct sockaddr *)&a, sizeof a) == -1 || listen(s, 4) == -1) return 1;
    getsockname(s, (struct sockaddr *)&a, &len);
    printf("port %d\\n", ntohs(a.sin_port));
    int c = accept(s, NULL, NULL);                               /* @accept */
    char buf[8];
    ssize_t n = read(c, buf, sizeof buf);
    printf("read %.*s\\n", (int)n, buf);
    return 0;
}
`;
    const { dir, binary } = await compiled(source);
    const nobody = 65534;
    let intruder: ChildProcess | undefined;
    let own: Socket | undefined;
    try {
      const run = await traced(binary, dir, (event, socket, events) => {
        if (event.kind !== 'step' || event.step !== line(source, 'accept')) return void socket.write(Buffer.from([GO]));
        // At accept()'s line: another user connects, then this test (root, the program's user), then go.
        const port = Number(/port (\d+)/.exec(outputText(events))![1]);
        // It writes too: a program that took its connection would read "it", and the test fail at once.
        const script = `const s = require('net').connect(${port}, '127.0.0.1', () => { s.write('it'); console.log('connected'); })`;
        intruder = spawn(process.execPath, ['-e', script], { uid: nobody, gid: nobody, stdio: ['ignore', 'pipe', 'inherit'] });
        intruder.stdout!.once('data', () => {
          own = connect(port, '127.0.0.1', () => {
            own!.write('me');
            socket.write(Buffer.from([GO]));
          });
        });
      });
      const main = of(run.events, run.pid);
      expect(main).toContainEqual({ kind: 'note', code: 'peer-refused', detail: `uid ${nobody}`, step: line(source, 'accept') });
      expect(main.filter((e) => e.kind === 'return' && e.name === 'accept')).toEqual([{ kind: 'return', name: 'accept', value: 4, step: line(source, 'accept') }]);
      expect(outputText(run.events)).toContain('read me');
    } finally {
      intruder?.kill('SIGKILL');
      own?.destroy();
    }
  });
});

function outputText(events: readonly TraceEvent[]): string {
  return events.flatMap((e) => (e.kind === 'output' ? [e.text] : [])).join('\n');
}
