// The CLI's informational commands, as a user types them.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { forMedium } from '../src/demos/lesson.js';
import { DEMO_IDS, demos } from '../src/demos/registry.js';
import type { Lang } from '../src/demos/types.js';

const CLI = fileURLToPath(new URL('../bin/ipc-demo.js', import.meta.url));

/** What one call may take; a test of n calls gives itself within(n). */
const CALL_MS = 20_000;
const within = (calls: number) => ({ timeout: calls * CALL_MS + 10_000 });

function cliIn(lang: string, args: readonly string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, LANG: lang, LC_ALL: '', LC_MESSAGES: '' }, timeout: CALL_MS });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function cli(...args: string[]) {
  return cliIn('C.UTF-8', args);
}

describe('ipc-demo list', () => {
  it('lists all seven in order, with variants, and the roles of the two-program demos', () => {
    const r = cli('list');
    expect(r.code).toBe(0);
    const ids = [...r.stdout.matchAll(/^ {2}(\d) {2}(\S+)/gm)].map((m) => m[2]);
    expect(ids).toEqual([...DEMO_IDS]);
    expect(r.stdout).toMatch(/ {2}4 {2}fifo .*\n {5}variants: .*\n {5}roles \(--role\): .*reader/);
    expect(r.stdout).not.toMatch(/ {2}1 {2}pipe .*\n.*\n {5}roles/);
  });

  it('speaks Chinese with --lang zh, before or after the command', within(3), () => {
    for (const args of [['list', '--lang', 'zh'], ['--lang', 'zh', 'list'], ['list', '-l', 'zh']]) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(/^ {2}1 {2}pipe {6}匿名管道/m);
      expect(r.stdout, args.join(' ')).toMatch(/角色（--role）/);
    }
  });
});

describe('ipc-demo --help', () => {
  it('documents clean, doctor and lab mode with examples', () => {
    const r = cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}clean +remove what/m);
    expect(r.stdout).toMatch(/^ {2}doctor +check/m);
    expect(r.stdout).toMatch(/ipc-demo fifo --role reader/);
  });
});

describe('play mode without a terminal', () => {
  it('a stuck run is said once and ends, as no one is at the keys to quit it', () => {
    const r = cli('pipe', '--variant', 'unclosed', '--mode', 'play', '--delay', '10', '--json');
    expect(r.code).toBe(0);
    const notes = r.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; code?: string; status?: { signal: string | null } })
      .filter((e) => e.kind === 'note');
    expect(notes.map((n) => n.code)).toEqual(['stuck']);
  });
});

describe('options', () => {
  it('-v is the variant, as in the screen; -V and --version print the version', within(3), () => {
    const r = cli('pipe', '-v', 'fill', '--plain');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/variant fill/);
    expect(r.stdout).toMatch(/parent: wrote 65536 bytes, the pipe is full/);
    for (const flag of ['-V', '--version']) expect(cli(flag)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });

  it('--json with --plain is refused: exit 2, nothing runs', within(2), () => {
    for (const args of [['pipe', '--json', '--plain'], ['--plain', '--json']]) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--json and --plain are two different outputs: choose one/);
      expect(r.stdout).toBe('');
    }
  });

  it('a role of other variants: says which variants have it, and how to run one', within(2), () => {
    const r = cli('fifo', '--role', 'writer2', '--plain');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/variant 'basic' of demo 'fifo' has no role 'writer2' \(its roles: writer, reader\)\. 'writer2' is a role of the variants atomic, torn: ipc-demo fifo --variant atomic --role writer2/);
    expect(cli('fifo', '--role', 'nobody').stderr).toMatch(/demo 'fifo' has no role 'nobody'\. Its roles: writer, reader, writer2\./);
  });

  const usage = [['clean', 'extra'], ['list', 'extra'], ['doctor', 'extra'], ['source'], ['pipe', 'extra'], ['pipe', '--role'], ['pipe', '--mode', 'fast'], ['nosuch']];
  it('usage errors exit 2 in every command', within(usage.length), () => {
    for (const args of usage) {
      const r = cli(...args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^ipc-demo: /);
    }
  });
});

