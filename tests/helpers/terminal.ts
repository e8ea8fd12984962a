// A real terminal for the real CLI: tmux on a private socket, keys in,
// screens out, and waits that poll a condition (never a fixed sleep).
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

/** How long one wait for a screen may take; a test of n waits gives itself n of them. */
export const WAIT_MS = 15_000;

export const CLI = fileURLToPath(new URL('../../bin/ipc-demo.js', import.meta.url));

/** The controllers (the CLI started with TMPDIR=base) and runners (trace socket under base) alive now. */
export function runPids(base: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (cmdline.includes('runner.cjs') && cmdline.includes(base)) return true;
        return cmdline.includes(CLI) && readFileSync(`/proc/${pid}/environ`, 'utf8').includes(`TMPDIR=${base}`);
      } catch {
        return false;
      }
    })
    .map(Number);
}

export class Terminal {
  private readonly socket = `ipcdemo-${randomBytes(4).toString('hex')}`;

  /** Starts `command` in a shell in a new window of the given size. */
  constructor(command: string, columns = 80, rows = 24, env: Record<string, string> = {}) {
    const exports = Object.entries(env).map(([k, v]) => `export ${k}='${v}';`).join(' ');
    this.tmux('new-session', '-d', '-s', 'main', '-x', String(columns), '-y', String(rows), `${exports} ${command}; echo "EXIT=$?"; sleep 600`);
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...keys);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'main');
  }

  /** The pid of the shell in the pane; the CLI is its child. */
  shellPid(): number {
    return Number(this.tmux('list-panes', '-t', 'main', '-F', '#{pane_pid}').trim());
  }

  /**
   * The screen once `predicate` holds on it. A capture can come while the program is writing a
   * frame (the header drawn, the lines below not yet): a screen counts once the next capture,
   * taken at once, shows the same.
   */
  async waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs = WAIT_MS): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    let matched: string | null = null;
    while (Date.now() < deadline) {
      screen = this.screen();
      if (!predicate(screen)) matched = null;
      else if (screen === matched) return screen;
      else {
        matched = screen;
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${what}; the screen was:\n${screen}`);
  }

  /** Presses a key and waits until the screen shows the effect. */
  async press(key: string, predicate: (screen: string) => boolean, what: string): Promise<string> {
    this.keys(key);
    return this.waitFor(predicate, what);
  }

  close(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
  }
}
