// The first bytes of a mapping as one process sees them, read from
// /proc/<pid>/mem. A process that sleeps (in waitpid, at a step) cannot report
// them itself; the kernel can, so a page written by another process shows up
// in every process that shares it, and a copy-on-write page stays put.
import { open } from 'node:fs/promises';

/** Hex of `length` bytes at `addr` in `pid`'s address space; null when they cannot be read (unmapped, gone, no access). */
export async function readProcessMemory(pid: number, addr: string, length: number): Promise<string | null> {
  let file;
  try {
    file = await open(`/proc/${pid}/mem`, 'r');
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await file.read(buffer, 0, length, Number(BigInt(addr)));
    return bytesRead === length ? buffer.toString('hex') : null;
  } catch {
    return null;
  } finally {
    await file?.close();
  }
}
