// A clean install prints no warning. npm 11 ends `npm ci` with the packages whose install
// scripts package.json's allowScripts does not cover; `npm install-scripts ls` prints that
// same list from the installed tree, in 3 s instead of a whole install.
// The decision (package.json, "allowScripts"): no dependency runs one. esbuild's postinstall
// only checks the binary its platform package (an optional dependency) already brings;
// koffi's install script would build it from source, and it ships prebuilt binaries.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('npm ci', () => {
  it('finds every install script decided in package.json: no "not yet covered by allowScripts" warning', (context) => {
    const r = spawnSync('npm', ['install-scripts', 'ls'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    // An npm without the command (npm 10, with Node 20) runs every install script and warns of none.
    if (/Unknown command/i.test(r.stderr + r.stdout)) context.skip();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^No packages with unreviewed install scripts\.$/m);
  }, 75_000);
});
