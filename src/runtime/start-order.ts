// When each program of a run starts. Section 2's programs are unrelated and were always started
// together, in no fixed order. The screen's first run starts its first program alone and the
// others once the screen has drawn it (Run.startRest): two Node runners and the screen loading
// at once shared the CPU, and the first program stood at its line ~50 ms later for it.
import type { LaunchedProcess } from './spawn-process.js';

export class StartOrder {
  private readonly pending: string[] = [];

  /** `startOne` starts a role's program. */
  constructor(private readonly startOne: (role: string) => LaunchedProcess) {}

  /** Starts `roles`: all now, or (`holdRest`) the first now and the others at release(). */
  start(roles: readonly string[], holdRest: boolean): void {
    const [first, ...rest] = roles;
    if (first === undefined) return;
    this.startOne(first);
    if (holdRest) this.pending.push(...rest);
    else for (const role of rest) this.startOne(role);
  }

  /** Starts the programs held back, if any. */
  release(): void {
    for (const role of this.pending.splice(0)) this.startOne(role);
  }

  /** Programs not started yet: the run is not over while there are some, and nobody is stuck waiting for them. */
  get waiting(): number {
    return this.pending.length;
  }

  /** The run is stopping: no more starts. */
  cancel(): void {
    this.pending.length = 0;
  }
}
