// The Node twins of fifo-writer.c and fifo-reader.c: the same calls, in the
// same order, on the same lines. They meet only by the path on their argv.
import { O_NONBLOCK, O_RDONLY, O_WRONLY } from '../../ffi/fcntl.js';
import { ErrnoError } from '../../ffi/libc.js';
import { isFifo } from '../../ffi/sys-stat.js';
import type { DemoRoles, Proc } from '../types.js';

/** <limits.h>: writes of up to this many bytes to a pipe or FIFO are atomic. */
const PIPE_BUF = 4096;
/** atomic: the writers A and B, and the records each sends. */
const WRITERS = 2;
const RECORDS = 32;
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

/** One record: "A 0007" then the writer's letter up to PIPE_BUF - 1 bytes, then a newline. */
function record(id: string, i: number): Uint8Array {
  const rec = Buffer.alloc(PIPE_BUF, id);
  rec.write(`${id} ${String(i).padStart(4, '0')}`, 0, 'latin1');
  rec[PIPE_BUF - 1] = 0x0a;
  return rec;
}

function writer(p: Proc): void {
  const { c } = p;
  const mode = p.args.length > 1 ? p.args[0]! : 'basic';
  const path = p.args.at(-1)!;
  const atomic = mode === 'atomic' && p.args.length > 2;
  const id = atomic ? p.args[1]!.charAt(0) : '';
  const me = atomic ? `writer ${id}` : 'writer';

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

  if (atomic) {
    for (let i = 0; i < RECORDS; i++) {
      const rec = record(id, i);
      p.step('write-record');
      c.write(fd, rec);
    }
    p.print(`${me}: wrote ${RECORDS} records of ${PIPE_BUF} bytes`);
  } else {
    const msg = Buffer.from(MESSAGE);
    p.step('write');
    c.write(fd, msg);
    p.print(`${me}: wrote ${msg.length} bytes`);
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

/** As intact() in the C: the record is whole, one writer's, and the next of its numbers. */
function intact(rec: Uint8Array, next: number[]): boolean {
  const w = rec[0]! - 0x41;
  if (w < 0 || w >= WRITERS) return false;
  const head = `${String.fromCharCode(rec[0]!)} ${String(next[w]).padStart(4, '0')}`;
  if (Buffer.from(rec.subarray(0, 6)).toString('latin1') !== head || rec[PIPE_BUF - 1] !== 0x0a) return false;
  for (let i = 6; i < PIPE_BUF - 1; i++) if (rec[i] !== rec[0]) return false;
  next[w]! += 1;
  return true;
}

function readRecords(p: Proc, fd: number, path: string): number {
  const { c } = p;
  const rec = new Uint8Array(PIPE_BUF);
  const next = [0, 0];
  let torn = 0;
  let got = 0;
  let have = 0;
  for (;;) {
    p.step('read-record');
    const n = c.read(fd, rec.subarray(have));
    if (n === 0) {
      if (got === WRITERS * RECORDS) break;
      // No writer has the FIFO open right now: the other one is still to come.
      c.close(fd);
      fd = c.open(path, O_RDONLY);
      continue;
    }
    have += n;
    if (have < PIPE_BUF) continue;
    have = 0;
    got++;
    if (!intact(rec, next)) torn++;
  }
  p.print(`reader: ${got} records of ${PIPE_BUF} bytes: ${next[0]} from A, ${next[1]} from B, ${torn} torn`);
  p.print('reader: end of file, both writers closed their ends');
  return fd;
}

function reader(p: Proc): void {
  const { c } = p;
  const atomic = p.args.length > 1 && p.args[0] === 'atomic';
  const path = p.args.at(-1)!;

  makeFifo(p, 'reader', path);
  p.print(`reader: pid ${c.getpid()}, opening ${base(path)} for reading`);
  p.step('open');
  let fd = c.open(path, O_RDONLY);
  p.print('reader: open() returned, a writer has the FIFO open');
  if (atomic) fd = readRecords(p, fd, path);
  else readMessage(p, fd);
  p.step('close');
  c.close(fd);
  p.step('unlink');
  c.unlink(path);
  p.print(`reader: removed ${base(path)}`);
}

export const roles: DemoRoles = { writer, writer2: writer, reader };