describe('usage errors follow the language', () => {
  const cases: [string[], RegExp, RegExp][] = [
    [['pipe', '--colour'], /unknown option '--colour'/, /未知选项 '--colour'/],
    [['nosuch'], /unknown demo 'nosuch'/, /没有名为 'nosuch' 的演示/],
    [['pipe', '--lang', 'fr'], /cannot be 'fr': use zh or en/, /不能取 'fr'：请用 zh 或 en/],
    [['pipe', '--delay', 'soon'], /give milliseconds/, /请给出毫秒数/],
    [['pipe', '--mode', 'fast'], /use one of step, play, run/, /可选值：step, play, run/],
    [['clean', 'extra'], /too many arguments: expected 0, got 1/, /参数太多：需要 0 个，实际给了 1 个/],
    [['pipe', '--variant', 'fil'], /no variant 'fil'\. Did you mean 'fill'\?/, /没有变体 'fil'。你是想用 'fill' 吗？/],
    [['pipe', '--json', '--plain'], /choose one/, /只能选一个/],
  ];
  it.each(cases)('%j in English and in Chinese', within(2), (args, english, chinese) => {
    const en = cliIn('en_US.UTF-8', args);
    const zh = cliIn('zh_CN.UTF-8', args);
    expect([en.code, zh.code]).toEqual([2, 2]);
    expect(en.stderr).toMatch(english);
    expect(zh.stderr).toMatch(chinese);
    expect(zh.stderr).not.toMatch(english);
  });
});

describe('a demo\'s own help', () => {
  const cases = demos.flatMap((demo) => (['en', 'zh'] as Lang[]).map((lang) => [demo.id, lang] as const));
  it.each(cases)('ipc-demo %s --help, in %s: what it shows, its variants one line each, its roles, examples', (id, lang) => {
    const demo = demos.find((d) => d.id === id)!;
    const r = cli(id, '--help', '--lang', lang);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/^Usage:/m); // not the program's help
    expect(r.stdout.split('\n')[0]).toBe(`ipc-demo ${id} — ${demo.title[lang]}${lang === 'en' ? ` (also: ${demo.aliases.join(', ')})` : `（别名：${demo.aliases.join(', ')}）`}`);
    // The summary is there whole, wrapped.
    const squeezed = (text: string) => text.replace(/\s+/g, '');
    // (A terminal's help has no kernel pane: what the summary says of the pane is the screen's.)
    expect(squeezed(r.stdout)).toContain(squeezed(forMedium(demo.summary[lang], 'plain')));
    for (const variant of demo.variants) expect(r.stdout).toMatch(new RegExp(`^ {2}${variant.id} +${variant.title[lang].replace(/[()（）.*+?]/g, '\\$&')}`, 'm'));
    for (const role of demo.section === 'unrelated' ? demo.roles : []) expect(r.stdout).toMatch(new RegExp(`^ {2}${role.id} +\\S`, 'm'));
    expect(r.stdout).toMatch(lang === 'en' ? /^Examples:\n {2}ipc-demo /m : /^示例：\n {2}ipc-demo /m);
    expect(r.stdout).toMatch(new RegExp(`^ {2}ipc-demo source ${id}`, 'm'));
    if (demo.section === 'unrelated') expect(r.stdout).toMatch(new RegExp(`^ {2}ipc-demo ${id} --role \\S+`, 'm'));
    else expect(r.stdout).toMatch(lang === 'en' ? /One program that forks/ : /一个会 fork 的程序/);
  });

  it('the program\'s help in Chinese under a Chinese locale', () => {
    const r = cliIn('zh_CN.UTF-8', ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^用法： ipc-demo/);
    expect(r.stdout).toMatch(/^示例：/m);
    expect(r.stdout).toMatch(/^ {2}-v, --variant <name> +运行演示的某个变体/m);
  });
});
