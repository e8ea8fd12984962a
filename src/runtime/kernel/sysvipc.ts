// /proc/sysvipc/{shm,msg,sem}: one header line naming the columns, one line per object.
import { readFile } from 'node:fs/promises';

export type SysvKind = 'shm' | 'msg' | 'sem';
export type SysvRow = Readonly<Record<string, number>>;

export function parseSysvTable(text: string): SysvRow[] {
  const [header, ...lines] = text.trim().split('\n');
  if (!header) return [];
  const columns = header.trim().split(/\s+/);
  return lines
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const values = line.trim().split(/\s+/);
      return Object.fromEntries(columns.map((column, i) => [column, Number(values[i])]));
    });
}

export async function readSysv(kind: SysvKind): Promise<SysvRow[]> {
  try {
    return parseSysvTable(await readFile(`/proc/sysvipc/${kind}`, 'utf8'));
  } catch {
    return [];
  }
}
