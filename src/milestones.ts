// IPC_DEMO_MILESTONES=<file>: the processes of ipc-demo (the CLI and its runners) append a line
// `<ms since the epoch> <pid> <milestone>` to that file at the milestones of a start, for
// bench/first-frame.js's breakdown and for anyone who wants to see where a start spends its time.
// Unset (always, for users), nothing is done.
import { appendFileSync } from 'node:fs';

const file = process.env.IPC_DEMO_MILESTONES;

export function milestone(name: string): void {
  if (file) appendFileSync(file, `${Date.now()} ${process.pid} ${name}\n`);
}
