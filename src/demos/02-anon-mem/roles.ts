// The Node twin of anon-mem.c: the same calls, in the same order, on the same lines.
import { MAP_ANONYMOUS, MAP_PRIVATE, MAP_SHARED, memoryView, MFD_CLOEXEC, PROT_READ, PROT_WRITE } from '../../ffi/sys-mman.js';
import { describeWaitStatus } from '../../ffi/sys-wait.js';
import type { Pointer } from '../../ffi/libc.js';
import type { DemoRoles, Proc } from '../types.js';

const SIZE = 4096; // one page
const MESSAGE = 'Hello from child';

/** What printf("%s", mem) prints: the bytes up to the first NUL. */
function cString(mem: Pointer): string {
  const page = memoryView(mem, SIZE);
  const end = page.indexOf(0);
  return Buffer.from(page.subarray(0, end === -1 ? SIZE : end)).toString('latin1');
}

function child(p: Proc, mem: Pointer, variant: string): never {
  if (variant === 'no-wait') {
    p.step('child-sleep');
    p.c.sleep(1); // a slow child: nothing makes the parent wait
  }
  p.step('child-write');
  memoryView(mem, SIZE).set(Buffer.from(`${MESSAGE}\0`, 'latin1')); // strcpy: stores, no system call
  p.print(`child: wrote "${cString(mem)}"`);
  p.step('child-exit');
  return p.exit(0);
}

function report(p: Proc, pid: number): void {
  const { status } = p.c.waitpid(pid);
  p.print(`parent: child pid ${pid} ${describeWaitStatus(status)}`);
}

function main(p: Proc): void {
  const { c } = p;
  const variant = p.args[0] ?? 'memfd';
  let fd = -1;
  let mem: Pointer;

  if (variant === 'mmap') {
    p.step('mmap-anon');
    mem = c.mmap(SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0); // no file, no fd
  } else {
    p.step('memfd-create');
    fd = c.memfdCreate('anon-mem', MFD_CLOEXEC);
    p.step('ftruncate');
    c.ftruncate(fd, SIZE);
    const share = variant === 'private' ? MAP_PRIVATE : MAP_SHARED;
    p.step('mmap-fd');
    mem = c.mmap(SIZE, PROT_READ | PROT_WRITE, share, fd, 0);
  }

  p.step('fork');
  const pid = p.fork();
  if (pid === 0) child(p, mem, variant);

  if (variant === 'no-wait') {
    p.step('read-early');
    p.print(`parent: read "${cString(mem)}" without waiting`);
  }
  p.step('wait');
  report(p, pid);
  p.step('parent-read');
  p.print(`parent: read "${cString(mem)}"`);
  p.step('munmap');
  c.munmap(mem, SIZE);
  if (fd !== -1) {
    p.step('close'); // the memfd's last reference
    c.close(fd);
  }
}

export const roles: DemoRoles = { main };
