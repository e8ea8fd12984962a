// What the kernel says, for demo tests (demo folders may not import the runtime
// or the UI): System V rows read now, and the kernel panel's text as the UI renders a snapshot.
import { readFileSync } from 'node:fs';
import type { Lang } from '../../src/demos/types.js';
import type { KernelSnapshot } from '../../src/runtime/events.js';
import { parseSysvTable, type SysvKind, type SysvRow } from '../../src/runtime/kernel/sysvipc.js';
import { kernelLines } from '../../src/ui/kernel-lines.js';

/** /proc/sysvipc/<kind>, read now (perms is the octal text read as a number: 0600 is 600). */
export function sysvRows(kind: SysvKind): SysvRow[] {
  return parseSysvTable(readFileSync(`/proc/sysvipc/${kind}`, 'utf8'));
}

/** The kernel panel's lines for a snapshot, joined, without colours. */
export function kernelPanelText(snapshot: KernelSnapshot | undefined, lang: Lang = 'en'): string {
  return kernelLines(snapshot ?? null, [], lang)
    .map((line) => line.text)
    .join('\n');
}
