// The shm demo, run for real: what /proc/sysvipc shows of the segment and its
// semaphores step by step, the bytes in the page, lost and exact counts, a
// leaked segment, and two terminals meeting in lab mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// Demos do not import the runtime: its types come through the test helpers.
import { expectNothingLeft, outputOf, pidsOf, recordRun, stepUntil, until, type Recorded } from '../../../tests/helpers/run.js';
import { CLI as BIN, Terminal } from '../../../tests/helpers/terminal.js';

type RunEvent = Recorded['events'][number];
type SysvRow = Readonly<Record<string, number>>;

/** /proc/sysvipc/{shm,sem}: a header naming the columns, one line per object. */
function parseSysvTable(text: string): SysvRow[] {
  const [header, ...lines] = text.trim().split('\n');
  const columns = header!.trim().split(/\s+/);
  return lines.map((line) => Object.fromEntries(line.trim().split(/\s+/).map((value, i) => [columns[i], Number(value)])));
}

const CLI = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));

function rows(kind: 'shm' | 'sem', id: number): SysvRow[] {
  return parseSysvTable(readFileSync(`/proc/sysvipc/${kind}`, 'utf8')).filter((row) => row[kind === 'shm' ? 'shmid' : 'semid'] === id);
}

function returns(events: readonly RunEvent[], pid: number | undefined, name: string): Extract<RunEvent, { kind: 'return' }>[] {
  return events.filter((e): e is Extract<RunEvent, { kind: 'return' }> => e.kind === 'return' && e.pid === pid && e.name === name);
}

const hex = (text: string) => Buffer.from(text, 'latin1').toString('hex');

