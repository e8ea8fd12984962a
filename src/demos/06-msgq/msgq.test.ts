// The message-queue demo, run for real: which message each msgrcv type takes,
// qnum and cbytes in /proc/sysvipc/msg step by step, the receiver asleep in
// do_msgrcv, the size bug's damage to a guard value, and lab mode in two CLIs.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { kernelPanelText, sysvRows } from '../../../tests/helpers/kernel.js';
import { expectNothingLeft, outputOf, pidsOf, recordRun, until, type Recorded } from '../../../tests/helpers/run.js';
import { CLI } from '../../../tests/helpers/terminal.js';

// Demos do not import the runtime: its types come through the test helpers.
type Run = Recorded['run'];
type RunEvent = Recorded['events'][number];
type KernelSnapshot = Recorded['snapshots'][number];

function wchan(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/wchan`, 'utf8');
  } catch {
    return '';
  }
}

/** R, S, D, Z … from /proc/<pid>/stat (comm may hold spaces: the state follows the last ')'). */
function procState(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return '';
  }
}

/** The queue's row in /proc/sysvipc/msg, read now. */
function queueRow(key: number): Record<string, number> | undefined {
  return sysvRows('msg').find((row) => row.key === key);
}

function level(key: number): [qnum: number, cbytes: number] | null {
  const row = queueRow(key);
  return row ? [row.qnum!, row.cbytes!] : null;
}

/** The kernel panel's text for the latest snapshot, as the UI shows it. */
function panel(snapshots: readonly KernelSnapshot[]): string {
  return kernelPanelText(snapshots.at(-1));
}

function stepsOf(events: readonly RunEvent[], pid: number): string[] {
  return events.flatMap((e) => (e.kind === 'step' && e.pid === pid ? [e.step] : []));
}

function returnsOf(events: readonly RunEvent[], pid: number, name: string) {
  return events.flatMap((e) => (e.kind === 'return' && e.pid === pid && e.name === name ? [e] : []));
}

function keyOf(events: readonly RunEvent[], pid: number): number {
  return Number(returnsOf(events, pid, 'ftok')[0]?.value);
}

const exited = (events: readonly RunEvent[], pid: number) => events.some((e) => e.kind === 'exit' && e.pid === pid);

/** Step mode: let `pid` execute the line it waits at; resolves when it waits at its next line or has ended. */
async function stepOver(run: Run, events: readonly RunEvent[], pid: number): Promise<void> {
  const before = stepsOf(events, pid).length;
  expect(run.waitingPids(), `pid ${pid} waits at a line`).toContain(pid);
  run.advance(pid);
  await until(run, () => (stepsOf(events, pid).length > before && run.waitingPids().includes(pid)) || exited(events, pid), `pid ${pid} at its next line`);
}

async function bothAtFirstLine(run: Run, events: readonly RunEvent[]): Promise<{ sender: number; receiver: number }> {
  await until(run, () => run.waitingPids().length === 2, 'both programs at their first line');
  return { sender: pidsOf(events, 'sender')[0]!, receiver: pidsOf(events, 'receiver')[0]! };
}

const OK = { code: 0, signal: null, core: false };

/** Checks `predicate` every 20 ms until it holds: for what only /proc can tell (wchan). */
async function poll(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !predicate(); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One terminal of lab mode: the real CLI with --json, its events read as they come. */
class LabTerminal {
  readonly events: RunEvent[] = [];
  readonly exitCode: Promise<number | null>;
  private readonly child: ChildProcess;
  private readonly listeners = new Set<() => void>();
  private stderr = '';
  private closed = false;

  constructor(role: string, base: string) {
    this.child = spawn(process.execPath, [CLI, 'msgq', '--role', role, '--json'], {
      env: { ...process.env, TMPDIR: base, XDG_RUNTIME_DIR: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      this.events.push(JSON.parse(line) as RunEvent);
      for (const listener of this.listeners) listener();
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exitCode = new Promise((resolve) =>
      this.child.on('close', (code) => {
        this.closed = true;
        for (const listener of this.listeners) listener();
        resolve(code);
      }),
    );
  }

  get pid(): number {
    return pidsOf(this.events)[0]!;
  }

  until(predicate: (events: readonly RunEvent[]) => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (predicate(this.events)) {
          done();
          resolve();
        } else if (this.closed) {
          done();
          reject(new Error(`the CLI ended before ${what}: ${this.stderr.trim() || 'no stderr'}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
  }
}

