// Wait-status decoding, as WIFEXITED / WEXITSTATUS / WIFSIGNALED / WTERMSIG do. Pure.
import { signalName } from './signal-names.js';

/** How a process ended. */
export interface WaitStatus {
  readonly code: number | null;
  readonly signal: string | null;
  readonly core: boolean;
}

export function decodeWaitStatus(raw: number): WaitStatus {
  const termsig = raw & 0x7f;
  if (termsig === 0) return { code: (raw >> 8) & 0xff, signal: null, core: false };
  return { code: null, signal: signalName(termsig), core: (raw & 0x80) !== 0 };
}

export function describeWaitStatus(status: WaitStatus): string {
  if (status.signal !== null) return `killed by ${status.signal}${status.core ? ' (core dumped)' : ''}`;
  return `exited ${status.code ?? '?'}`;
}
