// What the startup benches share: a command in a pseudo-terminal of 120×36 (script(1)), its
// screen's text as it comes, keys to type, the time each marker shows; the median; a sample
// taken again when a session was killed from outside.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { stripVTControlCharacters } from 'node:util';

export const COLUMNS = 120;
export const ROWS = 36;
export const ENV = { ...process.env, TERM: 'xterm-256color', COLUMNS: String(COLUMNS), LINES: String(ROWS), NODE_OPTIONS: '' };
delete ENV.CI; // Ink draws no frames at all under CI=true
// Every Node process reads and parses those certificates at start (~40 ms): users don't have them.
delete ENV.NODE_EXTRA_CA_CERTS;

/** `command` in a pseudo-terminal, in `cwd`: until(pattern) gives the ms since the start at which it shows. */
export function session(command, { cwd, env = ENV } = {}) {
  const start = performance.now();
  const child = spawn('script', ['-qfec', `stty cols ${COLUMNS} rows ${ROWS}; ${command}; echo EXIT $?`, '/dev/null'], { cwd, env, stdio: ['pipe', 'pipe', 'ignore'] });
  const killer = setTimeout(() => {
    console.error(`bench: ${command}: no end after 120 s, killed`);
    child.kill('SIGKILL');
  }, 120_000);
  let text = ''; // what has appeared since the last mark(), without colours
  let raw = '';
  let waiter = null;
  const check = () => {
    const match = waiter && waiter.pattern.exec(text);
    if (!match) return;
    s.match = match;
    const { resolve, pattern } = waiter;
    waiter = null;
    if (process.env.BENCH_DEBUG) console.error(command.slice(-20), pattern, performance.now() - start);
    resolve(performance.now() - start);
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    // Colours may sit between a marker's characters, and a chunk may end inside an escape sequence.
    raw += chunk;
    const cut = raw.lastIndexOf('\x1b');
    const done = cut > raw.length - 32 ? cut : raw.length;
    text += stripVTControlCharacters(raw.slice(0, done));
    raw = raw.slice(done);
    check();
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  void exited.then((how) => {
    clearTimeout(killer);
    waiter?.reject(new Error(`${command}: ended (${how}) before ${waiter.pattern}:\n${text.slice(-3000)}`));
  });
  const s = {
    /** What the last until() found. */
    match: null,
    /** ms since the start at which `pattern` appears in what came after the last mark(). */
    until: (pattern) =>
      new Promise((resolve, reject) => {
        waiter = { pattern, resolve, reject };
        check();
      }),
    /** Forget what has appeared so far; the time now. */
    mark: () => {
      text = '';
      return performance.now() - start;
    },
    type: (keys) => child.stdin.write(keys),
    /** ms since the start. */
    now: () => performance.now() - start,
    /** q, and the end of the command. */
    quit: async () => {
      child.stdin.write('q');
      await exited;
    },
  };
  return s;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A sample again if its session was killed from outside (seen on a machine shared with test suites): twice at most. */
export async function retried(take) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await take();
    } catch (error) {
      if (attempt === 3 || !/ended \(SIGKILL\)/.test(error.message)) throw error;
      console.error(`bench: ${error.message.split('\n')[0]}; again`);
    }
  }
}
