// The pipe demo's `unclosed` variant is a lesson of its own: its lines say what the forgotten
// close() does on them, and the stuck run shows the cause (the child's own `w pipe`), read from /proc.
// Real runs, through the CLI's transcript, in both languages.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/terminal.js';

let base = '';

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'ipc-unclosed-'));
});

afterEach(() => {
  expect(readdirSync(base), 'run directories left').toEqual([]);
  rmSync(base, { recursive: true, force: true });
});

function transcript(variant: string, lang: string): string {
  const r = spawnSync(process.execPath, [CLI, 'pipe', '--variant', variant, '--plain', '--lang', lang], {
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: base, XDG_RUNTIME_DIR: '' },
    timeout: 30_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** The lesson printed under a step line: "[child 12] step child-read: pipe.c:27 …" then the lesson, indented. */
function lessonAt(text: string, step: string): string | undefined {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => line.includes(` step ${step}: `) || line.includes(` 步骤 ${step}: `));
  return at === -1 ? undefined : lines[at + 1]?.trim();
}

describe('pipe unclosed', () => {
  it.each([
    ['en', 'never closed', 'The cause: the child still holds a write end', 'C fds:'],
    ['zh', '一直没关', '原因：子进程仍握着它所读管道的一个写端', 'C 文件描述符:'],
  ])('%s: the lines tell the forgotten close(), and the stuck run shows the child’s own write end, read from /proc', (lang, childRead, cause, childFds) => {
    const text = transcript('unclosed', lang);
    // A transcript has no kernel pane to point at: the lessons say it without one.
    for (const step of ['child-read', 'parent-close-write', 'wait']) expect(lessonAt(text, step), step).not.toMatch(/fds: …|文件描述符: …|panel|面板/);
    expect(lessonAt(text, 'child-read')).toContain(childRead);
    const lines = text.split('\n');
    const at = lines.findIndex((line) => line.startsWith(lang === 'en' ? 'Stuck:' : '卡住了'));
    expect(lines[at]).toContain(cause);
    // …and prints the kernel's state instead: the child holds both ends of one pipe.
    const fds = lines.slice(at + 1, at + 6).find((line) => line.trim().startsWith(childFds)) ?? '';
    const [, read, write] = /\d+ r pipe:(\d+), \d+ w pipe:(\d+)/.exec(fds) ?? [];
    expect(read, fds).toBeDefined();
    expect(write).toBe(read);
    // basic tells the same lines the general way.
    const basic = transcript('basic', lang);
    expect(basic).not.toContain(cause);
    expect(basic).not.toContain(childFds);
  });
});
