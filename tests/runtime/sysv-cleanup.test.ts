// The record of a run's System V objects, and the removal of what is left:
// real objects, real /proc/sysvipc.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ftok, IPC_CREAT, IPC_RMID } from '../../src/ffi/sys-ipc.js';
import { msgctl, msgget } from '../../src/ffi/sys-msg.js';
import { createRunDir, KEY_FILE, recordObject } from '../../src/runtime/run-dir.js';
import { recordedObjectsLeft, removeRecordedObjects } from '../../src/runtime/sysv-cleanup.js';
import { sysvRows } from '../helpers/kernel.js';

let base = '';
let dir = '';
let made: number[] = [];

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'ipc-cleanup-'));
  dir = createRunDir(base);
});

afterEach(() => {
  for (const id of made) if (sysvRows('msg').some((row) => row.msqid === id)) msgctl(id, IPC_RMID);
  made = [];
  rmSync(base, { recursive: true, force: true });
});

describe('removing what a run left', () => {
  it('an object recorded by id is removed and named', async () => {
    const key = ftok(join(dir, KEY_FILE), 0x71);
    const id = msgget(key, IPC_CREAT | 0o600);
    made.push(id);
    recordObject(dir, 'msg', id, key);
    expect(recordedObjectsLeft(dir)).toBe(true);
    expect(await removeRecordedObjects(dir)).toEqual({ removed: [`msg ${id} (key 0x${(key >>> 0).toString(16).padStart(8, '0')})`], failed: [] });
    expect(sysvRows('msg').some((row) => row.msqid === id)).toBe(false);
  });

  it('a process killed between the get call and its record: the intent, by key, still finds it', async () => {
    const key = ftok(join(dir, KEY_FILE), 0x72);
    recordObject(dir, 'msg', null, key); // what the runtime writes before msgget
    const id = msgget(key, IPC_CREAT | 0o600); // …and then SIGKILL, before the id is written
    made.push(id);
    expect(recordedObjectsLeft(dir)).toBe(true);
    expect(await removeRecordedObjects(dir)).toEqual({ removed: [`msg ${id} (key 0x${(key >>> 0).toString(16).padStart(8, '0')})`], failed: [] });
    expect(recordedObjectsLeft(dir)).toBe(false);
  });

  it('an intent whose call never made anything, or an IPC_PRIVATE one, removes nothing', async () => {
    const key = ftok(join(dir, KEY_FILE), 0x73);
    recordObject(dir, 'msg', null, key);
    recordObject(dir, 'msg', null, 0);
    const other = msgget(0, IPC_CREAT | 0o600); // IPC_PRIVATE: key 0, not the run's
    made.push(other);
    expect(recordedObjectsLeft(dir)).toBe(false);
    expect(await removeRecordedObjects(dir)).toEqual({ removed: [], failed: [] });
    expect(sysvRows('msg').some((row) => row.msqid === other)).toBe(true);
  });
});
