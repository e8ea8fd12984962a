// The Node twins of fifo-writer.c and fifo-reader.c: the same calls, in the
// same order, on the same lines. They meet only by the path on their argv.
import { O_NONBLOCK, O_RDONLY, O_WRONLY } from '../../ffi/fcntl.js';
import { ErrnoError } from '../../ffi/libc.js';
import { isFifo } from '../../ffi/sys-stat.js';
import type { DemoRoles, Proc } from '../types.js';

/** <limits.h>: writes of up to this many bytes to a pipe or FIFO are atomic. */
const PIPE_BUF = 4096;
/** atomic, torn: the writers A and B, and the records each sends. */
const WRITERS = 2;
const RECORDS = 32;
/** torn: 20 pages, more than PIPE_BUF and more than the pipe holds. */
const TORN_SIZE = 20 * PIPE_BUF;
const MESSAGE = 'Hello through the FIFO';

function base(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Whoever comes first creates the FIFO; the other finds it (EEXIST) and uses it if it is one. */
function makeFifo(p: Proc, me: string, path: string): boolean {
  p.step('mkfifo');
  try {
    p.c.mkfifo(path, 0o600);
    return true;
  } catch (error) {
    if (!(error instanceof ErrnoError) || error.code !== 'EEXIST') throw error;
  }
  p.step('stat');
  const { mode } = p.c.stat(path);
  if (!isFifo(mode)) {
    p.print(`${me}: ${base(path)} exists and is not a FIFO, refusing to use it`);
    p.step('refuse');
    p.exit(1);
  }
  return false;
}

function writer(p: Proc): void {
  const { c } = p;
  const mode = p.args.length > 1 ? p.args[0]! : 'basic';
  const path = p.args.at(-1)!;
  const torn = mode === 'torn';
  const records = (torn || mode === 'atomic') && p.args.length > 2;
  const size = torn ? TORN_SIZE : PIPE_BUF;
  const id = records ? p.args[1]!.charAt(0) : '';
  const me = records ? `writer ${id}` : 'writer';

  const created = makeFifo(p, me, path);
  p.print(`${me}: pid ${c.getpid()}, opening ${base(path)} for writing`);
  let fd: number;
  if (mode === 'nonblock') {
    p.step('open-nonblock');
    try {
      fd = c.open(path, O_WRONLY | O_NONBLOCK);
    } catch (error) {
      if (!(error instanceof ErrnoError) || error.code !== 'ENXIO') throw error;
      p.print(`${me}: open: ENXIO, no process has the FIFO open for reading`);
      p.step('unlink-mine');
      if (created) c.unlink(path);
      return p.exit(1);
    }
  } else {
    p.step('open');
    fd = c.open(path, O_WRONLY);
  }
  p.print(`${me}: open() returned, a reader has the FIFO open`);

  if (records) {
    const rec = Buffer.alloc(size, id); // every byte says whose it is: "AAAA…"
    for (let i = 0; i < RECORDS; i++) {
      p.step('write-record');
      c.write(fd, rec);
    }
    p.print(`${me}: wrote ${RECORDS} records of ${size} bytes`);
  } else {
    const msg = Buffer.from(MESSAGE);
    p.step('write');
    const n = c.write(fd, msg);
    p.print(`${me}: wrote ${n} bytes`); // what write() took
  }
  p.step('close');
  c.close(fd);
  p.print(`${me}: closed its end`);
}

function readMessage(p: Proc, fd: number): void {
  const buf = new Uint8Array(256);
  for (;;) {
    p.step('read');
    const n = p.c.read(fd, buf);
    if (n === 0) break;
    p.print(`reader: read ${n} bytes: "${Buffer.from(buf.subarray(0, n)).toString('latin1')}"`);
  }
  p.print('reader: end of file, the writer closed its end');
}

/** Every byte is its writer's letter; a record is torn where the other writer's bytes begin mid-record. */
function readRecords(p: Proc, fd: number, path: string, size: number): number {
  const { c } = p;
  const buf = new Uint8Array(65536);
  const got = [0, 0];
  let all = 0;
  let cur = -1;
  let turns = 0;
  let torn = 0;
  p.step('settle');
  c.sleep(1);
  for (;;) {
    p.step('read-record');
    const n = c.read(fd, buf);
    if (n === 0) {
      if (all === WRITERS * RECORDS * size) break;
      // No writer has the FIFO open right now: the other one is still to come.
      c.close(fd);
      fd = c.open(path, O_RDONLY);
      continue;
    }
    for (let i = 0; i < n; i++, all++) {
      const w = buf[i] === 0x42 ? 1 : 0;
      if (cur !== -1 && w !== cur) {
        turns++;
        if (got[cur]! % size !== 0) torn++;
      }
      cur = w;
      got[w]! += 1;
    }
  }
  p.print(`reader: ${got[0]! / size} records of ${size} bytes from A, ${got[1]! / size} from B`);
  p.print(`reader: the writers took turns ${turns} times, ${torn} of them in the middle of a record`);
  p.print('reader: end of file, both writers closed their ends');
  return fd;
}

function reader(p: Proc): void {
  const { c } = p;
  const torn = p.args.length > 1 && p.args[0] === 'torn';
  const records = torn || (p.args.length > 1 && p.args[0] === 'atomic');
  const path = p.args.at(-1)!;

  makeFifo(p, 'reader', path);
  p.print(`reader: pid ${c.getpid()}, opening ${base(path)} for reading`);
  p.step('open');
  let fd = c.open(path, O_RDONLY);
  p.print('reader: open() returned, a writer has the FIFO open');
  if (records) fd = readRecords(p, fd, path, torn ? TORN_SIZE : PIPE_BUF);
  else readMessage(p, fd);
  p.step('close');
  c.close(fd);
  p.step('unlink');
  c.unlink(path);
  p.print(`reader: removed ${base(path)}`);
}

export const roles: DemoRoles = { writer, writer2: writer, reader };
