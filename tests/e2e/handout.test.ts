// --plain with questions is a handout: each question where its process reaches the line, then
// the answer this run gave, taken from what the transcript shows the call returned.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findDemo } from '../../src/demos/registry.js';
import type { Lang } from '../../src/demos/types.js';

const CLI = fileURLToPath(new URL('../../bin/ipc-demo.js', import.meta.url));

function plain(args: readonly string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args, '--plain'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 30_000 });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

const pipe = findDemo('pipe')!;
const prompt = (id: string, lang: Lang) => pipe.questions!.find((q) => q.id === id)!.prompt[lang];

describe('--plain prints the questions and the answers the run gave', () => {
  it.each(['en', 'zh'] as const)('pipe basic (%s): each question before its line runs, its answer after the call returned', { timeout: 40_000 }, (lang) => {
    const out = plain(['pipe', '--variant', 'basic', '--lang', lang]);
    const lines = out.split('\n');
    const asked = lines.findIndex((l) => l.includes(prompt('first-read', lang)));
    expect(asked, 'the first-read question').toBeGreaterThan(0);
    // Asked at the child's read step, before the line ran: the step line comes before, the read's return after.
    expect(lines.slice(0, asked).reverse().find((l) => /step /.test(l) || /步骤 /.test(l)), 'the step it is asked at').toMatch(/child-read/);
    const answer = lines.findIndex((l, i) => i > asked && /Answer \(this run\)|答案（本次运行）/.test(l));
    const returned = lines.slice(asked, answer + 1).find((l) => /^ {4}read\(\) = /.test(l));
    // The answer is the number the read's return carried, as the transcript printed it.
    const carried = /read\(\) = (-?\d+)/.exec(returned ?? '')?.[1];
    expect(carried, 'the read() return line before the answer').toBeDefined();
    expect(lines[answer]).toContain(`${lang === 'en' ? 'Answer (this run): ' : '答案（本次运行）：'}${carried} — read() = ${carried}`);
    const again = lines.findIndex((l) => l.includes(prompt('read-again', lang)));
    expect(again).toBeGreaterThan(answer);
    expect(lines.slice(again + 1, again + 5).map((l) => l.trim().slice(0, 2))).toEqual(['a)', 'b)', 'c)', 'd)']);
    expect(out).toMatch(lang === 'en' ? /Answer \(this run\): b\) It returns 0: end of file — read\(\) = 0/ : /答案（本次运行）：b\) 返回 0：文件结束 — read\(\) = 0/);
  });

  it('pipe unclosed: the answer is that read() never returned, from the stuck run', { timeout: 40_000 }, () => {
    const out = plain(['pipe', '--variant', 'unclosed', '--lang', 'en']);
    expect(out).toContain(prompt('read-again', 'en'));
    // After the stuck note come the kernel's facts as /proc showed them, then the answer.
    expect(out).toMatch(/Stuck: [^\n]*\n(?: {2,}[^\n]*\n)*? {4}→ Answer \(this run\): d\) It sleeps in read\(\) for ever — read\(\) never returned/);
    expect(out).not.toContain(prompt('first-read', 'en'));
  });

  it('--no-questions leaves them out; the help says so', { timeout: 40_000 }, () => {
    const out = plain(['pipe', '--variant', 'basic', '--lang', 'en', '--no-questions']);
    expect(out).toContain('read() = 17');
    expect(out).not.toContain('Question:');
    expect(out).not.toContain('Answer (this run)');
    for (const args of [['--help'], ['pipe', '--help']]) {
      const r = spawnSync(process.execPath, [CLI, ...args, '--lang', 'en'], { encoding: 'utf8' });
      expect(r.stdout, args.join(' ')).toContain('--no-questions');
    }
    const zh = spawnSync(process.execPath, [CLI, 'msgq', '--help', '--lang', 'zh'], { encoding: 'utf8' });
    expect(zh.stdout).toMatch(/问题：3 道/);
  });
});
