// <sched.h>
import { check, libc } from './libc.js';

/** A cpu_set_t as glibc sizes it: 1024 CPUs, one bit each. */
const CPU_SET_SIZE = 128;

const setaffinityC = libc.func('int sched_setaffinity(pid_t pid, size_t cpusetsize, const void *mask)');
const getaffinityC = libc.func('int sched_getaffinity(pid_t pid, size_t cpusetsize, void *mask)');
const yieldC = libc.func('int sched_yield(void)');

/** sched_setaffinity(2): this process (pid 0) runs on `cpu` only. */
export function pinToCpu(cpu: number): void {
  const mask = Buffer.alloc(CPU_SET_SIZE);
  mask[cpu >> 3]! |= 1 << (cpu & 7);
  check('sched_setaffinity', setaffinityC(0, CPU_SET_SIZE, mask) as number);
}

/** sched_getaffinity(2): the CPUs this process may run on. */
export function allowedCpus(): number[] {
  const mask = Buffer.alloc(CPU_SET_SIZE);
  check('sched_getaffinity', getaffinityC(0, CPU_SET_SIZE, mask) as number);
  const cpus: number[] = [];
  for (let cpu = 0; cpu < CPU_SET_SIZE * 8; cpu++) if (mask[cpu >> 3]! & (1 << (cpu & 7))) cpus.push(cpu);
  return cpus;
}

export function schedYield(): void {
  yieldC();
}
