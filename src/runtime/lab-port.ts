// Demos that meet by a TCP port (socket --variant tcp): a free one on 127.0.0.1, and in lab mode
// the one both terminals use.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Lab mode: two terminals must meet at one port. The first to come picks a free
 * one and leaves it in the shared directory; the other reads it there.
 */
export async function labPort(dir: string): Promise<number> {
  const file = join(dir, 'port');
  if (!existsSync(file)) {
    const port = await freeLoopbackPort();
    try {
      writeFileSync(file, String(port), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  // The other terminal may have created the file an instant ago and not written it yet.
  for (let tries = 0; tries < 100; tries++) {
    const port = Number(readFileSync(file, 'utf8'));
    if (port > 0) return port;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${file} holds no port`);
}
