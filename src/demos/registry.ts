// The demos, as discovered from the src/demos/<nn>-<id>/ folders at build time.
import { metas } from 'virtual:demo-metas';
import type { DemoMeta, Lang, VariantMeta } from './types.js';

export const demos: readonly DemoMeta[] = [...metas].sort((a, b) => a.order - b.order);

/** The ids every demo is known by, fixed for all seven whether built yet or not. */
export const DEMO_IDS = ['pipe', 'anon-mem', 'signal', 'fifo', 'shm', 'msgq', 'socket'] as const;

export function findDemo(name: string): DemoMeta | undefined {
  const wanted = name.toLowerCase();
  return demos.find((demo) => demo.id === wanted || demo.aliases.includes(wanted));
}

export function findVariant(demo: DemoMeta, id: string | undefined): VariantMeta | undefined {
  return id === undefined ? demo.variants[0] : demo.variants.find((variant) => variant.id === id);
}

/** The variants that run `role` (a section-2 demo's variants may run fewer programs). */
export function variantsWithRole(demo: DemoMeta, role: string): string[] {
  return demo.variants.filter((variant) => Object.hasOwn(variant.listings, role)).map((variant) => variant.id);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The closest of `candidates` to `name`, if it is close enough to be what was meant. */
export function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = candidate.startsWith(name) || name.startsWith(candidate) ? 1 : editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

export function allNames(): string[] {
  return demos.flatMap((demo) => [demo.id, ...demo.aliases]);
}

export function localized(text: { en: string; zh: string }, lang: Lang): string {
  return text[lang];
}
