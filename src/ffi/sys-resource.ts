// <sys/resource.h>
import { check, libc } from './libc.js';

const RUSAGE_THREAD = 1;
/** sizeof(struct rusage) on x86-64: ru_utime and ru_stime (two struct timeval) first, then 14 longs. */
const RUSAGE_SIZE = 144;

const getrusageC = libc.func('int getrusage(int who, void *usage)');
const usage = Buffer.alloc(RUSAGE_SIZE);

/**
 * CPU time (user + system) of the calling thread, in ns. A Node process has other threads:
 * process.cpuUsage() counts them too, this does not (getrusage(RUSAGE_THREAD)).
 */
export function threadCpuNs(): number {
  check('getrusage', getrusageC(RUSAGE_THREAD, usage) as number);
  const seconds = Number(usage.readBigInt64LE(0)) + Number(usage.readBigInt64LE(16));
  const micros = Number(usage.readBigInt64LE(8)) + Number(usage.readBigInt64LE(24));
  return seconds * 1e9 + micros * 1e3;
}
