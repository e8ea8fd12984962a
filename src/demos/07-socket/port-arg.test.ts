// tcp-server.c and tcp-client.c take PORT typed by hand: a typo must be refused, never read as
// another port (atoi() reads "80x" as 80, where the client then knocks a hundred times).
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { compile, removeBuilds } from '../../../tests/contract/c-program.js';
import { demoAndVariant } from '../../../tests/helpers/run.js';

afterAll(removeBuilds);

const { demo } = demoAndVariant('socket', 'tcp');

describe('tcp-*.c PORT', () => {
  it.each(['tcp-client.c', 'tcp-server.c'])('%s refuses a PORT that is not all a number from 1 to 65535: exit 2, and why', (file) => {
    const program = compile(demo, file);
    for (const port of ['80x', '', '0', '65536', '99999999999999999999']) {
      const run = spawnSync(program, [port], { encoding: 'utf8', timeout: 10_000 });
      expect({ port, status: run.status, stdout: run.stdout, stderr: run.stderr.replace(/^[^:]*: usage: \S+/, 'usage: PROGRAM') }).toEqual({
        port,
        status: 2,
        stdout: '',
        stderr: `usage: PROGRAM PORT: "${port}" is not a port (1 to 65535)\n`,
      });
    }
  });
});
