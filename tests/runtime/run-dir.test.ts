// The key file of a run: ftok() keeps only 16 bits of its inode, so another run's
// key file can give the same key. A run's key file is never one whose key an object
// on the machine already has. Real files, real ftok(), a real message queue.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ftok, IPC_CREAT, IPC_RMID } from '../../src/ffi/sys-ipc.js';
import { msgctl, msgget } from '../../src/ffi/sys-msg.js';
import { createRunDir, ftokBits, KEY_FILE, removeRunDir } from '../../src/runtime/run-dir.js';

const bases: string[] = [];
const queues: number[] = [];
afterEach(() => {
  for (const id of queues.splice(0)) msgctl(id, IPC_RMID);
  for (const base of bases.splice(0)) rmSync(base, { recursive: true, force: true });
});

describe('the run’s key file', () => {
  it('is ftok()’s file: its key is the project byte over the bits ftokBits names', () => {
    const base = mkdtempSync(join(tmpdir(), 'ipc-key-'));
    bases.push(base);
    const keyFile = join(createRunDir(base), KEY_FILE);
    expect(ftok(keyFile, 0x71) >>> 0).toBe(((0x71 << 24) | ftokBits(keyFile)) >>> 0);
  });

  it('is made again while an object on the machine has its key', (context) => {
    const base = mkdtempSync(join(tmpdir(), 'ipc-key-'));
    bases.push(base);
    // A first run dir, made and removed: the next one gets the same inodes here (ext4 hands a
    // freed inode out again), so its first key file candidate would give the same key.
    const first = createRunDir(base);
    const firstIno = statSync(first).ino;
    const taken = ftokBits(join(first, KEY_FILE));
    removeRunDir(first);
    // Another program's queue, under that key (any project byte: all 24 low bits must differ).
    queues.push(msgget((0x7a << 24) | taken, IPC_CREAT | 0o600));
    const second = createRunDir(base);
    if (statSync(second).ino !== firstIno) context.skip('this filesystem did not hand the same inodes out again: the collision cannot be staged');
    const bits = ftokBits(join(second, KEY_FILE));
    expect(bits).not.toBe(taken);
    // The candidates that were not chosen are gone.
    expect(readdirSync(second).sort()).toEqual([KEY_FILE, `owner-${process.pid}.json`]);
  });
});
