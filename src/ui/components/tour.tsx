// The screen's root: one demo, or the tour of them all (n, b/N, a digit). It owns the keys:
// each goes to the screen on show once that has caught up with the key before (use-key-queue.ts).
import { useApp } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { Lang, VariantMeta } from '../../demos/types.js';
import { KeyTarget, useKeyQueue, type KeyHandler } from '../hooks/use-key-queue.js';
import type { InteractiveOptions } from '../run-interactive.js';
import { tourTarget } from '../tour-keys.js';
import { App } from './app.js';

export interface TourProps {
  readonly options: InteractiveOptions;
  readonly onSignalExit: () => void;
  /** Ctrl-C was pressed: the screen quits, and the exit status is SIGINT's. */
  readonly onInterrupt: () => void;
  readonly onLang: (lang: Lang) => void;
}

export function Tour({ options, onSignalExit, onInterrupt, onLang }: TourProps) {
  const { exit } = useApp();
  const [index, setIndex] = useState(0);
  const [variant, setVariant] = useState<VariantMeta | undefined>(options.variant);
  const [lang, setLang] = useState<Lang>(options.lang);
  const demo = options.demos[index]!;
  const tour = options.demos.length > 1;
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
    queue.ready((input, key) => appKeys.current?.(input, key));
  });
  return (
    <KeyTarget.Provider value={toApp}>
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
        onVariant={setVariant}
        onLang={(l) => {
          setLang(l);
          onLang(l);
        }}
        onTourKey={(input) => {
          const target = tour ? tourTarget(input, index, options.demos.length) : null;
          if (target === null) return false;
          setVariant(undefined);
          setIndex(target);
          return true;
        }}
        onSignalExit={onSignalExit}
      />
    </KeyTarget.Provider>
  );
}
