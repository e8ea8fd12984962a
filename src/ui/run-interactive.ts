import type { DemoMeta, Lang, VariantMeta } from '../demos/types.js';
import type { Mode } from '../runtime/protocol.js';
export interface InteractiveOptions { demos: readonly DemoMeta[]; variant: VariantMeta | undefined; lang: Lang; mode: Mode }
export async function runInteractive(options: InteractiveOptions): Promise<number> { void options; return 0; }
