import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { wrapLines } from '../../src/ui/wrap.js';
import { demos } from '../../src/demos/registry.js';

describe('wrapLines', () => {
  it('breaks Chinese between characters, not only at spaces, so a line is filled', () => {
    const text = 'W 写者 · shm-writer.c:43  对 0 号信号量做 semop() 加 1（V 操作），意思是“消息已经放好了”。如果读者正睡在这个信号量上，内核就把它唤醒。';
    expect(wrapLines(text, 80)).toEqual([
      // 79 cells: one more character would make 81.
      'W 写者 · shm-writer.c:43  对 0 号信号量做 semop() 加 1（V 操作），意思是“消息已',
      '经放好了”。如果读者正睡在这个信号量上，内核就把它唤醒。',
    ]);
  });

  it('keeps closing punctuation off the start of a line, and opening punctuation off its end', () => {
    // Eight cells: 甲乙丙 fit with room for one more cell; "，" would start the next line.
    expect(wrapLines('甲乙丙丁，戊', 8)).toEqual(['甲乙丙', '丁，戊']);
    expect(wrapLines('甲乙丙（丁）', 8)).toEqual(['甲乙丙', '（丁）']);
    expect(wrapLines('甲乙丙“丁”', 7)).toEqual(['甲乙丙', '“丁”']);
  });

  it('wraps English at spaces, drops the spaces at a break, and cuts a word longer than a line', () => {
    expect(wrapLines('P parent · pipe.c:73  waitpid() collects the exit status.', 40)).toEqual(['P parent · pipe.c:73  waitpid() collects', 'the exit status.']);
    expect(wrapLines('abcdefghij klm', 4)).toEqual(['abcd', 'efgh', 'ij', 'klm']);
    expect(wrapLines('one\ntwo', 10)).toEqual(['one', 'two']);
    expect(wrapLines('', 10)).toEqual(['']);
  });

  it('never makes a line wider than asked, nor loses a character, for every lesson of every demo', () => {
    for (const demo of demos) {
      for (const step of Object.values(demo.steps)) {
        for (const text of Object.values(step.text)) {
          for (const columns of [24, 37, 60, 80, 120]) {
            const lines = wrapLines(text, columns);
            for (const line of lines) expect(stringWidth(line), `${columns}: ${line}`).toBeLessThanOrEqual(columns);
            expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/[ \n]/g, ''));
          }
        }
      }
    }
  });
});
