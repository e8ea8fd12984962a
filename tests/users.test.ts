// Users apart: two users on one lab server run the same demos at the same
// time, and one user runs two at once. No collision, nothing of one user's
// run readable by the other (0700 directories, 0600 objects), no EACCES.
// Creating the second user needs root: CI runs as root; elsewhere this is skipped.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demos, findDemo } from '../src/demos/registry.js';
import { parseSysvTable } from '../src/runtime/kernel/sysvipc.js';

const PEER = 'ipcdemo-peer';
const root = fileURLToPath(new URL('..', import.meta.url));
const isRoot = process.getuid?.() === 0;
let stage = '';
let peerUid = -1;

interface Seen {
  readonly code: number | null;
  readonly stderr: string;
  /** The run's last events, and whether it was ended for taking too long: what a failure names. */
  readonly last: string[];
  readonly timedOut: boolean;
  readonly keys: Set<number>;
  readonly dirs: Map<string, { mode: number; uid: number; peerCanList: boolean }>;
  readonly objects: { kind: string; perms: number; uid: number }[];
}

/** A copy of the built tool that any user can read: the clone itself may sit in root's home. */
function stageTool(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ipc-users-'));
  for (const part of ['bin', 'dist', 'package.json', 'node_modules/koffi', 'node_modules/@koromix']) cpSync(join(root, part), join(dir, part), { recursive: true });
  chmodSync(dir, 0o755);
  return dir;
}

function runAs(user: string | null, demo: string, base: string, uid: number, extra: string[] = []): Promise<Seen> {
  const cli = join(stage, 'bin/ipc-demo.js');
  const args = [cli, demo, '--json', '--mode', 'play', '--delay', '40', ...extra];
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: base, TMPDIR: base, XDG_STATE_HOME: process.env.XDG_STATE_HOME ?? '/nonexistent' };
  const child = user
    ? spawn('runuser', ['-u', user, '--', process.execPath, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const seen: Seen = { code: null, stderr: '', last: [], timedOut: false, keys: new Set(), dirs: new Map(), objects: [] };
  let stderr = '';
  let timedOut = false;
  // Well inside the test's own timeout: a run that never ends is stopped the orderly way (SIGTERM,
  // which runuser passes on), so that the failure says where it was, and nothing is left.
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM');
  }, 40_000);
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    seen.last.push(line);
    if (seen.last.length > 12) seen.last.shift();
    const event = JSON.parse(line) as { kind: string; name?: string; args?: unknown[]; pid: number };
    if (event.kind === 'call' && /^(shm|msg|sem)get$/.test(event.name ?? '')) seen.keys.add(Number(event.args?.[0]));
    if (event.kind === 'step') inspect(base, uid, seen);
  });
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ ...seen, code, stderr, timedOut });
    }),
  );
}

/** Who ran, and how it ended: its stderr and its last 12 events, one per line. */
function described(who: string, seen: Seen): string {
  return `${who}${seen.timedOut ? ' (never ended: stopped after 40 s)' : ''}, stderr: ${seen.stderr.trim() || '(none)'}, last events:\n${seen.last.join('\n')}`;
}

/**
 * Whether the peer can list a directory, asked once per directory: the runs of a lab share one,
 * and each `runuser` blocks this process, which reads the runs' events meanwhile.
 */
const peerCanListDir = new Map<string, boolean>();
function peerCanList(dir: string): boolean {
  let can = peerCanListDir.get(dir);
  if (can === undefined) {
    const ls = spawnSync('runuser', ['-u', PEER, '--', 'ls', dir], { stdio: 'ignore', timeout: 10_000 });
    if (ls.error) throw new Error(`runuser -u ${PEER} -- ls ${dir}: ${ls.error.message}`);
    peerCanListDir.set(dir, (can = ls.status === 0));
  }
  return can;
}

/** While the run is live: its user's directories and its System V objects, as the kernel has them. */
function inspect(base: string, uid: number, seen: Seen): void {
  for (const name of readdirSync(base).filter((n) => n.startsWith(`ipc-demo-${uid}-`))) {
    if (seen.dirs.has(name)) continue;
    try {
      const st = statSync(join(base, name));
      if (!st.isDirectory()) continue; // a lab's lock file beside its directory
      seen.dirs.set(name, { mode: st.mode & 0o777, uid: st.uid, peerCanList: peerCanList(join(base, name)) });
    } catch {
      // the run ended in between
    }
  }
  for (const kind of ['shm', 'msg', 'sem']) {
    for (const row of parseSysvTable(readFileSync(`/proc/sysvipc/${kind}`, 'utf8'))) {
      if (seen.keys.has(row.key!)) seen.objects.push({ kind, perms: row.perms!, uid: row.uid! });
    }
  }
}

