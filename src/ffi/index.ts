// Every libc call a demo may make, flat, as the traced facade wraps them.
import { calls as fcntl } from './fcntl.js';
import { calls as signal } from './signal-program.js';
import { calls as ipc } from './sys-ipc.js';
import { calls as mman } from './sys-mman.js';
import { calls as msg } from './sys-msg.js';
import { calls as sem } from './sys-sem.js';
import { calls as shm } from './sys-shm.js';
import { calls as socket } from './sys-socket.js';
import { calls as stat } from './sys-stat.js';
import { calls as wait } from './sys-wait.js';
import { calls as unistd } from './unistd.js';

export const libcCalls = { ...unistd, ...fcntl, ...mman, ...signal, ...socket, ...wait, ...stat, ...ipc, ...shm, ...sem, ...msg };

export type Libc = typeof libcCalls;
