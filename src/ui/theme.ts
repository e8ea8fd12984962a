// Colours, in one place. Each process keeps its colour for the whole run.
export const PROCESS_COLORS = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red'] as const;

export const theme = {
  border: 'gray',
  borderActive: 'white',
  dim: 'gray',
  title: 'white',
  replay: 'yellow',
  live: 'green',
  error: 'red',
  ok: 'green',
  note: 'yellow',
} as const;

export function processColor(index: number): string {
  return PROCESS_COLORS[index % PROCESS_COLORS.length]!;
}

/** A one-letter tag for a process, so the marks still read without colour. */
export function processTag(role: string): string {
  if (role === 'main') return 'P';
  if (role === 'child') return 'C';
  // A second process of the same program (writer2) keeps its number: W and W2.
  const nth = /\d+$/.exec(role)?.[0] ?? '';
  return `${role.charAt(0).toUpperCase()}${nth}`;
}
