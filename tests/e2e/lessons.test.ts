// The lessons a learner reads, held against what the programs really do: each
// demo is run for real and its narration (what --plain prints, and the screen
// shows at each step) is read in both languages.
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/demos/types.js';
import { transcript } from '../../src/ui/plain.js';
import { demoAndVariant, expectNothingLeft, recordRun, type Recorded } from '../helpers/run.js';

const LANGS: readonly Lang[] = ['en', 'zh'];

interface Told {
  readonly role: string;
  readonly step: string;
  readonly lesson: string;
}

/** The lesson each step of the run was narrated with, by the process's role. */
function narration(demoId: string, variantId: string, recorded: Recorded, lang: Lang): Told[] {
  const { demo, variant } = demoAndVariant(demoId, variantId);
  const writer = transcript(demo, variant, lang);
  const roles = new Map<number, string>();
  const told: Told[] = [];
  for (const event of recorded.events) {
    if (event.kind === 'hello') roles.set(event.pid, event.role);
    const lines = writer.event(event);
    // A step is told as a blank line, the code line, and its lesson the first time the process meets it.
    if (event.kind === 'step' && lines[2] !== undefined) {
      told.push({ role: roles.get(event.pid) ?? '?', step: event.step, lesson: stripVTControlCharacters(lines[2]).trim() });
    }
  }
  return told;
}

async function run(demoId: string, variantId: string): Promise<Recorded> {
  const recorded = await recordRun(demoId, variantId);
  expectNothingLeft(recorded);
  return recorded;
}

describe('fifo: each program is told about its own close()', () => {
  it.each(LANGS)('%s', async (lang) => {
    const told = narration('fifo', 'basic', await run('fifo', 'basic'), lang);
    const close = (role: string) => told.find((t) => t.role === role && t.step === 'close')?.lesson;
    expect(close('writer')).toBeTruthy();
    expect(close('reader')).toBeTruthy();
    expect(close('reader')).not.toBe(close('writer'));
  });
});
