import type { Libc } from '../ffi/index.js';

// The contract every demo folder fulfils. A demo is data (this file's
// DemoMeta, importable by the UI) plus role functions (roles.ts, runner only).

/** Text in both first-class languages. */
export interface Text {
  readonly en: string;
  readonly zh: string;
}

export type Lang = keyof Text;

export type Section = 'related' | 'unrelated';

export interface StepLesson {
  /** What happens on this line, told to a learner, one or two sentences. */
  readonly text: Text;
  /** By variant id: the text where that variant makes the line do something else (socket `abstract`: no file). */
  readonly variants?: Readonly<Record<string, Text>>;
  /** By role id: the text for a role whose program has a step of the same name that does something else. */
  readonly roles?: Readonly<Record<string, Text>>;
}

export interface VariantMeta {
  readonly id: string;
  readonly title: Text;
  /** What this variant shows and what to watch for. */
  readonly summary: Text;
  /** File names in the demo folder, one per role: the C program this variant runs. */
  readonly listings: Readonly<Record<string, string>>;
  /** Extra arguments the C program takes for this variant (argv[1…]); the contract test passes them. */
  readonly cArgs?: readonly string[];
  /**
   * Per-role argv, where the roles differ (section 2). `{dir}` becomes the run's private
   * directory and `{key}` a file in it for ftok(3).
   */
  readonly argv?: Readonly<Record<string, readonly string[]>>;
  /** Exit codes / signals are part of some lessons: what each role's process is expected to end with. */
  readonly expect?: Readonly<Record<string, string>>;
  /**
   * The outcome depends on scheduling (a race the lesson is about): the C program and the twin
   * may legitimately print different things or end differently from run to run. The contract
   * test then checks what is always true instead of comparing the two runs line for line.
   */
  readonly racy?: boolean;
  /** A run that ends stuck by design (the deadlock is the lesson): where on screen the cause shows. */
  readonly stuck?: Text;
}

export interface RoleMeta {
  readonly id: string;
  readonly title: Text;
}

export interface DemoMeta {
  readonly id: string;
  /** Position in the tour, from the folder prefix. */
  readonly order: number;
  readonly section: Section;
  readonly aliases: readonly string[];
  readonly title: Text;
  readonly summary: Text;
  /** Section 1: one role ('main'), which forks. Section 2: one role per program. */
  readonly roles: readonly RoleMeta[];
  readonly variants: readonly VariantMeta[];
  /** Lesson text for every step id that appears as `// @step id` in a listing. */
  readonly steps: Readonly<Record<string, StepLesson>>;
  /** The C sources, by file name (loaded as text by the build). */
  readonly sources: Readonly<Record<string, string>>;
  /** Predict, then reveal: asked in step mode before their step runs (`questions.ts` in the folder). */
  readonly questions?: readonly Question[];
}

/**
 * Where a question's answer comes from in the run, never from the question itself:
 * - `return`: the value (at `field`, a dotted path, if the value is an object), or errno, of
 *   the call `call` that the step's line makes; or that it never returned (the run was stuck),
 *   or that a signal killed the process in it;
 * - `count`: how many times the process took step `step` before the question's line was over
 *   (a signal handler's steps inside the call);
 * - `memory`: the first shared mapping as the process itself read it once the line was over
 *   (text up to the first NUL, or the int at its start);
 * - `leak`: whether /proc/sysvipc still listed an object of the run of `kind` once every process
 *   had ended (the controller's `leak-removed` / `leak-left` notes).
 */
export type Reveal =
  | { readonly from: 'return'; readonly call: string; readonly field?: string }
  | { readonly from: 'count'; readonly step: string }
  | { readonly from: 'memory'; readonly as: 'text' | 'int' }
  | { readonly from: 'leak'; readonly kind: 'shm' | 'msg' | 'sem' };

/** What a run's outcome must be for a choice to be the true one. Every field given must hold. */
export interface Match {
  /** The returned value (at the reveal's field; null where it is null), the count, the memory's text or int. */
  readonly value?: number | string | null;
  /** A number at least / at most this. */
  readonly min?: number;
  readonly max?: number;
  readonly errno?: string;
  /** The call never returned: the run was stuck with the process in it. */
  readonly blocked?: true;
  /** A signal killed the process before the call returned. */
  readonly killedBy?: string;
  /** `leak`: an object was (true) or was not (false) left. */
  readonly leaked?: boolean;
}

export interface Choice {
  readonly text: Text;
  readonly when: Match;
  /** Why this is what the kernel did, shown when the run makes it the answer (else the question's). */
  readonly why?: Text;
}

export interface Question {
  /** Unique within the demo. */
  readonly id: string;
  /** Asked right before a process runs this step's line (a marker in its listing). */
  readonly step: string;
  /** Only in these variants (default: every variant whose listing has the step). */
  readonly variants?: readonly string[];
  /** Only for a process running this role's listing (section 2). */
  readonly role?: string;
  /** The n-th time the process reaches the step (default 1): the second read(), not the first. */
  readonly occurrence?: number;
  readonly prompt: Text;
  /** Up to four choices, a–d; none: the learner types a number, and the run's number is the answer. */
  readonly choices?: readonly Choice[];
  /** For a number question: why the run's number is what it is. */
  readonly why?: Text;
  /** Where another answer is true in another run or variant (a race): said with every reveal. */
  readonly racy?: Text;
  readonly reveal: Reveal;
}

/**
 * What a role function gets: the process it runs as. `c` is libc, traced:
 * every call is reported before it starts and when it returns, so a call with
 * no return yet is a process blocked in the kernel.
 */
export interface Proc {
  readonly c: Libc;
  /** argv[1…] of the C program this role twins. */
  readonly args: readonly string[];
  /** "I am about to execute the C line marked `// @step id`": waits there in step mode. */
  step(id: string): void;
  /** printf of one line to stdout (fd 1), attributed to this process. */
  print(line: string): void;
  /** fork(2): the child's pid in the parent, 0 in the child (which reconnects by itself). */
  fork(): number;
  /** _exit(2): ends this process now. */
  exit(code: number): never;
}

/** A role is the main() of one C program. */
export type RoleFn = (p: Proc) => void;

export type DemoRoles = Readonly<Record<string, RoleFn>>;
