// The fifo demo, run for real: two programs that meet by a path, seen from
// outside — where they sleep, what their fd tables hold, how they end.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { expectNothingLeft, outputOf, pidsOf, recordRun, stepUntil, until, type Recorded } from '../../../tests/helpers/run.js';

type Run = Recorded['run'];
type RunEvent = Recorded['events'][number];
type KernelSnapshot = Recorded['snapshots'][number];

const CLI = fileURLToPath(new URL('../../../bin/ipc-demo.js', import.meta.url));
const OK = { code: 0, signal: null, core: false };
const FAILED = { code: 1, signal: null, core: false };

function wchan(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/wchan`, 'utf8');
  } catch {
    return '';
  }
}

function returns(events: readonly RunEvent[], pid: number, name: string): RunEvent[] {
  return events.filter((e) => e.kind === 'return' && e.pid === pid && e.name === name);
}

/** The inodes of the FIFOs one process holds, as /proc shows them. */
function fifoInodes(snapshot: KernelSnapshot | undefined, pid: number): number[] {
  const proc = snapshot?.processes.find((p) => p.pid === pid);
  return (proc?.fds ?? []).filter((f) => f.kind === 'fifo').map((f) => f.inode!);
}

/**
 * Step mode: let `first` run until it sleeps in open() (wait_for_partner), the
 * other held at its first line; then let the other open too, and wait until
 * both fd tables hold the same FIFO inode.
 */
async function meet(run: Run, events: RunEvent[], snapshots: KernelSnapshot[], first: 'reader' | 'writer'): Promise<{ sleptIn: string; inode: number }> {
  const other = first === 'reader' ? 'writer' : 'reader';
  const pid = (role: string) => pidsOf(events, role)[0] ?? -1;
  await until(run, () => pid(first) > 0 && pid(other) > 0, 'both programs started');
  await stepUntil(run, () => run.procs.get(pid(first))?.inCall === 'open' && wchan(pid(first)) === 'wait_for_partner', `${first} asleep in open()`, (p) => p === pid(first));
  const sleptIn = wchan(pid(first));
  await until(run, () => run.procs.get(pid(other))?.waiting === true, `${other} held at its first line`);
  expect(returns(events, pid(other), 'open')).toEqual([]);
  // Step the other only through its own open(), so both then wait at their next lines with the FIFO open.
  await stepUntil(run, () => returns(events, pid(other), 'open').length === 1, `${other}'s open() returning`, (p) => p === pid(other));
  await until(run, () => returns(events, pid(first), 'open').length === 1, `${first}'s open() returning`);
  let inode = 0;
  await until(run, () => {
    const [a] = fifoInodes(snapshots.at(-1), pid(first));
    const [b] = fifoInodes(snapshots.at(-1), pid(other));
    inode = a ?? 0;
    return a !== undefined && a === b;
  }, 'the same FIFO inode in both fd tables').catch((error: unknown) => {
    throw new Error(`${String(error)}: ${JSON.stringify(snapshots.at(-1)?.processes.map((p) => [p.pid, p.fds]))} ${JSON.stringify([...run.procs.values()].map((p) => [p.pid, p.role, p.ownFds]))}`);
  });
  run.setMode('run');
  return { sleptIn, inode };
}

