// One measuring process as the orchestrator sees it: lines in, lines out (c/harness.c's
// protocol). `obj` lines (a System V object made) are collected on the way, for the cleanup.
import { spawn, type ChildProcess } from 'node:child_process';

export interface SysvObject {
  readonly kind: 'shm' | 'msg' | 'sem';
  readonly id: number;
}

export class Peer {
  private readonly child: ChildProcess;
  private buffered = '';
  private readonly lines: string[] = [];
  private waiting: ((line: string | null) => void) | null = null;
  private stderr = '';
  private ended = false;
  /** CPU time both processes of the cells reported (`cpu` lines); the orchestrator reads and resets it. */
  cpuNs = 0;
  readonly exited: Promise<void>;

  constructor(
    readonly name: string,
    command: string,
    args: readonly string[],
    env: NodeJS.ProcessEnv,
    private readonly objects: SysvObject[],
    readonly pids: Set<number>,
  ) {
    this.child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    if (this.child.pid !== undefined) pids.add(this.child.pid);
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => this.take(chunk));
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.child.stdin!.on('error', () => undefined); // a peer that died: said by its next answer
    this.exited = new Promise((resolve) => {
      this.child.on('error', (error) => {
        this.stderr += error.message;
        resolve();
      });
      this.child.on('close', () => resolve());
    });
    void this.exited.then(() => {
      this.ended = true;
      this.waiting?.(null);
    });
  }

  private take(chunk: string): void {
    this.buffered += chunk;
    for (let newline = this.buffered.indexOf('\n'); newline !== -1; newline = this.buffered.indexOf('\n')) {
      const line = this.buffered.slice(0, newline);
      this.buffered = this.buffered.slice(newline + 1);
      const obj = /^obj (shm|msg|sem) (\d+)$/.exec(line);
      const cpu = /^cpu (?:child|parent) (\d+)$/.exec(line);
      if (obj) this.objects.push({ kind: obj[1] as SysvObject['kind'], id: Number(obj[2]) });
      else if (cpu) this.cpuNs += Number(cpu[1]);
      else if (this.waiting) {
        const resolve = this.waiting;
        this.waiting = null;
        resolve(line);
      } else this.lines.push(line);
    }
  }

  send(line: string): void {
    this.child.stdin!.write(`${line}\n`);
  }

  /** The next answer; an `error` line or the process's end is thrown, with what it said on stderr. */
  async next(): Promise<string> {
    const line = this.lines.shift() ?? (this.ended ? null : await new Promise<string | null>((resolve) => (this.waiting = resolve)));
    if (line === null || line.startsWith('error')) {
      throw new Error(`${this.name}: ${line ?? 'ended'}${this.stderr ? `\n${this.stderr.trim()}` : ''}`);
    }
    return line;
  }

  async expect(prefix: string): Promise<string> {
    const line = await this.next();
    if (!line.startsWith(prefix)) throw new Error(`${this.name}: "${line}" where "${prefix}…" was due`);
    return line.slice(prefix.length).trim();
  }

  async quit(): Promise<void> {
    if (!this.ended) this.send('quit');
    this.child.stdin!.end();
    await this.exited;
  }

  kill(): void {
    if (!this.ended) this.child.kill('SIGKILL'); // its forked children die with it (PR_SET_PDEATHSIG)
  }
}
