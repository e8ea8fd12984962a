// What the README and docs/ say is what the code does: every variant in the demo table, every
// --json event kind, field and note documented, and every link to a file of the repository.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { demos } from '../src/demos/registry.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(root, 'bin/ipc-demo.js');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const docs = ['README.md', ...readdirSync(join(root, 'docs')).map((name) => `docs/${name}`)];

describe('the README', () => {
  it.each(demos.map((demo) => [demo.id, demo] as const))('names every variant of %s in its row of the demo table', (id, demo) => {
    const row = read('README.md').split('\n').find((line) => line.startsWith(`| ${demo.order} | \`${id}\` |`));
    expect(row, `the row of ${id}`).toBeDefined();
    for (const variant of demo.variants) expect(row, variant.id).toContain(`\`${variant.id}\``);
  });
});

describe('links', () => {
  it.each(docs)('%s links only files of the repository, which exist', (doc) => {
    const links = [...read(doc).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((target) => !/^[a-z]+:/.test(target));
    for (const target of links) {
      const path = resolve(dirname(join(root, doc)), target);
      expect(relative(root, path), `${doc} → ${target}`).not.toMatch(/^\.\./);
      expect(existsSync(path), `${doc} → ${target}`).toBe(true);
    }
  });
});

describe('--json', () => {
  // Between them these runs make every kind of event: a fork, a pipe, a failed call, shared memory, a leak.
  const runs = [['pipe', '--variant', 'reader-gone-ignore'], ['anon-mem'], ['shm', '--variant', 'leak']];
  it('documents every event kind, every field of each, and every note code', { timeout: runs.length * 30_000 + 10_000 }, () => {
    const doc = read('docs/json-events.md');
    const fields = new Map<string, Set<string>>();
    for (const args of runs) {
      const r = spawnSync(process.execPath, [CLI, ...args, '--json'], { encoding: 'utf8', timeout: 30_000 });
      expect(r.status, r.stderr).toBe(0);
      for (const line of r.stdout.trim().split('\n')) {
        const event = JSON.parse(line) as Record<string, unknown>;
        const kind = String(event.kind);
        fields.set(kind, new Set([...(fields.get(kind) ?? []), ...Object.keys(event)]));
      }
    }
    expect([...fields.keys()].sort()).toEqual(['call', 'exit', 'hello', 'note', 'output', 'return', 'state', 'step']);
    for (const [kind, keys] of fields) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${kind}\` |`)) ?? '';
      expect(row, `the row of ${kind}`).not.toBe('');
      for (const key of keys) if (!['kind', 'pid', 't'].includes(key)) expect(row, `${kind}.${key}`).toContain(`\`${key}\``);
    }
    for (const key of ['kind', 'pid', 't']) expect(doc).toContain(`| \`${key}\` |`);
    // The note codes, as the type lists them.
    const codes = [...read('src/runtime/events.ts').matchAll(/^\s*\| '([a-z-]+)'/gm)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(5);
    for (const code of codes) expect(doc, code).toContain(`| \`${code}\` |`);
  });
});
