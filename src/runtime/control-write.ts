// The controller's one write to a process: a byte that lets it go on (protocol.ts).
import { writeSync } from 'node:fs';
import type { Socket } from 'node:net';

/**
 * Writes `byte` to a process's trace connection straight to its fd, not through the stream.
 * The process may have exited a moment ago with its last events still unread in the connection
 * (a run running free ends in microseconds): the write then fails with EPIPE, and a stream
 * write error destroys the socket, and with it those events. Here a failed write is only that:
 * the connection is read to its end as usual, and its close says the process is gone.
 */
export function writeControl(socket: Socket, byte: number): void {
  const fd = (socket as unknown as { _handle?: { fd?: number } | null })._handle?.fd;
  if (fd === undefined || fd < 0) return; // closed already: nothing to let go on
  try {
    writeSync(fd, Uint8Array.of(byte));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE' || code === 'ECONNRESET') return;
    // A full connection (a process that has not read a hundred thousand bytes of these): the stream queues it.
    if (code === 'EAGAIN') socket.write(Uint8Array.of(byte));
    else throw error;
  }
}
