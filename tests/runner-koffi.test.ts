// A runner loads koffi's native module from koffi's package for this platform
// (@koromix/koffi-<platform>-<arch>, scripts/build.js's koffiNative). Where that package is not
// found from the CLI's folder (npm put it under koffi/node_modules, say), koffi's own entry finds it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { packageCopyPerTest } from './helpers/package-copy.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = packageCopyPerTest('ipc-runner-koffi');

it('without @koromix/koffi-<platform> beside koffi: the runners load koffi through its own entry', () => {
  // The copy's node_modules: every package but koffi's platform packages.
  const modules = join(pkg.dir, 'node_modules');
  rmSync(modules);
  mkdirSync(modules);
  for (const name of readdirSync(join(root, 'node_modules')).filter((n) => n !== '@koromix')) symlinkSync(join(root, 'node_modules', name), join(modules, name));
  const out = execFileSync(process.execPath, [join(pkg.dir, 'bin/ipc-demo.js'), 'pipe', '--mode', 'run', '--json'], { encoding: 'utf8', env: { ...process.env, TMPDIR: pkg.runs } });
  const events = out.trim().split('\n').map((line) => JSON.parse(line) as { kind: string; text?: string; status?: { code: number } });
  expect(events.filter((e) => e.kind === 'output').map((e) => e.text).join('\n')).toMatch(/child: read 17 bytes/);
  expect(events.filter((e) => e.kind === 'exit').map((e) => e.status?.code)).toEqual([0, 0]);
  expect(readdirSync(pkg.runs)).toEqual([]);
});