describe('fifo demo', () => {
  it('basic: one message through the FIFO, end of file, and the reader removes it', async () => {
    const recorded = await recordRun('fifo', 'basic');
    const { events, result } = recorded;
    const [writer] = pidsOf(events, 'writer');
    const [reader] = pidsOf(events, 'reader');
    expect(result.reason).toBe('done');
    expect(outputOf(events, writer!)).toEqual([
      `writer: pid ${writer}, opening fifo for writing`,
      'writer: open() returned, a reader has the FIFO open',
      'writer: wrote 22 bytes',
      'writer: closed its end',
    ]);
    expect(outputOf(events, reader!)).toEqual([
      `reader: pid ${reader}, opening fifo for reading`,
      'reader: open() returned, a writer has the FIFO open',
      'reader: read 22 bytes: "Hello through the FIFO"',
      'reader: end of file, the writer closed its end',
      'reader: removed fifo',
    ]);
    // Whoever came second found the FIFO there (EEXIST), checked it with stat() and used it.
    const mkfifos = events.filter((e) => e.kind === 'return' && e.name === 'mkfifo');
    expect(mkfifos.map((e) => (e as { errno?: string }).errno ?? 'ok').sort()).toEqual(['EEXIST', 'ok']);
    const second = mkfifos.find((e) => (e as { errno?: string }).errno === 'EEXIST')!.pid;
    expect(returns(events, second, 'stat')).toHaveLength(1);
    expect(returns(events, reader!, 'unlink')).toMatchObject([{ value: 0 }]);
    expect(returns(events, writer!, 'unlink')).toEqual([]);
    expect(result.exits.get('writer')).toEqual(OK);
    expect(result.exits.get('reader')).toEqual(OK);
    expectNothingLeft(recorded);
  });

  it('basic: the reader sleeps in open() until the writer opens; both then hold the same FIFO inode', async () => {
    let met = { sleptIn: '', inode: 0 };
    const recorded = await recordRun('fifo', 'basic', { mode: 'step' }, async (run, events, snapshots) => {
      met = await meet(run, events, snapshots, 'reader');
    });
    expect(met.sleptIn).toBe('wait_for_partner');
    expect(met.inode).toBeGreaterThan(0);
    expect(recorded.result.exits.get('reader')).toEqual(OK);
    expectNothingLeft(recorded);
  });

  it('basic: the writer sleeps in open() until the reader opens; the panel links both ends', async () => {
    let met = { sleptIn: '', inode: 0 };
    let access: string[] = [];
    const recorded = await recordRun('fifo', 'basic', { mode: 'step' }, async (run, events, snapshots) => {
      met = await meet(run, events, snapshots, 'writer');
      access = snapshots.at(-1)!.processes.flatMap((p) => p.fds.filter((f) => f.inode === met.inode).map((f) => `${f.kind} ${f.access}`)).sort();
    });
    expect(met.sleptIn).toBe('wait_for_partner');
    expect(access).toEqual(['fifo r', 'fifo w']);
    expect(recorded.result.exits.get('writer')).toEqual(OK);
    expectNothingLeft(recorded);
  });

  it('nonblock: with no reader, open(O_WRONLY | O_NONBLOCK) fails with ENXIO; the writer removes its FIFO and exits 1', async () => {
    const recorded = await recordRun('fifo', 'nonblock');
    const { events, result } = recorded;
    const [writer] = pidsOf(events, 'writer');
    expect(returns(events, writer!, 'open')).toMatchObject([{ value: -1, errno: 'ENXIO' }]);
    expect(returns(events, writer!, 'unlink')).toMatchObject([{ value: 0 }]);
    expect(outputOf(events, writer!).at(-1)).toBe('writer: open: ENXIO, no process has the FIFO open for reading');
    expect(result.exits.get('writer')).toEqual(FAILED);
    expectNothingLeft(recorded);
  });

  it('not-fifo: a regular file at the path gives EEXIST; stat() says it is no FIFO and both refuse, leaving it alone', async () => {
    const keyFile: { isFile: boolean | null } = { isFile: null };
    const recorded = await recordRun('fifo', 'not-fifo', {}, (run, events) => {
      run.on('event', (event) => {
        // The moment the second program has ended, the file is still there, still a regular file.
        if (event.kind === 'exit' && events.filter((e) => e.kind === 'exit').length === 2) keyFile.isFile = statSync(join(run.dir, 'ipc.key')).isFile();
      });
    });
    const { events, result } = recorded;
    for (const role of ['writer', 'reader']) {
      const [pid] = pidsOf(events, role);
      expect(returns(events, pid!, 'mkfifo')).toMatchObject([{ value: -1, errno: 'EEXIST' }]);
      expect(returns(events, pid!, 'stat')).toHaveLength(1);
      expect(returns(events, pid!, 'open')).toEqual([]);
      expect(returns(events, pid!, 'unlink')).toEqual([]);
      expect(outputOf(events, pid!)).toEqual([`${role}: ipc.key exists and is not a FIFO, refusing to use it`]);
      expect(result.exits.get(role)).toEqual(FAILED);
    }
    expect(keyFile.isFile).toBe(true);
    expectNothingLeft(recorded);
  });

  /** The reader's lines about the records, and the writers' ends, for the two PIPE_BUF variants. */
  async function records(variant: 'atomic' | 'torn', size: number): Promise<{ turns: number; torn: number }> {
    const recorded = await recordRun('fifo', variant);
    const { events, result } = recorded;
    const [reader] = pidsOf(events, 'reader');
    const lines = outputOf(events, reader!);
    expect(lines.slice(2, 3)).toEqual([`reader: 32 records of ${size} bytes from A, 32 from B`]);
    const counts = /^reader: the writers took turns (\d+) times, (\d+) of them in the middle of a record$/.exec(lines[3] ?? '');
    expect(counts, lines[3]).not.toBeNull();
    expect(lines.slice(4)).toEqual(['reader: end of file, both writers closed their ends', 'reader: removed fifo']);
    for (const [role, id] of [['writer', 'A'], ['writer2', 'B']] as const) {
      const [pid] = pidsOf(events, role);
      const writes = returns(events, pid!, 'write');
      expect(writes).toHaveLength(32);
      // A blocking write returns only when all of it is in, in one piece or several.
      expect(writes.every((e) => (e as { value: unknown }).value === size), `${role}: every write whole`).toBe(true);
      expect(outputOf(events, pid!).at(-2)).toBe(`writer ${id}: wrote 32 records of ${size} bytes`);
      expect(result.exits.get(role)).toEqual(OK);
    }
    expect(result.exits.get('reader')).toEqual(OK);
    expectNothingLeft(recorded);
    return { turns: Number(counts![1]), torn: Number(counts![2]) };
  }

  it('atomic: two writers, records of PIPE_BUF bytes, every turn at a record boundary', async () => {
    const { turns, torn } = await records('atomic', 4096);
    expect(torn).toBe(0);
    expect(turns).toBeGreaterThanOrEqual(1);
  });

  it('torn: records bigger than the pipe go in piece by piece; the counts add up', async () => {
    const { turns, torn } = await records('torn', 81920);
    // How many are torn is up to the scheduler; a tear is always also a turn.
    expect(torn).toBeLessThanOrEqual(turns);
    expect(turns).toBeGreaterThanOrEqual(1);
  });

  it('lab mode: a reader and a writer started as two CLIs meet in the lab directory, and leave nothing', async () => {
    // A private base for lab directories, so this test meets no one else's run.
    const base = mkdtempSync(join(tmpdir(), 'ipc-fifo-lab-'));
    const env = { XDG_RUNTIME_DIR: base, LANG: 'C' };
    try {
      const reader = execa(process.execPath, [CLI, 'fifo', '--role', 'reader', '--json'], { env, reject: false });
      const readerEvents: RunEvent[] = [];
      let pending = '';
      reader.stdout.on('data', (chunk: Buffer) => {
        pending += chunk.toString();
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const line of lines) if (line) readerEvents.push(JSON.parse(line) as RunEvent);
      });
      // The reader alone sleeps in open(): no stuck note, no end, until a writer comes.
      const deadline = Date.now() + 15_000;
      const asleep = () => readerEvents.some((e) => e.kind === 'call' && e.name === 'open' && wchan(e.pid) === 'wait_for_partner');
      while (!asleep() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(asleep(), 'reader asleep in open()').toBe(true);
      const labDir = readdirSync(base).map((name) => join(base, name));
      expect(labDir).toHaveLength(1);
      expect(readdirSync(labDir[0]!)).toContain('fifo');

      const writer = await execa(process.execPath, [CLI, 'fifo', '--role', 'writer', '--json'], { env, reject: false });
      const readerDone = await reader;
      expect(writer.exitCode).toBe(0);
      expect(readerDone.exitCode).toBe(0);
      const writerEvents = writer.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as RunEvent);
      const printed = (list: RunEvent[]) => list.flatMap((e) => (e.kind === 'output' ? [e.text.replace(/pid \d+/, 'pid N')] : []));
      expect(printed(writerEvents)).toEqual(['writer: pid N, opening fifo for writing', 'writer: open() returned, a reader has the FIFO open', 'writer: wrote 22 bytes', 'writer: closed its end']);
      expect(printed(readerEvents)).toEqual([
        'reader: pid N, opening fifo for reading',
        'reader: open() returned, a writer has the FIFO open',
        'reader: read 22 bytes: "Hello through the FIFO"',
        'reader: end of file, the writer closed its end',
        'reader: removed fifo',
      ]);
      expect(readerEvents.some((e) => e.kind === 'note')).toBe(false);
      for (const pid of [...pidsOf(readerEvents), ...pidsOf(writerEvents)]) expect(wchan(pid), `process ${pid} left`).toBe('');
      expect(readdirSync(base)).toEqual([]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