function wchan(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/wchan`, 'utf8');
  } catch {
    return '';
  }
}

/** A process that has exited (a zombie not yet reaped, or gone) runs no more code. */
function exited(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

describe('shm demo', () => {
  it('basic: the segment in /proc/sysvipc/shm, nattch 0 1 2 1 0, perms 600, its bytes, then gone', async () => {
    const nattch: number[] = [];
    let shmid = -1;
    let semid = -1;
    const recorded = await recordRun('shm', 'basic', { mode: 'step' }, async (run, events, snapshots) => {
      const pid = (role: string) => pidsOf(events, role)[0];
      const only = (role: string) => (p: number) => p === pid(role);
      const done = (role: string, name: string, count = 1) => returns(events, pid(role), name).length >= count;
      const step = (role: string, name: string, count = 1) => stepUntil(run, () => done(role, name, count), `${role}: ${name} #${count} returned`, only(role));
      const segment = () => rows('shm', shmid)[0];

      await step('writer', 'shmget');
      shmid = returns(events, pid('writer'), 'shmget')[0]!.value as number;
      expect(segment()).toMatchObject({ perms: 600, size: 4096, nattch: 0 });
      nattch.push(segment()!.nattch!);
      await step('writer', 'semget');
      semid = returns(events, pid('writer'), 'semget')[0]!.value as number;
      expect(rows('sem', semid)).toEqual([expect.objectContaining({ perms: 600, nsems: 2 })]);
      await step('writer', 'shmat');
      nattch.push(segment()!.nattch!);
      // The writer stores its message, posts, and goes to sleep until the reply.
      const calls = (role: string, name: string) => events.filter((e) => e.kind === 'call' && e.pid === pid(role) && e.name === name).length;
      await stepUntil(run, () => calls('writer', 'semop') === 2, 'the writer asleep in semop', only('writer'));
      expect(returns(events, pid('writer'), 'semop')).toHaveLength(1);
      await until(run, () => /semtimedop/.test(wchan(pid('writer')!)), 'the writer asleep in the kernel');
      await step('reader', 'shmat');
      expect(returns(events, pid('reader'), 'shmget')[0]!.value).toBe(shmid);
      nattch.push(segment()!.nattch!);
      // What the kernel panel shows: the run's segment, attached twice, and the message in the reader's page.
      await until(run, () => snapshots.at(-1)?.sysv.shm?.some((row) => row.shmid === shmid && row.nattch === 2) === true, 'nattch 2 in a snapshot');
      await until(run, () => snapshots.at(-1)?.memory[pid('reader')!]?.[0]?.hex.startsWith(hex('Hello from the writer')) === true, 'the message in the reader’s page');
      // The reader reads, replies in place and posts: the writer sees the reply in its own page.
      await step('reader', 'semop', 2);
      await until(run, () => events.some((e) => e.kind === 'state' && e.pid === pid('writer') && e.memory?.[0]?.hex.startsWith(hex('Thanks, got it'))), 'the reply in the writer’s page');
      await step('writer', 'shmdt');
      expect(rows('sem', semid)).toEqual([]); // the writer removed the semaphores first
      nattch.push(segment()!.nattch!);
      await step('reader', 'shmdt');
      nattch.push(segment()!.nattch!);
      expect(segment()).toMatchObject({ perms: 600 }); // detached by all, yet still there
      await step('reader', 'shmctl', 2);
      expect(segment()).toBeUndefined();
      run.setMode('run');
    });
    expect(nattch).toEqual([0, 1, 2, 1, 0]);
    const [reader] = pidsOf(recorded.events, 'reader');
    const [writer] = pidsOf(recorded.events, 'writer');
    expect(outputOf(recorded.events, reader!)).toContain(`reader: IPC_STAT size 4096, nattch 2, created by pid ${writer}`);
    expect(outputOf(recorded.events, writer!)).toContain('writer: the reader replied "Thanks, got it"');
    expect(recorded.result.notes).toEqual([]);
    expect([...recorded.result.exits.values()].every((s) => s.code === 0)).toBe(true);
    expectNothingLeft(recorded);
  });

  it('leak: the segment outlives both processes, then ipc-demo removes it and says so', async () => {
    let afterBoth: SysvRow[] | null = null;
    const recorded = await recordRun('shm', 'leak', {}, (run, events) => {
      run.on('event', (event) => {
        if (event.kind !== 'exit' || afterBoth) return;
        const pids = pidsOf(events);
        if (pids.length < 2 || !pids.every((pid) => events.some((e) => e.kind === 'exit' && e.pid === pid))) return;
        // Both said their last word; once both have really exited, look before the controller cleans up.
        const deadline = Date.now() + 5000;
        while (!pids.every(exited) && Date.now() < deadline);
        const shmid = returns(events, pidsOf(events, 'writer')[0], 'shmget')[0]!.value as number;
        afterBoth = pids.every(exited) ? rows('shm', shmid) : null;
      });
    });
    const [writer] = pidsOf(recorded.events, 'writer');
    const shmid = returns(recorded.events, writer, 'shmget')[0]!.value as number;
    expect(afterBoth).toEqual([expect.objectContaining({ shmid, perms: 600, nattch: 0, size: 4096 })]);
    const notes = recorded.events.filter((e) => e.kind === 'note');
    expect(notes).toEqual([expect.objectContaining({ code: 'leak-removed', detail: expect.stringMatching(new RegExp(`^shm ${shmid} \\(key 0x[0-9a-f]{8}\\)$`)) })]);
    expect(rows('shm', shmid)).toEqual([]);
    expectNothingLeft(recorded);
  });

  it('race: without a lock, updates are lost', async () => {
    const recorded = await recordRun('shm', 'race');
    const [a] = pidsOf(recorded.events, 'a');
    const [b] = pidsOf(recorded.events, 'b');
    expect(outputOf(recorded.events, b!).at(-1)).toBe('b: added 1 2000 times');
    const last = outputOf(recorded.events, a!).at(-1)!;
    const [, count, lost] = /^a: count (\d+), expected 4000, lost (\d+)$/.exec(last) ?? [];
    expect(Number(count) + Number(lost)).toBe(4000);
    expect(Number(lost)).toBeGreaterThan(0);
    expectNothingLeft(recorded);
  });

  it('race in step mode too: the learner steps both to the start line, and the loops still overlap', async () => {
    const recorded = await recordRun('shm', 'race', { mode: 'step' }, async (run, events) => {
      await stepUntil(run, () => events.filter((e) => e.kind === 'output' && e.text.includes('added')).length === 2, 'both loops done');
      run.setMode('run');
    });
    const [a] = pidsOf(recorded.events, 'a');
    const lost = Number(/lost (\d+)$/.exec(outputOf(recorded.events, a!).at(-1)!)?.[1]);
    expect(lost).toBeGreaterThan(0);
    expectNothingLeft(recorded);
  });

  it('semaphore: the lock in /proc/sysvipc/sem (600, 3 semaphores) and an exact count', async () => {
    let semRow: SysvRow | undefined;
    const recorded = await recordRun('shm', 'semaphore', { mode: 'step' }, async (run, events) => {
      const a = () => pidsOf(events, 'a')[0];
      await stepUntil(run, () => returns(events, a(), 'semctl').length === 1, 'a set the lock to 1', (pid) => pid === a());
      const semid = returns(events, a(), 'semget')[0]!.value as number;
      semRow = rows('sem', semid)[0];
      run.setMode('run');
    });
    expect(semRow).toMatchObject({ perms: 600, nsems: 3 });
    const [a] = pidsOf(recorded.events, 'a');
    expect(outputOf(recorded.events, a!).at(-1)).toBe('a: count 4000, expected 4000, lost 0');
    expect(rows('sem', semRow!.semid!)).toEqual([]);
    expectNothingLeft(recorded);
  });

  it('lab mode: a and b in two terminals meet in the lab directory; b starts while a waits for it', async () => {
    const base = mkdtempSync(join(tmpdir(), 'ipc-shm-lab-'));
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: base, TMPDIR: base, XDG_STATE_HOME: process.env.XDG_STATE_HOME ?? '/nonexistent' };
    const keys = new Set<number>();
    const start = (role: string, onEvent: (event: RunEvent) => void) => {
      const child = spawn(process.execPath, [CLI, 'shm', '--variant', 'semaphore', '--role', role, '--mode', 'run', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const output: string[] = [];
      createInterface({ input: child.stdout }).on('line', (line) => {
        const event = JSON.parse(line) as RunEvent;
        if (event.kind === 'call' && /^(shm|sem)get$/.test(event.name)) keys.add(Number(event.args[0]));
        if (event.kind === 'output') output.push(event.text);
        onEvent(event);
      });
      const code = new Promise<number | null>((resolve) => child.on('exit', resolve));
      return { output, code };
    };
    try {
      let startB: () => void = () => undefined;
      const aWaits = new Promise<void>((resolve) => (startB = resolve));
      // a alone reaches its start line and sleeps there: its second semop (P on "b is here") called, not returned.
      let semops = 0;
      const a = start('a', (event) => {
        if (event.kind === 'call' && event.name === 'semop' && ++semops === 2) startB();
      });
      await aWaits;
      expect(readdirSync(base).filter((name) => name.includes('-lab-shm-semaphore'))).toHaveLength(1);
      const b = start('b', () => undefined);
      expect(await a.code).toBe(0);
      expect(await b.code).toBe(0);
      expect(a.output.at(-1)).toBe('a: count 4000, expected 4000, lost 0');
      expect(b.output.at(-1)).toBe('b: added 1 2000 times');
      expect(keys.size).toBe(1); // one key file, one key for both programs
      expect(readdirSync(base)).toEqual([]);
      for (const kind of ['shm', 'sem'] as const) {
        const left = parseSysvTable(readFileSync(`/proc/sysvipc/${kind}`, 'utf8')).filter((row) => keys.has(row.key!));
        expect(left, `${kind} left`).toEqual([]);
      }
    } finally {
      if (existsSync(base)) rmSync(base, { recursive: true, force: true });
    }
  });

  it('the terminal closes mid-run (SIGHUP, its tty gone): the segment and the semaphores go with the run', async () => {
    const base = mkdtempSync(join(tmpdir(), 'ipc-shm-hup-'));
    // What the controller says on stderr, and its exit status, name the way out it took if it leaves something.
    const log = `${base}.log`;
    const term = new Terminal(`env -u CI ${process.execPath} ${BIN} shm --variant race 2>${log}; echo "exit $?" >>${log}`, 140, 30, { TMPDIR: base, XDG_RUNTIME_DIR: '' });
    try {
      const stepOf = (screen: string) => Number(/· step (\d+)/.exec(screen)?.[1] ?? -1);
      let screen = await term.waitFor((s) => stepOf(s) >= 1, 'the first step');
      // Step until the kernel has the segment (made by a process on the screen), then see it on screen.
      const segment = (s: string) => {
        const pids = [...s.matchAll(/ [AB] [ab] (\d+)/g)].map((m) => Number(m[1]));
        return parseSysvTable(readFileSync('/proc/sysvipc/shm', 'utf8')).find((row) => pids.includes(row.cpid!));
      };
      while (!segment(screen)) {
        // A key takes a process to its next line, or into a call it sleeps in (meet's semop):
        // either way the screen changes.
        const before = screen;
        term.keys('Space');
        screen = await term.waitFor((s) => s !== before, 'the effect of the key');
      }
      const { shmid, key } = segment(screen)! as { shmid: number; key: number };
      screen = await term.waitFor((s) => s.includes(`shm id ${shmid} `), 'the segment in the kernel panel');
      const live = (kind: 'shm' | 'sem') => parseSysvTable(readFileSync(`/proc/sysvipc/${kind}`, 'utf8')).filter((row) => row.key === key);
      expect(live('shm')).toHaveLength(1);
      const cli = Number(readFileSync(`/proc/${term.shellPid()}/task/${term.shellPid()}/children`, 'utf8').trim().split(' ')[0]);
      term.close();
      const deadline = Date.now() + 15_000;
      while (existsSync(`/proc/${cli}`) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(existsSync(`/proc/${cli}`), 'the controller ended').toBe(false);
      const said = () => (existsSync(log) ? readFileSync(log, 'utf8') : '(no log)');
      expect(live('shm'), `${JSON.stringify(readdirSync(base, { recursive: true }))}\n${said()}`).toEqual([]);
      expect(live('sem')).toEqual([]);
      expect(readdirSync(base)).toEqual([]);
    } finally {
      term.close();
      // Had the run left anything, its record is in `base`: the sweep removes it before the directory goes.
      spawnSync(process.execPath, [BIN, 'clean'], { env: { ...process.env, TMPDIR: base, XDG_RUNTIME_DIR: '' }, stdio: 'ignore' });
      rmSync(base, { recursive: true, force: true });
      rmSync(log, { force: true });
    }
  });
});
