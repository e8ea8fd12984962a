// The Node twins of shm-writer.c, shm-reader.c and shm-counter.c: the same calls,
// in the same order, on the same lines.
import { O_CREAT, O_RDONLY } from '../../ffi/fcntl.js';
import type { Pointer } from '../../ffi/libc.js';
import { IPC_CREAT, IPC_RMID, IPC_STAT } from '../../ffi/sys-ipc.js';
import { memoryView } from '../../ffi/sys-mman.js';
import { SEM_UNDO, sembuf, semop as untracedSemop, SETVAL } from '../../ffi/sys-sem.js';
import { usleep as untracedUsleep } from '../../ffi/unistd.js';
import type { DemoRoles, Proc } from '../types.js';

const SIZE = 4096; // one page
const PROJECT = 'm'.charCodeAt(0);
const WRITTEN = 0;
const REPLIED = 1;
const A_HERE = 0;
const B_HERE = 1;
const LOCK = 2;
/**
 * Each addition sleeps PAUSE_US (and the timer slack, ~50 µs more) between its load and its store,
 * so a race loop lasts at least 0.2 s: far longer than the other process can take to be scheduled
 * after the rendezvous, even on a busy machine, so the two loops overlap.
 */
const TIMES = 2000;
const PAUSE_US = 100;

/** What printf("%s", mem) prints: the bytes up to the first NUL. */
function cString(mem: Pointer): string {
  const page = memoryView(mem, SIZE);
  const end = page.indexOf(0);
  return Buffer.from(page.subarray(0, end === -1 ? SIZE : end)).toString('latin1');
}

/** strcpy into the segment: plain stores, no system call. */
function store(mem: Pointer, text: string): void {
  memoryView(mem, SIZE).set(Buffer.from(`${text}\0`, 'latin1'));
}

function sem(p: Proc, semid: number, num: number, op: number, flags = 0): void {
  p.c.semop(semid, sembuf(num, op, flags));
}

/** ftok on the key file, then the segment and a semaphore set for that key: steps `<prefix>-keyfile` … `-semget`. */
function open(p: Proc, prefix: string, keyfile: string, nsems: number): { shmid: number; semid: number } {
  const { c } = p;
  p.step(`${prefix}-keyfile`);
  c.close(c.open(keyfile, O_RDONLY | O_CREAT, 0o600));
  p.step(`${prefix}-ftok`);
  const key = c.ftok(keyfile, PROJECT);
  p.step(`${prefix}-shmget`);
  const shmid = c.shmget(key, SIZE, IPC_CREAT | 0o600);
  p.step(`${prefix}-semget`);
  const semid = c.semget(key, nsems, IPC_CREAT | 0o600);
  return { shmid, semid };
}

function writer(p: Proc): void {
  const { c } = p;
  const { shmid, semid } = open(p, 'w', p.args.at(-1) ?? '', 2);
  p.print(`writer: pid ${c.getpid()}, shmid ${shmid}, semid ${semid}`);
  p.step('w-shmat');
  const mem = c.shmat(shmid, 0);
  p.step('w-write');
  store(mem, 'Hello from the writer');
  p.print(`writer: wrote "${cString(mem)}"`);
  p.step('w-post');
  sem(p, semid, WRITTEN, +1);
  p.step('w-wait');
  sem(p, semid, REPLIED, -1);
  p.print(`writer: the reader replied "${cString(mem)}"`);
  p.step('w-semrm');
  c.semctl(semid, 0, IPC_RMID);
  p.step('w-shmdt');
  c.shmdt(mem);
  p.print('writer: detached');
}

const INT_MAX = 2 ** 31 - 1;

/** An id typed by hand, refused as shm-reader.c's parse_id() refuses it: anything but a whole number from 0 to INT_MAX. */
function parseId(what: string, text: string): number {
  const id = /^\s*[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(id >= 0 && id <= INT_MAX)) throw new Error(`${what} "${text}" is not an id: a number from 0 to ${INT_MAX}`);
  return id;
}

