// The Node twin of pipe.c: the same calls, in the same order, on the same lines.
import { F_GETPIPE_SZ } from '../../ffi/fcntl.js';
import { SIG_IGN, SIGPIPE } from '../../ffi/signal.js';
import { describeWaitStatus } from '../../ffi/sys-wait.js';
import type { DemoRoles, Proc } from '../types.js';

const MESSAGE = 'Hello from parent';
const SHOWN = 24;

function reader(p: Proc, readEnd: number, writeEnd: number, variant: string): never {
  const { c } = p;
  if (variant !== 'unclosed') {
    p.step('child-close-write');
    c.close(writeEnd);
  }
  if (variant.startsWith('reader-gone')) {
    p.step('child-close-read');
    c.close(readEnd);
    p.print('child: closed the read end, exiting without reading');
    p.step('child-exit-early');
    return p.exit(0);
  }
  if (variant === 'fill') {
    p.step('child-sleep');
    c.sleep(1);
  }
  const buf = new Uint8Array(65536);
  for (;;) {
    p.step('child-read');
    const n = c.read(readEnd, buf);
    if (n === 0) break;
    const text = Buffer.from(buf.subarray(0, Math.min(n, SHOWN))).toString('latin1');
    p.print(`child: read ${n} bytes: "${text}${n > SHOWN ? '...' : ''}"`);
  }
  p.print('child: end of file, every write end is closed');
  p.step('child-exit');
  return p.exit(0);
}

function report(p: Proc, pid: number): void {
  const { status } = p.c.waitpid(pid);
  p.print(`parent: child pid ${pid} ${describeWaitStatus(status)}`);
}

function main(p: Proc): void {
  const { c } = p;
  const variant = p.args[0] ?? 'basic';
  const message = Buffer.from(MESSAGE);

  p.step('pipe');
  const [readEnd, writeEnd] = c.pipe();
  p.step('fork');
  const pid = p.fork();
  if (pid === 0) reader(p, readEnd, writeEnd, variant);

  p.step('parent-close-read');
  c.close(readEnd);
  if (variant === 'reader-gone-ignore') {
    p.step('ignore-sigpipe');
    c.signal(SIGPIPE, SIG_IGN);
  }
  if (variant.startsWith('reader-gone')) {
    p.step('wait-first');
    report(p, pid);
  }
  if (variant === 'fill') {
    p.step('pipe-size');
    const size = c.fcntl(writeEnd, F_GETPIPE_SZ);
    p.step('fill');
    const n = c.write(writeEnd, new Uint8Array(size).fill(0x78));
    p.print(`parent: wrote ${n} bytes, the pipe is full`);
  }
  p.step('parent-write');
  const n = c.write(writeEnd, message);
  p.print(`parent: wrote ${n} bytes`); // what write() took
  p.step('parent-close-write');
  c.close(writeEnd);
  if (!variant.startsWith('reader-gone')) {
    p.step('wait');
    report(p, pid);
  }
}

export const roles: DemoRoles = { main };
