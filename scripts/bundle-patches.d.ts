import type { Plugin } from 'esbuild';

export declare const EMOJI_PREFILTER: string;
export declare const yogaWasmFile: (outdir: string) => Plugin;
export declare const textPatches: Plugin;
export declare const styledCellPatches: Plugin;
export declare const ONE_UNIT_EACH: string;
