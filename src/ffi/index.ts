// Every libc call a demo may make, flat, as the traced facade wraps them.
import { calls as fcntl } from './fcntl.js';
import { calls as signal } from './signal.js';
import { calls as mman } from './sys-mman.js';
import { calls as socket } from './sys-socket.js';
import { calls as wait } from './sys-wait.js';
import { calls as unistd } from './unistd.js';

export const libcCalls = { ...unistd, ...fcntl, ...mman, ...signal, ...socket, ...wait };

export type Libc = typeof libcCalls;
