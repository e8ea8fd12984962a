// Bad input and a hostile environment: each gets a clear message that says
// what to do, a documented exit code, and leaves nothing behind.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../bin/ipc-demo.js', import.meta.url));
let base = '';

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'ipc-bad-'));
});

afterEach(() => {
  // Nothing of any run may be left in its private temp dir.
  expect(readdirSync(base).filter((n) => n.startsWith('ipc-demo-'))).toEqual([]);
  rmSync(base, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string> = {}, nodeArgs: string[] = []) {
  const result = spawnSync(process.execPath, [...nodeArgs, CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: base, XDG_RUNTIME_DIR: '', ...env },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Whether this process may make a private IPC namespace (root, with unshare(1)): limits can then be lowered there alone. */
const canUnshareIpc = spawnSync('unshare', ['--ipc', 'true']).status === 0;

describe('bad input', () => {
  it.skipIf(!canUnshareIpc).each([
    ['msgq', 'msgmni', '0', 'kernel.msgmni'],
    ['shm', 'shmmni', '0', 'kernel.shmmni'],
    ['shm', 'sem', '250 32000 32 0', 'kernel.sem(semmni)'],
  ])('%s with the System V limit %s exhausted: exit 1, the limit named and what to do, nothing left', (demo, file, value, label) => {
    // A private IPC namespace with the limit at 0: the host's objects and limits are untouched.
    const r = spawnSync('unshare', ['--ipc', 'sh', '-c', `echo "${value}" > /proc/sys/kernel/${file} && exec "$0" "$@"`, process.execPath, CLI, demo, '--plain'], {
      encoding: 'utf8',
      env: { ...process.env, TMPDIR: base, XDG_RUNTIME_DIR: '' },
      timeout: 30_000,
    });
    expect(r.status, r.stderr).toBe(1);
    const escaped = label.replace(/[.()]/g, '\\$&');
    expect(r.stdout).toMatch(new RegExp(`failed with ENOSPC: the system-wide limit ${escaped} = 0 is reached \\(\\d+ in use\\)`));
    expect(r.stdout).toMatch(/`ipc-demo clean` removes what dead ipc-demo runs left/);
    expect(r.stdout).toMatch(/sudo sysctl -w kernel\.\w+=(<more>|"<SEMMSL> <SEMMNS> <SEMOPM> <more>")\./);
  });

  it.skipIf(!canUnshareIpc)('shm with kernel.shmmax below a page: shmget EINVAL is explained like ENOSPC, exit 1, nothing left', () => {
    const r = spawnSync('unshare', ['--ipc', 'sh', '-c', 'echo 100 > /proc/sys/kernel/shmmax && exec "$0" "$@"', process.execPath, CLI, 'shm', '--plain'], {
      encoding: 'utf8',
      env: { ...process.env, TMPDIR: base, XDG_RUNTIME_DIR: '' },
      timeout: 30_000,
    });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/shmget\(\) failed with EINVAL: the segment asked for is larger than the system-wide limit kernel\.shmmax = 100 bytes/);
    expect(r.stdout).toMatch(/sudo sysctl -w kernel\.shmmax=<more>\./);
  });

  it('an unknown option: exit 2, the option named, and where to look', () => {
    const r = cli(['pipe', '--colour']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--colour'/);
  });

  it('a bad language or delay: exit 2 with the valid values', { timeout: 2 * 30_000 + 15_000 }, () => {
    expect(cli(['pipe', '--lang', 'fr'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/use zh or en/) });
    expect(cli(['pipe', '--delay', 'soon'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/milliseconds/) });
  });

  it('--role on a demo that forks instead: exit 2, says which demos take roles', () => {
    const r = cli(['pipe', '--role', 'reader']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/one program that forks/);
  });

  it('not Linux: exit 3, says why', () => {
    const fake = "data:text/javascript,Object.defineProperty(process,'platform',{value:'darwin'})";
    const r = cli(['pipe', '--plain'], {}, ['--import', fake]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/runs only on Linux \(this is darwin\)/);
  });

  it('the private directory cannot be created: exit 1, says which and what to do', () => {
    const notADir = join(base, 'file');
    writeFileSync(notADir, '');
    const r = cli(['pipe', '--plain'], { TMPDIR: notADir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot create its private directory under .*file.*TMPDIR/s);
    rmSync(notADir);
  });

  it('a runner that crashes: the run fails with exit 1 and says so; nothing is left', async () => {
    const child = spawn(process.execPath, [CLI, 'pipe', '--json', '--mode', 'play', '--delay', '200'], {
      env: { ...process.env, TMPDIR: base, XDG_RUNTIME_DIR: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const notes: string[] = [];
    const pids: number[] = [];
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as { kind: string; pid: number; role?: string; code?: string };
      if (event.kind === 'hello') pids.push(event.pid);
      // The first step: the runner is alive and waiting. A real SIGSEGV, from outside.
      if (event.kind === 'step' && pids.length === 1 && notes.length === 0) {
        notes.push('crashing');
        process.kill(pids[0]!, 'SIGSEGV');
      }
      if (event.kind === 'note') notes.push(event.code!);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(notes).toContain('runner-failed');
    expect(code).toBe(1);
    for (const pid of pids) expect(spawnSync('kill', ['-0', String(pid)]).status).not.toBe(0);
  });
});
