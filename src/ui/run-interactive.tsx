// The interactive screen: Ink, in the terminal's alternate screen, restored on every way out.
import { render } from 'ink';
import type { DemoMeta, Lang, VariantMeta } from '../demos/types.js';
import type { Mode } from '../runtime/protocol.js';
import type { Launcher } from '../runtime/launch.js';
import { endAll, endingOnSignal, reportOnSignalExit, someRunFailed } from '../runtime/lifecycle.js';
import { Tour } from './components/tour.js';
import { StartedRun, type TakeStarted } from './hooks/use-run.js';
import { exitLine } from './exit-line.js';
import type { Progress } from '../runtime/progress.js';
import type { Resume } from './tour-progress.js';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, replaceFirstFrame } from './first-frame.js';

export interface InteractiveOptions {
  readonly demos: readonly DemoMeta[];
  /** The variant of a single demo; the tour runs each demo's default, but may start at another (resuming). */
  readonly variant: VariantMeta | undefined;
  /** The tour's first demo (an index in demos): where a returning learner left off. */
  readonly start?: number;
  /** What the tour's first demo says once: where it resumed and why (src/ui/tour-progress.ts), or a damaged progress file set aside. */
  readonly welcome?: { readonly resume: Resume; readonly progress: Progress; readonly setAside?: string };
  readonly lang: Lang;
  readonly mode: Mode;
  /** Lab mode: only these roles, meeting the other terminal in the shared directory. */
  readonly roles?: readonly string[];
  readonly delayMs?: number;
  /** C programs compiled with the native runtime instead of the twins (a learner's own, or --native). */
  readonly launcherFor?: (demo: DemoMeta, variant: VariantMeta) => Launcher;
  /** A run the CLI started before the screen loaded, taken once by the demo and variant it is for. */
  readonly takeStarted?: TakeStarted;
  /** Step mode asks the demos' questions (default); false: --no-questions. */
  readonly questions?: boolean;
  /** The CLI has drawn the first frame in the alternate screen already (first-frame.ts): Ink's first replaces it. */
  readonly firstFrameDrawn?: boolean;
}


export async function runInteractive(options: InteractiveOptions): Promise<number> {
  const unreplaced = options.firstFrameDrawn ? replaceFirstFrame() : (process.stdout.write(ENTER_ALT_SCREEN), () => undefined);
  let left = false;
  const leave = () => {
    if (left) return;
    left = true;
    instance.unmount();
    unreplaced();
    process.stdout.write(LEAVE_ALT_SCREEN);
  };
  // 130, as a shell reports a program ended by SIGINT: what Ctrl-C means everywhere else.
  let status = 0;
  const onInterrupt = () => (status = 130);
  // The language on screen at the end says the exit line (l switches it).
  let lang = options.lang;
  reportOnSignalExit((results) => exitLine(results, lang));
  const instance = render(
    <StartedRun.Provider value={options.takeStarted}>
      <Tour options={options} onSignalExit={leave} onInterrupt={onInterrupt} onLang={(l) => (lang = l)} />
    </StartedRun.Provider>,
    { exitOnCtrlC: false, patchConsole: false },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    // The runs still on screen are ending (q, Ctrl-C): the terminal comes back at once, and the
    // line saying what they removed follows when they have.
    const ending = endAll();
    leave();
    const results = await ending;
    if (!endingOnSignal()) process.stderr.write(`${exitLine(results, lang)}\n`);
  }
  // A run on screen that failed (a process killed from outside, a runner that crashed) is not a 0.
  return status === 0 && someRunFailed() ? 1 : status;
}
