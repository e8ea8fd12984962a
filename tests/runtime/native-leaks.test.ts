// What a learner's C program leaves behind is a lesson: reported, then removed. A program
// compiled with the native runtime leaks a System V segment, a FIFO and a socket file of its
// own (outside the run's directory, where a student would put them); the run names each as
// it removes it, and nothing is left. Real cc, real controller, real kernel objects.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { programLauncher } from '../helpers/native.js';
import { removeRecordedPaths } from '../../src/runtime/path-cleanup.js';
import { expectNothingLeft, recordRun } from '../helpers/run.js';
import { sysvRows } from '../helpers/kernel.js';

let elsewhere = '';
afterEach(() => rmSync(elsewhere, { recursive: true, force: true }));

const program = (fifo: string, socketPath: string) => `#include <stdio.h>
#include <string.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

int main(void) {
    int shmid = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    if (shmid == -1 || mkfifo("${fifo}", 0600) == -1) return 1;
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    strcpy(addr.sun_path, "${socketPath}");
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) == -1) return 1;
    printf("segment %d\\n", shmid);
    return 0; /* no IPC_RMID, no unlink(): all three outlive the program */
}
`;

describe('a native program’s leaks', () => {
  it('its System V segment, FIFO and socket file are named as they are removed, and none is left', async () => {
    elsewhere = mkdtempSync(join(tmpdir(), 'ipc-demo-native-leaks-'));
    const fifo = join(elsewhere, 'myfifo');
    const socketPath = join(elsewhere, 'my.sock');
    const launcher = programLauncher('leaky.c', program(fifo, socketPath));
    const recorded = await recordRun('pipe', 'basic', { launcher, roles: ['main'] });
    const segment = recorded.events.find((e) => e.kind === 'output')!;
    const shmid = Number(/segment (\d+)/.exec(segment.kind === 'output' ? segment.text : '')![1]);
    const notes = recorded.events.flatMap((e) => (e.kind === 'note' ? [`${e.code} ${e.detail}`] : []));
    expect(notes.sort()).toEqual([`leak-removed fifo ${fifo}`, `leak-removed shm ${shmid} (key 0x00000000)`, `leak-removed socket ${socketPath}`].sort());
    expect(existsSync(fifo) || existsSync(socketPath)).toBe(false);
    expect(sysvRows('shm').some((row) => row.shmid === shmid)).toBe(false);
    expectNothingLeft(recorded);
  });

  it('a recorded path is removed only while it is still the FIFO or socket the program made: one made again since, or a file, is not touched', () => {
    elsewhere = mkdtempSync(join(tmpdir(), 'ipc-demo-native-leaks-'));
    const run = join(elsewhere, 'run');
    mkdirSync(run);
    const made = join(elsewhere, 'made');
    const remade = join(elsewhere, 'remade');
    const file = join(elsewhere, 'file');
    const record = (path: string) => `path ${statSync(path).dev} ${statSync(path).ino} ${path}\n`;
    execFileSync('mkfifo', [made, remade]);
    writeFileSync(file, 'data');
    const objects = record(made) + record(remade) + record(file);
    // remade: unlinked and made again by someone else since: another inode, not the run's.
    rmSync(remade);
    writeFileSync(join(elsewhere, 'spacer'), ''); // takes the freed inode, if the filesystem reuses it at once
    execFileSync('mkfifo', [remade]);
    writeFileSync(join(run, 'objects'), objects);
    expect(removeRecordedPaths(run)).toEqual({ removed: [`fifo ${made}`], failed: [] });
    expect([existsSync(made), existsSync(remade), existsSync(file)]).toEqual([false, true, true]);
  });
});
