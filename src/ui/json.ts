// --json: one event per line, the trace channel's own objects, for scripts and graders.
import type { RunEvent } from '../runtime/events.js';

export function jsonLine(event: RunEvent): string {
  return JSON.stringify(event);
}