function reader(p: Proc): void {
  const { c } = p;
  let first = 0;
  let variant = 'basic';
  if (p.args[0] === 'basic' || p.args[0] === 'leak') variant = p.args[first++]!;
  const rest = p.args.slice(first);
  let ids: { shmid: number; semid: number };
  if (rest.length === 2) ids = { shmid: parseId('shmid', rest[0]!), semid: parseId('semid', rest[1]!) };
  else if (rest.length === 1) ids = open(p, 'r', rest[0]!, 2);
  else throw new Error('usage: shm-reader [basic|leak] KEYFILE | SHMID SEMID');
  const { shmid, semid } = ids;
  p.print(`reader: pid ${c.getpid()}, shmid ${shmid}, semid ${semid}`);

  p.step('r-shmat');
  const mem = c.shmat(shmid, 0);
  p.step('r-wait');
  sem(p, semid, WRITTEN, -1);
  p.step('r-read');
  p.print(`reader: read "${cString(mem)}"`);
  p.step('r-stat');
  const ds = c.shmctl(shmid, IPC_STAT)!;
  p.print(`reader: IPC_STAT size ${ds.segsz}, nattch ${ds.nattch}, created by pid ${ds.cpid}`);
  p.step('r-reply');
  store(mem, 'Thanks, got it');
  p.step('r-post');
  sem(p, semid, REPLIED, +1);
  p.step('r-shmdt');
  c.shmdt(mem);
  p.print('reader: detached');
  if (variant === 'leak') {
    p.step('r-forget');
    p.print('reader: no IPC_RMID, the segment outlives us');
    return;
  }
  p.step('r-rmid');
  c.shmctl(shmid, IPC_RMID);
  p.print('reader: IPC_RMID, the segment goes when the last process detaches');
}

/** The loop, outside any step: in step mode the two processes still race through it together. */
function add(count: Int32Array, semid: number, times: number, locked: boolean): void {
  // The C loop makes a usleep call per addition, and two semop calls when locked; traced, thousands
  // of them would bury the lesson's events, so the twin makes the same calls here without reporting each one.
  const lock = sembuf(LOCK, -1, SEM_UNDO);
  const unlock = sembuf(LOCK, +1, SEM_UNDO);
  for (let i = 0; i < times; i++) {
    if (locked) untracedSemop(semid, lock);
    const seen = count[0]!; // load …
    untracedUsleep(PAUSE_US); // … off the CPU, as if preempted here …
    count[0] = seen + 1; // … add, store: over whatever the other stored meanwhile
    if (locked) untracedSemop(semid, unlock);
  }
}

function counter(p: Proc): void {
  const { c } = p;
  const [variant, me, keyfile] = p.args;
  if (p.args.length !== 3 || (me !== 'a' && me !== 'b')) throw new Error('usage: shm-counter race|semaphore a|b KEYFILE');
  const locked = variant === 'semaphore';
  const a = me === 'a';
  const { shmid, semid } = open(p, 'c', keyfile!, 3);
  p.print(`${me}: pid ${c.getpid()}, shmid ${shmid}, semid ${semid}`);
  p.step('c-shmat');
  const mem = c.shmat(shmid, 0);
  const page = memoryView(mem, SIZE);
  const count = new Int32Array(page.buffer, page.byteOffset, 1);
  if (a && locked) {
    p.step('lock-init');
    c.semctl(semid, LOCK, SETVAL, { val: 1 }); // union semun, as semctl(2) requires
  }
  // meet(): V on my "here", then P on the other's, with no step between them, so that in step
  // mode too the second to arrive goes straight on and the two loops run at the same time.
  p.step('start');
  sem(p, semid, a ? A_HERE : B_HERE, +1);
  sem(p, semid, a ? B_HERE : A_HERE, -1);
  add(count, semid, TIMES, locked);
  p.print(`${me}: added 1 ${TIMES} times`);

  if (!a) {
    p.step('b-done');
    sem(p, semid, B_HERE, +1);
    p.step('b-shmdt');
    c.shmdt(mem);
    return;
  }
  p.step('a-wait');
  sem(p, semid, B_HERE, -1);
  const total = count[0]!;
  p.print(`a: count ${total}, expected ${2 * TIMES}, lost ${2 * TIMES - total}`);
  p.step('a-shmdt');
  c.shmdt(mem);
  p.step('a-rmid');
  c.shmctl(shmid, IPC_RMID);
  p.step('a-semrm');
  c.semctl(semid, 0, IPC_RMID);
}

export const roles: DemoRoles = { writer, reader, a: counter, b: counter };
