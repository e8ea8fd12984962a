// The CLI's informational commands, as a user types them.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../src/demos/registry.js';

const CLI = fileURLToPath(new URL('../bin/ipc-demo.js', import.meta.url));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '' }, timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ipc-demo list', () => {
  it('lists all seven in order, with variants, and the roles of the two-program demos', () => {
    const r = cli('list');
    expect(r.code).toBe(0);
    const ids = [...r.stdout.matchAll(/^ {2}(\d) {2}(\S+)/gm)].map((m) => m[2]);
    expect(ids).toEqual([...DEMO_IDS]);
    expect(r.stdout).toMatch(/ {2}4 {2}fifo .*\n {5}variants: .*\n {5}roles \(--role\): .*reader/);
    expect(r.stdout).not.toMatch(/ {2}1 {2}pipe .*\n.*\n {5}roles/);
  });

  it('speaks Chinese with --lang zh, before or after the command', () => {
    for (const args of [['list', '--lang', 'zh'], ['--lang', 'zh', 'list'], ['list', '-l', 'zh']]) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(/^ {2}1 {2}pipe {6}匿名管道/m);
      expect(r.stdout, args.join(' ')).toMatch(/角色（--role）/);
    }
  });
});

describe('ipc-demo --help', () => {
  it('documents clean, doctor and lab mode with examples', () => {
    const r = cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}clean +remove what/m);
    expect(r.stdout).toMatch(/^ {2}doctor +check/m);
    expect(r.stdout).toMatch(/ipc-demo fifo --role reader/);
  });
});

describe('play mode without a terminal', () => {
  it('a stuck run is said once and ends, as no one is at the keys to quit it', () => {
    const r = cli('pipe', '--variant', 'unclosed', '--mode', 'play', '--delay', '10', '--json');
    expect(r.code).toBe(0);
    const notes = r.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; code?: string; status?: { signal: string | null } })
      .filter((e) => e.kind === 'note');
    expect(notes.map((n) => n.code)).toEqual(['stuck']);
  });
});
