// Small text formatters shared by the transcript and the panes.
import type { Lang } from '../demos/types.js';
import type { TraceValue, WaitStatus } from '../runtime/protocol.js';
import { strings } from './strings.js';

export function formatValue(value: TraceValue | undefined): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, TraceValue>;
    if ('pid' in record) return formatValue(record.pid);
    return `{${Object.entries(record).map(([k, v]) => `${k}: ${formatValue(v)}`).join(', ')}}`;
  }
  return typeof value === 'string' && !/^(NULL|0x[0-9a-f]+|buf\[\d+\])$/.test(value) ? JSON.stringify(value) : String(value);
}

export function formatCall(name: string, args: readonly TraceValue[]): string {
  return `${name}(${args.map(formatValue).join(', ')})`;
}

export function formatStatus(status: WaitStatus, lang: Lang): string {
  const s = strings[lang];
  if (status.signal !== null) return `${s.killedBy} ${status.signal}`;
  return `${s.exited} ${status.code ?? '?'}`;
}

export function formatBytes(n: number): string {
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} B`;
}
