// The process side of the trace channel: blocking libc socket calls, because a
// runner is synchronous from top to bottom, like the C program it twins.
import { ErrnoError } from '../ffi/libc.js';
import { pollBetweenLines } from '../ffi/signal-gate.js';
import { AF_UNIX, MSG_DONTWAIT, MSG_NOSIGNAL, SOCK_CLOEXEC, SOCK_STREAM, connect, recv, send, sockaddrUn, socket } from '../ffi/sys-socket.js';
import { close, exit } from '../ffi/unistd.js';
import { GO, RUN_FREE } from './protocol.js';

export class TraceClient {
  readonly fd: number;
  private free: boolean;
  private readonly byte = new Uint8Array(1);

  constructor(path: string, free: boolean) {
    this.fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC);
    const { addr, length } = sockaddrUn(path);
    connect(this.fd, addr, length);
    this.free = free;
  }

  get isFree(): boolean {
    return this.free;
  }

  /** Sends one event. A controller that is gone ends this process: it has no one to report to. */
  emit(event: object): void {
    const line = Buffer.from(`${JSON.stringify(event)}\n`);
    let done = 0;
    try {
      while (done < line.length) done += send(this.fd, line.subarray(done), MSG_NOSIGNAL);
    } catch (error) {
      if (error instanceof ErrnoError && (error.code === 'EPIPE' || error.code === 'ECONNRESET')) orphaned();
      throw error;
    }
  }

  /**
   * Blocks until the controller lets this process execute the line it stopped on.
   * The program sits between two lines here, so its signals are let through (the
   * only wait of the runtime's own that does so): a handler may run meanwhile (and
   * take a step of its own, reading a byte); poll returns early then, never
   * restarted, and `interrupted` tells the caller. With `idle`, `idle.then` runs
   * every `idle.everyMs` of waiting.
   */
  waitForGo(interrupted: () => void = () => undefined, idle?: { readonly everyMs: number; readonly then: () => void }): void {
    for (;;) {
      if (this.free) return;
      const ready = pollBetweenLines(this.fd, idle?.everyMs);
      if (ready === 0) {
        idle?.then();
        continue;
      }
      if (ready === -1 || !this.readByte()) {
        interrupted();
        continue;
      }
      if (this.byte[0] === RUN_FREE) this.free = true;
      else if (this.byte[0] !== GO) throw new Error(`trace channel: unexpected byte ${this.byte[0]}`);
      return;
    }
  }

  /** One byte without blocking: false if a handler took it between poll() and here. */
  private readByte(): boolean {
    try {
      if (recv(this.fd, this.byte, MSG_DONTWAIT) === 0) orphaned();
      return true;
    } catch (error) {
      if (error instanceof ErrnoError && error.code === 'EAGAIN') return false;
      throw error;
    }
  }

  /** The child's copy of its parent's connection: closed, never used (the child opens its own). */
  closeInherited(): void {
    close(this.fd);
  }
}

function orphaned(): never {
  // The controller is gone; PR_SET_PDEATHSIG kills runners, but a forked child
  // of a runner that is still alive must not run on unsupervised.
  return exit(70);
}
