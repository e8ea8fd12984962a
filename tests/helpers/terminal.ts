// A real terminal for the real CLI: tmux on a private socket, keys in,
// screens out, and waits that poll a condition (never a fixed sleep).
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../bin/ipc-demo.js', import.meta.url));

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

  async waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.screen();
      if (predicate(screen)) return screen;
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
