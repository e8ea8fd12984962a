// What the bench says, in English and in Chinese.
import type { Lang } from '../demos/types.js';
import type { Goal } from './goals.js';
import type { CpuMode } from './run.js';

export interface BenchText {
  readonly title: string;
  readonly cpuMode: (mode: CpuMode, parent: number, child: number) => string;
  readonly reps: (n: number) => string;
  readonly load: (start: string, end: string) => string;
  readonly noC: (why: string) => string;
  readonly roundTrip: string;
  readonly throughput: (size: string) => string;
  readonly columns: readonly [c: string, twin: string];
  readonly skipped: (limit: number) => string;
  readonly colon: string;
  readonly memcpy: string;
  readonly vsMemcpy: string;
  readonly why: string;
  readonly goals: string;
  readonly goal: Record<Goal['id'], string>;
  readonly met: string;
  readonly missed: string;
  readonly notJudged: string;
  readonly took: (seconds: string) => string;
  readonly progress: string;
  /** Before the twin ÷ C ratio of CPU time per operation. */
  readonly cpu: string;
  readonly cpuNote: string;
  readonly kinds: Record<'rt' | 'bw', string>;
}

export const benchText: Record<Lang, BenchText> = {
  en: {
    title: 'ipc-demo bench: what each mechanism costs here, the Node twin beside C',
    cpuMode: (mode, parent, child) =>
      mode === 'any' ? 'processes not pinned: the scheduler places them (--cpu any)'
        : mode === 'same' ? `both processes on CPU ${parent} (--cpu same): every hand-off is a context switch`
          : `parent on CPU ${parent}, child on CPU ${child} (--cpu different): hand-offs wake the other CPU`,
    reps: (n) => `${n} repetitions per cell, each side in turn; median, ± is (max − min) / median; memcpy: one process copying the same sizes`,
    load: (start, end) => `load average ${start} at the start, ${end} at the end (other work on the machine makes the numbers noisy)`,
    noC: (why) => `No C reference (${why}): the Node twin alone.`,
    roundTrip: 'Round trip, 1 byte each way (µs; log scale, shorter bar = faster)',
    throughput: (size) => `Throughput, ${size} messages (log scale, longer bar = faster)`,
    columns: ['C', 'node twin'],
    skipped: (limit) => `not measured: over ${limit} bytes, its limit here`,
    colon: ': ',
    memcpy: 'memcpy (C)',
    vsMemcpy: 'of memcpy',
    why: 'Why',
    goals: 'Goals (issue 15), twin ÷ C medians',
    goal: {
      throughput: 'throughput ≥ 4 KiB, pipe/FIFO/unix stream/msgq: twin ≥ 0.95× C',
      'round-trip': 'round trip on one CPU: twin ≤ 1.3× C',
      'shared-memory': 'shared memory ≥ 64 KiB: twin ≥ 0.9× memcpy',
    },
    met: 'met',
    missed: 'missed',
    notJudged: 'not judged by this run',
    took: (seconds) => `${seconds} s`,
    progress: 'measuring',
    cpu: 'CPU',
    cpuNote: '(CPU: CPU time per operation of both processes, twin ÷ C: it hardly depends on the load, wall time does)',
    kinds: { rt: 'round trip', bw: 'throughput' },
  },
  zh: {
    title: 'ipc-demo bench：每种机制在这台机器上的开销，Node 孪生程序与 C 并排',
    cpuMode: (mode, parent, child) =>
      mode === 'any' ? '进程未绑定 CPU，由调度器安排（--cpu any）'
        : mode === 'same' ? `两个进程都在 CPU ${parent} 上（--cpu same）：每次交接都是一次上下文切换`
          : `父进程在 CPU ${parent}，子进程在 CPU ${child}（--cpu different）：交接要唤醒另一个 CPU`,
    reps: (n) => `每格重复 ${n} 次，两边轮流进行；取中位数，± 为 (最大 − 最小) / 中位数；memcpy：单个进程复制同样大小`,
    load: (start, end) => `开始时负载 ${start}，结束时 ${end}（机器上的其他任务会让数字有噪声）`,
    noC: (why) => `没有 C 参照（${why}）：只测 Node 孪生程序。`,
    roundTrip: '往返，每个方向 1 字节（µs；对数刻度，条越短越快）',
    throughput: (size) => `吞吐量，每条消息 ${size}（对数刻度，条越长越快）`,
    columns: ['C', 'Node 孪生'],
    skipped: (limit) => `未测：超过本机上限 ${limit} 字节`,
    colon: '：',
    memcpy: 'memcpy（C）',
    vsMemcpy: '× memcpy',
    why: '为什么',
    goals: '目标（issue 15），孪生 ÷ C 的中位数',
    goal: {
      throughput: '≥ 4 KiB 吞吐量，pipe/FIFO/unix stream/msgq：孪生 ≥ 0.95× C',
      'round-trip': '单 CPU 往返：孪生 ≤ 1.3× C',
      'shared-memory': '≥ 64 KiB 共享内存：孪生 ≥ 0.9× memcpy',
    },
    met: '达到',
    missed: '未达到',
    notJudged: '本次运行未涉及',
    took: (seconds) => `${seconds} 秒`,
    progress: '测量中',
    cpu: 'CPU',
    cpuNote: '（CPU：两个进程每次操作所用的 CPU 时间，孪生 ÷ C；它几乎不受负载影响，墙钟时间则不然）',
    kinds: { rt: '往返', bw: '吞吐量' },
  },
};
