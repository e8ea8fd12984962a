// The screen's root: one demo, or the tour of them all (n, b/N, a digit; m its menu). It owns
// the keys: each goes to the screen on show once that has caught up with the key before
// (use-key-queue.ts).
import { Box, useApp } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { Lang, VariantMeta } from '../../demos/types.js';
import { KeyTarget, useKeyQueue, type KeyHandler } from '../hooks/use-key-queue.js';
import { useTourMenu } from '../hooks/use-tour-menu.js';
import type { InteractiveOptions } from '../run-interactive.js';
import { tourTarget } from '../tour-keys.js';
import { demoProgress, resumeLine } from '../tour-progress.js';
import { tourText } from '../tour-strings.js';
import { App } from './app.js';
import { TourMenu } from './tour-menu.js';

export interface TourProps {
  readonly options: InteractiveOptions;
  readonly onSignalExit: () => void;
  /** Ctrl-C was pressed: the screen quits, and the exit status is SIGINT's. */
  readonly onInterrupt: () => void;
  readonly onLang: (lang: Lang) => void;
}

/** What the first demo of the tour says once: that it resumed, or that a damaged progress file was set aside. */
function welcomeText(options: InteractiveOptions, lang: Lang): string | undefined {
  const { welcome } = options;
  if (!welcome) return undefined;
  if (welcome.setAside) return tourText[lang].setAside(welcome.setAside);
  return resumeLine(options.demos, welcome.resume, welcome.progress, lang) ?? undefined;
}

export function Tour({ options, onSignalExit, onInterrupt, onLang }: TourProps) {
  const { exit } = useApp();
  const [index, setIndex] = useState(options.start ?? 0);
  const [variant, setVariant] = useState<VariantMeta | undefined>(options.variant);
  const [lang, setLang] = useState<Lang>(options.lang);
  // Said on the demo the tour starts at, until the learner goes elsewhere or opens the menu.
  const [welcome, setWelcome] = useState(options.welcome !== undefined);
  const demo = options.demos[index]!;
  const tour = options.demos.length > 1;
  const goTo = (target: number) => {
    setWelcome(false);
    setVariant(undefined);
    setIndex(target);
  };
  const menu = useTourMenu(options.demos, index, goTo, exit);
  // In raw mode Ctrl-C is a key, not a signal: it quits at once, keys typed before it or not
  // (the runs on screen are ended by runInteractive, as on q).
  const queue = useKeyQueue(() => {
    onInterrupt();
    exit();
  });
  // The demo on screen gives its handler after each of its commits, before this one's effect runs.
  const appKeys = useRef<KeyHandler | null>(null);
  const [toApp] = useState(() => (handler: KeyHandler) => {
    appKeys.current = handler;
  });
  useEffect(() => {
    queue.ready(menu.open ? menu.onKey : (input, key) => appKeys.current?.(input, key));
  });
  const open = menu.open;
  return (
    <KeyTarget.Provider value={toApp}>
      {/* The demo stays mounted under the menu: its run waits where it was. */}
      <Box display={open ? 'none' : 'flex'} flexDirection="column">
        <App
          key={`${demo.id}/${variant?.id ?? ''}`}
          demo={demo}
          variant={variant ?? demo.variants[0]!}
          initialLang={lang}
          initialMode={options.mode}
          roles={options.roles}
          delayMs={options.delayMs}
          launcherFor={options.launcherFor}
          questions={options.questions !== false}
          next={options.demos[index + 1]}
          tourPosition={tour ? `${index + 1}/${options.demos.length}` : undefined}
          notice={welcome ? welcomeText(options, lang) : undefined}
          onVariant={setVariant}
          onLang={(l) => {
            setLang(l);
            onLang(l);
          }}
          onTourKey={(input) => {
            if (tour && input === 'm') {
              setWelcome(false);
              menu.show();
              return true;
            }
            const target = tour ? tourTarget(input, index, options.demos.length) : null;
            if (target === null) return false;
            goTo(target);
            return true;
          }}
          onSignalExit={onSignalExit}
        />
      </Box>
      {open ? (
        <TourMenu
          demos={options.demos}
          progress={options.demos.map((d) => demoProgress(d, open.loaded.progress, menu.exercises?.get(d.id)))}
          highlighted={open.highlighted}
          current={demo}
          lang={lang}
          setAside={open.loaded.setAside}
        />
      ) : null}
    </KeyTarget.Provider>
  );
}
