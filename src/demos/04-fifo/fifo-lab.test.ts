// Lab mode as a learner uses it: the reader stepped in one real terminal
// (English), the writer in another (Chinese), meeting at the FIFO in the
// per-user lab directory, and nothing left when both quit.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, Terminal, WAIT_MS } from '../../../tests/helpers/terminal.js';

let base = '';
const terminals: Terminal[] = [];

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'ipc-fifo-lab-'));
});

afterEach(() => {
  for (const t of terminals.splice(0)) t.close();
  rmSync(base, { recursive: true, force: true });
});

/** Ink renders nothing under CI=true: the program under test runs without it. */
function start(args: string): Terminal {
  // Questions aside (tests/e2e/questions-terminal.test.ts asks them): each key here is a step.
  const t = new Terminal(`env -u CI TMPDIR=${base} XDG_RUNTIME_DIR= node ${CLI} ${args} --no-questions`, 100, 30);
  terminals.push(t);
  return t;
}

/** The listing's line marked for a process tag: "97 R►  int fd = open(…". */
const marked = (screen: string, tag: string, code: string) => screen.split('\n').some((line) => line.includes(`${tag}►`) && line.includes(code));
const fifoInode = (screen: string) => /fifo:(\d+)/.exec(screen)?.[1];
/** The FIFO's line of the kernel panel: "fifo:N ⇄ Rr 22 B/64 KiB …". */
const fifoLevel = (screen: string) => /fifo:\d+ ⇄ \S+ (\d+ B)\/64 KiB/.exec(screen)?.[1];
const exitCode = (screen: string) => Number(/EXIT=(\d+)/.exec(screen)?.[1]);

describe('fifo in two terminals (lab mode)', () => {
  it('the reader waits in open() until the writer, started in another terminal, opens the same FIFO', { timeout: 12 * WAIT_MS + 15_000 }, async () => {
    const reader = start('fifo --role reader --lang en');
    await reader.waitFor((s) => marked(s, 'R', 'mkfifo(path'), 'the reader at mkfifo');
    await reader.press(' ', (s) => marked(s, 'R', 'open(path, O_RDONLY)'), 'the reader at open');
    await reader.press(' ', (s) => s.includes('wait_for_partner'), 'the reader asleep in open()');
    expect(readdirSync(base).length, 'one lab directory').toBe(1);
    expect(readdirSync(join(base, readdirSync(base)[0]!))).toContain('fifo');

    const writer = start('fifo --role writer --lang zh');
    await writer.waitFor((s) => s.includes('命名管道') && marked(s, 'W', 'mkfifo(path'), 'the writer at mkfifo');
    // The reader made the FIFO: the writer's mkfifo() fails with EEXIST and stat() says it is one.
    await writer.press(' ', (s) => marked(s, 'W', 'stat(path'), 'the writer at stat');
    await writer.press(' ', (s) => marked(s, 'W', 'open(path, O_WRONLY)'), 'the writer at open');
    await writer.press(' ', (s) => marked(s, 'W', 'write(fd, msg'), 'the writer past open, at write');
    const readerScreen = await reader.waitFor((s) => marked(s, 'R', 'read(fd, buf') && fifoInode(s) !== undefined, 'the reader past open, its fd in the kernel panel');
    const writerScreen = await writer.waitFor((s) => fifoInode(s) !== undefined, 'the writer’s fd in the kernel panel');
    expect(fifoInode(readerScreen)).toBe(fifoInode(writerScreen));

    await writer.press('r', (s) => s.includes('运行结束') && s.includes('writer: closed its end'), 'the writer’s run complete');
    await reader.press('r', (s) => s.includes('Run complete') && s.includes('reader: removed fifo'), 'the reader’s run complete');
    expect(reader.screen()).toContain('reader: read 22 bytes: "Hello through the FIFO"');
    for (const t of [writer, reader]) {
      t.keys('q');
      expect(exitCode(await t.waitFor((s) => /EXIT=\d+/.test(s), 'the CLI ended'))).toBe(0);
    }
    expect(readdirSync(base), 'the lab directory is gone').toEqual([]);
  });

  it('the reader’s screen shows the bytes the writer in the other terminal wrote, while the reader waits at read()', async () => {
    const reader = start('fifo --role reader --lang en');
    await reader.waitFor((s) => marked(s, 'R', 'mkfifo(path'), 'the reader at mkfifo');
    await reader.press(' ', (s) => marked(s, 'R', 'open(path, O_RDONLY)'), 'the reader at open');
    await reader.press(' ', (s) => s.includes('wait_for_partner'), 'the reader asleep in open()');
    const writer = start('fifo --role writer --lang en');
    await writer.waitFor((s) => marked(s, 'W', 'mkfifo(path'), 'the writer at mkfifo');
    await writer.press(' ', (s) => marked(s, 'W', 'stat(path'), 'the writer at stat');
    await writer.press(' ', (s) => marked(s, 'W', 'open(path, O_WRONLY)'), 'the writer at open');
    await writer.press(' ', (s) => marked(s, 'W', 'write(fd, msg'), 'the writer at write');
    await reader.waitFor((s) => marked(s, 'R', 'read(fd, buf') && fifoLevel(s) === '0 B', 'the reader at read(), the FIFO empty');
    // The writer writes in its terminal; the reader, in the other, has not moved.
    await writer.press(' ', (s) => marked(s, 'W', 'close(fd)') && s.includes('writer: wrote 22 bytes'), 'the writer past write(), at close');
    const screen = await reader.waitFor((s) => fifoLevel(s) === '22 B', 'the 22 bytes in the reader’s kernel panel');
    expect(marked(screen, 'R', 'read(fd, buf'), 'the reader still at read()').toBe(true);

    await writer.press('r', (s) => s.includes('Run complete'), 'the writer’s run complete');
    await reader.press('r', (s) => s.includes('Run complete') && s.includes('reader: removed fifo'), 'the reader’s run complete');
    for (const t of [writer, reader]) {
      t.keys('q');
      expect(exitCode(await t.waitFor((s) => /EXIT=\d+/.test(s), 'the CLI ended'))).toBe(0);
    }
    expect(readdirSync(base), 'the lab directory is gone').toEqual([]);
  });
});