describe('msgq demo', () => {
  it('types: the sender queues five typed messages, the receiver takes them by type 99, 2, -2, 0 and gets ENOMSG', async () => {
    const recorded = await recordRun('msgq', 'types');
    const { events, result } = recorded;
    const [sender] = pidsOf(events, 'sender');
    const [receiver] = pidsOf(events, 'receiver');
    expect(result.reason).toBe('done');
    expect(result.notes).toEqual([]);
    expect(result.exits.get('sender')).toEqual(OK);
    expect(result.exits.get('receiver')).toEqual(OK);
    expect(outputOf(events, sender!)).toEqual([
      `sender: pid ${sender}, queue ready`,
      'sender: msgsnd type 3 "first" (6 bytes)',
      'sender: msgsnd type 2 "second" (7 bytes)',
      'sender: msgsnd type 2 "third" (6 bytes)',
      'sender: msgsnd type 1 "fourth" (7 bytes)',
      'sender: msgsnd type 99 "done" (5 bytes)',
    ]);
    expect(outputOf(events, receiver!)).toEqual([
      `receiver: pid ${receiver}, queue ready`,
      'receiver: msgrcv type 99 -> type 99 "done" (5 bytes)',
      'receiver: msgrcv type 2 -> type 2 "second" (7 bytes)',
      'receiver: msgrcv type -2 -> type 1 "fourth" (7 bytes)',
      'receiver: msgrcv type 0 -> type 3 "first" (6 bytes)',
      'receiver: msgrcv type 1, IPC_NOWAIT -> ENOMSG',
      `receiver: IPC_STAT qnum 1, cbytes 6, last msgsnd by pid ${sender}`,
      'receiver: IPC_RMID, the queue is gone',
    ]);
    expect(stepsOf(events, sender!)).toEqual(['s-keyfile', 's-ftok', 's-msgget', 's-send', 's-send', 's-send', 's-send', 's-send-done']);
    expect(stepsOf(events, receiver!)).toEqual(['r-keyfile', 'r-ftok', 'r-msgget', 'r-wait-done', 'r-type-pos', 'r-type-neg', 'r-type-zero', 'r-nowait', 'r-stat', 'r-rmid', 'r-unlink']);
    // Both found one queue through one key, made by ftok from one file.
    expect(keyOf(events, sender!) >>> 24).toBe(0x71);
    expect(keyOf(events, receiver!)).toBe(keyOf(events, sender!));
    expect(returnsOf(events, receiver!, 'msgget')[0]!.value).toBe(returnsOf(events, sender!, 'msgget')[0]!.value);
    // The msgrcv types asked for, and what each call returned: bytes, or -1 with ENOMSG.
    const types = events.flatMap((e) => (e.kind === 'call' && e.pid === receiver && e.name === 'msgrcv' ? [[e.args[3], e.args[4]]] : []));
    expect(types).toEqual([[99, 0], [2, 0], [-2, 0], [0, 0], [1, 0o4000]]);
    const returned = returnsOf(events, receiver!, 'msgrcv').map((e) => (e.errno ? `${e.value} ${e.errno}` : e.value));
    expect(returned).toEqual([5, 7, 7, 6, '-1 ENOMSG']);
    const stat = returnsOf(events, receiver!, 'msgctl')[0]!.value;
    expect(stat).toMatchObject({ qnum: 1, cbytes: 6, lspid: sender, lrpid: receiver });
    expectNothingLeft(recorded);
  });

  it('types, stepped: qnum and cbytes in /proc/sysvipc/msg and the kernel panel, line by line, while the receiver sleeps in do_msgrcv', async () => {
    let keyFileAtUnlink: boolean | null = null;
    const recorded = await recordRun('msgq', 'types', { mode: 'step' }, async (run, events, snapshots) => {
      const { sender, receiver } = await bothAtFirstLine(run, events);
      /** After a line: the queue as the kernel says it now, and as the kernel panel comes to show it. */
      const expectLevel = async (qnum: number, cbytes: number) => {
        expect(level(key)).toEqual([qnum, cbytes]);
        await until(run, () => panel(snapshots).includes(`qnum ${qnum} cbytes ${cbytes}`), `the panel showing qnum ${qnum} cbytes ${cbytes}`);
      };

      // The receiver first: it makes the queue, then sleeps in msgrcv for type 99.
      for (let i = 0; i < 3; i++) await stepOver(run, events, receiver);
      const key = keyOf(events, receiver);
      // The key file is the one the run made in its own directory; the receiver removes it last.
      const keyFile = String(events.flatMap((e) => (e.kind === 'call' && e.name === 'ftok' && e.pid === receiver ? [e.args[0]] : []))[0]);
      expect(keyFile).toBe(join(run.dir, 'ipc.key'));
      run.on('event', (event) => {
        if (event.kind === 'return' && event.name === 'unlink') keyFileAtUnlink = existsSync(keyFile);
      });
      expect(queueRow(key)).toMatchObject({ perms: 600, qnum: 0, cbytes: 0, uid: process.getuid!() });
      await expectLevel(0, 0);
      run.advance(receiver);
      const asleep = () => snapshots.at(-1)?.processes.some((p) => p.pid === receiver && p.wchan === 'do_msgrcv' && p.state === 'S') === true;
      await until(run, () => run.procs.get(receiver)?.inCall === 'msgrcv' && asleep(), 'the receiver asleep in msgrcv');
      expect(wchan(receiver)).toBe('do_msgrcv');
      expect(procState(receiver)).toBe('S');

      // The sender finds the same queue; each msgsnd adds one message and its text's bytes.
      for (let i = 0; i < 3; i++) await stepOver(run, events, sender);
      expect(returnsOf(events, sender, 'msgget')[0]!.value).toBe(returnsOf(events, receiver, 'msgget')[0]!.value);
      for (const [qnum, cbytes] of [[1, 6], [2, 13], [3, 19], [4, 26]] as const) {
        await stepOver(run, events, sender);
        await expectLevel(qnum, cbytes);
        expect(run.procs.get(receiver)?.inCall, 'no message of type 99 yet: still asleep').toBe('msgrcv');
        expect(wchan(receiver)).toBe('do_msgrcv');
      }
      // Type 99 goes straight to the sleeping receiver: never counted in qnum.
      run.advance(sender);
      await until(run, () => exited(events, sender) && stepsOf(events, receiver).at(-1) === 'r-type-pos' && run.waitingPids().includes(receiver), 'the sender gone and the receiver awake');
      expect(queueRow(key)).toMatchObject({ qnum: 4, cbytes: 26, lspid: sender, lrpid: receiver });
      expect(outputOf(events, receiver).at(-1)).toBe('receiver: msgrcv type 99 -> type 99 "done" (5 bytes)');

      // The queue outlives its sender; the receiver takes by type 2, -2, 0, then 1 with IPC_NOWAIT.
      const taken = [
        [3, 19, 'receiver: msgrcv type 2 -> type 2 "second" (7 bytes)'],
        [2, 12, 'receiver: msgrcv type -2 -> type 1 "fourth" (7 bytes)'],
        [1, 6, 'receiver: msgrcv type 0 -> type 3 "first" (6 bytes)'],
        [1, 6, 'receiver: msgrcv type 1, IPC_NOWAIT -> ENOMSG'],
        [1, 6, `receiver: IPC_STAT qnum 1, cbytes 6, last msgsnd by pid ${sender}`],
      ] as const;
      for (const [qnum, cbytes, line] of taken) {
        await stepOver(run, events, receiver);
        await expectLevel(qnum, cbytes);
        expect(outputOf(events, receiver).at(-1)).toBe(line);
      }
      expect(returnsOf(events, receiver, 'msgrcv').at(-1)).toMatchObject({ value: -1, errno: 'ENOMSG' });

      // IPC_RMID: the row goes at once, "third" with it.
      await stepOver(run, events, receiver);
      expect(queueRow(key)).toBeUndefined();
      await until(run, () => !panel(snapshots).includes('msg id'), 'the queue gone from the panel');
      await stepOver(run, events, receiver);
    });
    expect(keyFileAtUnlink).toBe(false);
    expect(recorded.result.reason).toBe('done');
    expect(recorded.result.notes).toEqual([]);
    expect(recorded.result.exits.get('sender')).toEqual(OK);
    expect(recorded.result.exits.get('receiver')).toEqual(OK);
    expectNothingLeft(recorded);
  });

  it('size-bug: sizeof the struct ships 8 bytes from past the sender’s struct and writes them over the receiver’s guard', async () => {
    const recorded = await recordRun('msgq', 'size-bug', { mode: 'step' }, async (run, events, snapshots) => {
      const { sender } = await bothAtFirstLine(run, events);
      // The sender alone to its end: one message of 112 bytes, not 100.
      while (!exited(events, sender)) await stepOver(run, events, sender);
      const key = keyOf(events, sender);
      expect(queueRow(key)).toMatchObject({ qnum: 1, cbytes: 112, perms: 600 });
      await until(run, () => panel(snapshots).includes('qnum 1 cbytes 112'), 'the panel showing cbytes 112');
      expect(events.find((e) => e.kind === 'call' && e.pid === sender && e.name === 'msgsnd')).toMatchObject({ args: [expect.any(Number), 'buf[112]', 112, 0] });
      run.setMode('run');
    });
    const { events, result } = recorded;
    const [sender] = pidsOf(events, 'sender');
    const [receiver] = pidsOf(events, 'receiver');
    expect(outputOf(events, sender!)).toEqual([`sender: pid ${sender}, queue ready`, 'sender: msgsnd 112 bytes, the last 8 from past m: 0xa5a5a5a5a5a5a5a5']);
    expect(outputOf(events, receiver!)).toEqual([
      `receiver: pid ${receiver}, queue ready`,
      'receiver: msgrcv copied 112 bytes into mtext[100]',
      'receiver: guard was 0x5a5a5a5a5a5a5a5a, now 0xa5a5a5a5a5a5a5a5',
      'receiver: IPC_RMID, the queue is gone',
    ]);
    // A 112-byte struct, room given as 112: the kernel wrote 8 + 112 bytes at it.
    expect(events.find((e) => e.kind === 'call' && e.pid === receiver && e.name === 'msgrcv')).toMatchObject({ args: [expect.any(Number), 'buf[112]', 112, 0, 0] });
    expect(returnsOf(events, receiver!, 'msgrcv')[0]!.value).toBe(112);
    expect(stepsOf(events, receiver!)).toEqual(['r-keyfile', 'r-ftok', 'r-msgget', 'r-recv-full', 'r-rmid', 'r-unlink']);
    expect(result.notes).toEqual([]);
    expect(result.exits.get('sender')).toEqual(OK);
    expect(result.exits.get('receiver')).toEqual(OK);
    expectNothingLeft(recorded);
  });

  it.each(['types', 'size-bug'])('%s, receiver alone: asleep in do_msgrcv for good; the run removes the queue it leaves', async (variant) => {
    let seen: { wchan: string; state: string; level: [number, number] | null } | null = null;
    const recorded = await recordRun('msgq', variant, { roles: ['receiver'] }, (run, events) => {
      run.on('event', (event) => {
        // The note comes while the receiver still sleeps where it is stuck.
        if (event.kind === 'note' && event.code === 'stuck') {
          const pid = pidsOf(events, 'receiver')[0]!;
          seen = { wchan: wchan(pid), state: procState(pid), level: level(keyOf(events, pid)) };
        }
      });
    });
    const { events, result } = recorded;
    const [receiver] = pidsOf(events, 'receiver');
    expect(seen).toEqual({ wchan: 'do_msgrcv', state: 'S', level: [0, 0] });
    expect(result.reason).toBe('stuck');
    const last = events.filter((e) => (e.kind === 'call' || e.kind === 'return') && e.pid === receiver).at(-1);
    expect(last).toMatchObject({ kind: 'call', name: 'msgrcv' });
    expect(result.notes).toEqual(['stuck', 'leak-removed']);
    expect(result.exits.get('receiver')).toEqual({ code: null, signal: 'SIGKILL', core: false });
    expectNothingLeft(recorded);
  });

  it('types, sender alone: five messages stay in the queue after it exits, until the run removes them', async () => {
    let atExit: Record<string, number> | undefined;
    const recorded = await recordRun('msgq', 'types', { roles: ['sender'] }, (run, events) => {
      run.on('event', (event) => {
        if (event.kind === 'exit' && event.pid === pidsOf(events, 'sender')[0]) atExit = queueRow(keyOf(events, event.pid));
      });
    });
    const { events, result } = recorded;
    const [sender] = pidsOf(events, 'sender');
    expect(atExit).toMatchObject({ qnum: 5, cbytes: 31, lspid: sender, lrpid: 0, perms: 600 });
    expect(result.exits.get('sender')).toEqual(OK);
    expect(result.notes).toEqual(['leak-removed']);
    const id = returnsOf(events, sender!, 'msgget')[0]!.value;
    expect(events.find((e) => e.kind === 'note')).toMatchObject({ detail: expect.stringContaining(`msg ${id} `) });
    expectNothingLeft(recorded);
  });

  it('lab mode: receiver and sender as two CLIs, meeting in the per-user lab directory', async () => {
    const base = mkdtempSync(join(tmpdir(), 'ipc-msgq-lab-'));
    const receiver = new LabTerminal('receiver', base);
    let sender: LabTerminal | null = null;
    try {
      // The receiver's terminal first: it makes the queue and sleeps, waiting for a sender nobody has started.
      await receiver.until((events) => events.some((e) => e.kind === 'call' && e.name === 'msgrcv'), 'the receiver in msgrcv');
      await poll(() => wchan(receiver.pid) === 'do_msgrcv', 'the receiver asleep in do_msgrcv');
      // Asleep longer than a run alone takes to be called stuck (500 ms quiet, two polls): lab mode waits on.
      const asleepSince = Date.now();
      await poll(() => {
        expect(wchan(receiver.pid), 'the receiver still asleep').toBe('do_msgrcv');
        return Date.now() - asleepSince > 1500;
      }, 'the receiver asleep for 1.5 s');
      const labDir = join(base, `ipc-demo-${process.getuid!()}-lab-msgq-types`);
      expect(statSync(labDir).mode & 0o777).toBe(0o700);
      const key = keyOf(receiver.events, receiver.pid);
      expect(queueRow(key)).toMatchObject({ perms: 600, qnum: 0, cbytes: 0, uid: process.getuid!() });

      sender = new LabTerminal('sender', base);
      expect(await Promise.all([receiver.exitCode, sender.exitCode])).toEqual([0, 0]);
      const [r, s] = [receiver.pid, sender.pid];
      expect(keyOf(sender.events, s)).toBe(key);
      expect(outputOf(sender.events, s)).toHaveLength(6);
      expect(outputOf(receiver.events, r)).toEqual([
        `receiver: pid ${r}, queue ready`,
        'receiver: msgrcv type 99 -> type 99 "done" (5 bytes)',
        'receiver: msgrcv type 2 -> type 2 "second" (7 bytes)',
        'receiver: msgrcv type -2 -> type 1 "fourth" (7 bytes)',
        'receiver: msgrcv type 0 -> type 3 "first" (6 bytes)',
        'receiver: msgrcv type 1, IPC_NOWAIT -> ENOMSG',
        `receiver: IPC_STAT qnum 1, cbytes 6, last msgsnd by pid ${s}`,
        'receiver: IPC_RMID, the queue is gone',
      ]);
      for (const [terminal, pid] of [[receiver, r], [sender, s]] as const) {
        expect(terminal.events.filter((e) => e.kind === 'note'), 'no stuck run, nothing left to remove').toEqual([]);
        expect(terminal.events.find((e) => e.kind === 'exit' && e.pid === pid)).toMatchObject({ status: OK });
        expect(existsSync(`/proc/${pid}`), `process ${pid} left`).toBe(false);
      }
      expect(queueRow(key)).toBeUndefined();
      expect(readdirSync(base), 'the lab directory is removed by the last terminal out').toEqual([]);
    } finally {
      receiver.kill();
      sender?.kill();
      await Promise.all([receiver.exitCode, sender?.exitCode]);
      rmSync(base, { recursive: true, force: true });
    }
  });
});