describe.skipIf(!isRoot)('two users on one machine', () => {
  beforeAll(() => {
    if (spawnSync('id', ['-u', PEER]).status !== 0) {
      expect(spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', PEER]).status).toBe(0);
    }
    peerUid = Number(spawnSync('id', ['-u', PEER], { encoding: 'utf8' }).stdout.trim());
    stage = stageTool();
  });

  afterAll(() => {
    if (stage) rmSync(stage, { recursive: true, force: true });
  });

  it.each(demos.map((d) => d.id))('%s: root twice and a second user at once, apart', async (demo) => {
    // One shared temp dir (sticky, world-writable, as /tmp is) for all three runs:
    // root's two, as one user's two terminals, and the other user's.
    const base = mkdtempSync(join(tmpdir(), 'ipc-users-base-'));
    chmodSync(base, 0o1777);
    const bases = [base];
    try {
      const [a, b, peer] = await Promise.all([runAs(null, demo, base, 0), runAs(null, demo, base, 0), runAs(PEER, demo, base, peerUid)]);
      for (const [who, seen] of [['root (a)', a], ['root (b)', b], [PEER, peer]] as const) {
        expect(seen.stderr, who).not.toMatch(/EACCES|EEXIST|permission denied/i);
        expect(seen.code, described(who, seen)).toBe(0);
      }
      const rootDirs = [...a.dirs.values(), ...b.dirs.values()];
      expect(new Set([...a.dirs.keys(), ...b.dirs.keys()]).size).toBeGreaterThanOrEqual(2);
      for (const dir of rootDirs) expect(dir).toEqual({ mode: 0o700, uid: 0, peerCanList: false });
      for (const dir of peer.dirs.values()) expect(dir).toMatchObject({ mode: 0o700, uid: peerUid });
      for (const object of [...a.objects, ...b.objects]) expect(object).toMatchObject({ perms: 600, uid: 0 });
      for (const object of peer.objects) expect(object).toMatchObject({ perms: 600, uid: peerUid });
      // A demo that makes System V objects was seen making them, in every run.
      if (Object.values(findDemo(demo)!.sources).some((source) => /\b(shm|msg|sem)get\(/.test(source))) {
        for (const seen of [a, b, peer]) expect(seen.objects.length).toBeGreaterThan(0);
      }
      for (const base of bases) expect(readdirSync(base).filter((n) => n.startsWith('ipc-demo-'))).toEqual([]);
    } finally {
      for (const base of bases) rmSync(base, { recursive: true, force: true });
    }
  });

  it.each(demos.filter((d) => d.section === 'unrelated').map((d) => d.id))('%s in lab mode: each user\'s two terminals meet each other, never the other user\'s', async (demo) => {
    const base = mkdtempSync(join(tmpdir(), 'ipc-users-lab-'));
    chmodSync(base, 0o1777);
    try {
      const roles = Object.keys(findDemo(demo)!.variants[0]!.listings);
      const runs = await Promise.all(
        [null, PEER].flatMap((user) => roles.map((role) => runAs(user, demo, base, user ? peerUid : 0, ['--role', role]))),
      );
      const who = [null, PEER].flatMap((user) => roles.map((role) => `${user ?? 'root'} ${role}`));
      runs.forEach((seen, i) => {
        expect(seen.stderr, who[i]).not.toMatch(/EACCES|EEXIST|permission denied/i);
        expect(seen.code, described(who[i]!, seen)).toBe(0);
      });
      // Each user's lab directory is its own, and the other cannot look inside.
      const [rootA, rootB, peerA, peerB] = runs as [Seen, Seen, Seen, Seen];
      const labs = (seen: Seen) => [...seen.dirs.entries()].filter(([name]) => name.includes('-lab-'));
      for (const seen of runs) expect(labs(seen)).toHaveLength(1);
      expect(labs(rootA).map(([name]) => name)).toEqual(labs(rootB).map(([name]) => name));
      expect(labs(peerA).map(([name]) => name)).toEqual(labs(peerB).map(([name]) => name));
      for (const [, dir] of [...labs(rootA), ...labs(rootB)]) expect(dir).toEqual({ mode: 0o700, uid: 0, peerCanList: false });
      for (const [, dir] of [...labs(peerA), ...labs(peerB)]) expect(dir).toMatchObject({ mode: 0o700, uid: peerUid });
      for (const object of [...rootA.objects, ...rootB.objects]) expect(object).toMatchObject({ perms: 600, uid: 0 });
      for (const object of [...peerA.objects, ...peerB.objects]) expect(object).toMatchObject({ perms: 600, uid: peerUid });
      expect(readdirSync(base).filter((n) => n.startsWith('ipc-demo-'))).toEqual([]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
