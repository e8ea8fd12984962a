// Lab mode: two terminals can miss each other. A msgq sender needs no receiver to run to its
// end; if its terminal is the last one out before the receiver's has joined, the queue and its
// messages go with it, and the receiver, coming second, makes a new directory and waits for a
// sender that has gone. So a terminal whose programs ran to their end with no other role ever
// in the directory leaves word of it beside the directory (as the lab's lock is beside it); the
// next terminal to join takes the word and is told. Old words go at the next start's sweep.
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { namesIn, RUN_PREFIX } from './run-dir.js';

/** In the shared directory: the roles of every terminal that has joined it, a line each. */
const ROLES_FILE = 'roles';
const WORD_SUFFIX = '.finished';
/** How long a word waits for the other terminal. */
export const WORD_MS = 10 * 60_000;

export interface FinishedWord {
  /** The roles that ran to their end and left. */
  readonly roles: readonly string[];
  /** When (ms since the epoch). */
  readonly at: number;
}

function wordPath(dir: string): string {
  return `${dir}${WORD_SUFFIX}`;
}

/** This terminal has joined `dir` with `roles` (after its claim: the last one out reads them). */
export function sayJoined(dir: string, roles: readonly string[]): void {
  try {
    appendFileSync(join(dir, ROLES_FILE), `${roles.join(' ')}\n`, { mode: 0o600 });
  } catch {
    // A full disk: at worst a word is left for a pair that met, and told to no one
  }
}

function joinedRoles(dir: string): Set<string> {
  try {
    return new Set(readFileSync(join(dir, ROLES_FILE), 'utf8').split(/\s+/).filter(Boolean));
  } catch {
    return new Set();
  }
}

/**
 * The last one out of `dir`, its programs (`roles`) run to their end: if no other role ever
 * joined, leaves word for the one that may still come. Under the lab's lock, before the removal.
 */
export function leaveWord(dir: string, roles: readonly string[]): void {
  if ([...joinedRoles(dir)].some((role) => !roles.includes(role))) return;
  try {
    writeFileSync(wordPath(dir), JSON.stringify({ roles, at: Date.now() } satisfies FinishedWord), { mode: 0o600 });
  } catch {
    rmSync(wordPath(dir), { force: true }); // a full disk: no word, rather than half of one
  }
}

/**
 * Takes the word left beside `dir` (after joining it: a word is written under the lock that the
 * join waited for): the roles other than `roles` that finished before this terminal came.
 */
export function takeWord(dir: string, roles: readonly string[]): FinishedWord | null {
  let word: FinishedWord;
  try {
    word = JSON.parse(readFileSync(wordPath(dir), 'utf8')) as FinishedWord;
  } catch {
    return null;
  }
  rmSync(wordPath(dir), { force: true });
  const others = word.roles.filter((role) => !roles.includes(role));
  return others.length > 0 && Date.now() - word.at <= WORD_MS ? { roles: others, at: word.at } : null;
}

/** Words older than WORD_MS under `base` (or all of them: `ipc-demo clean`), removed; their names. */
export function removeOldWords(base: string, uid: number, all = false): string[] {
  return namesIn(base)
    .filter((name) => name.startsWith(`${RUN_PREFIX}${uid}-lab-`) && name.endsWith(WORD_SUFFIX))
    .filter((name) => {
      const path = join(base, name);
      try {
        if (!all && Date.now() - (JSON.parse(readFileSync(path, 'utf8')) as FinishedWord).at <= WORD_MS) return false;
      } catch {
        if (!all) return false; // gone this instant, or being written
      }
      rmSync(path, { force: true });
      return true;
    });
}
