// Signal numbers and names as Linux x86-64 and glibc define them. Pure data:
// the controller uses it without loading libc.
const NAMES = [
  'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGKILL', 'SIGUSR1',
  'SIGSEGV', 'SIGUSR2', 'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGSTKFLT', 'SIGCHLD', 'SIGCONT', 'SIGSTOP',
  'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGXCPU', 'SIGXFSZ', 'SIGVTALRM', 'SIGPROF', 'SIGWINCH',
  'SIGIO', 'SIGPWR', 'SIGSYS',
] as const;

/** glibc reserves 32 and 33 for itself: SIGRTMIN is 34 for programs. */
export const GLIBC_SIGRTMIN = 34;

export const SIGNALS: Readonly<Record<string, number>> = Object.fromEntries(NAMES.map((name, i) => [name, i + 1]));

export function signalName(signo: number): string {
  if (signo >= 1 && signo <= NAMES.length) return NAMES[signo - 1]!;
  if (signo >= GLIBC_SIGRTMIN && signo <= 64) return signo === GLIBC_SIGRTMIN ? 'SIGRTMIN' : `SIGRTMIN+${signo - GLIBC_SIGRTMIN}`;
  return `SIG${signo}`;
}

/**
 * SIGCANCEL, glibc's own (32): glibc strips it from every mask a program sets,
 * so a program never blocks it. The runtime blocks it, with a raw system call,
 * exactly while the kernel's mask is the runtime's and not the program's (the
 * fork window, JavaScript running with its handled signals held back): a view
 * of /proc that shows it blocked has caught the machinery, not the program.
 */
export const RUNTIME_MASK_SIGNAL = 32;

/** The 64-bit hex mask of /proc/<pid>/status is the runtime's own (see RUNTIME_MASK_SIGNAL). */
export function isRuntimeMask(hex: string | undefined): boolean {
  return hex !== undefined && ((BigInt(`0x${hex}`) >> BigInt(RUNTIME_MASK_SIGNAL - 1)) & 1n) === 1n;
}

/** /proc/<pid>/status prints signal sets as 64-bit hex masks: bit n-1 is signal n. */
export function decodeSignalMask(hex: string | undefined): string[] {
  if (!hex) return [];
  const mask = BigInt(`0x${hex}`);
  const names: string[] = [];
  for (let signo = 1; signo <= 64; signo++) {
    // 32 and 33 are glibc's own (thread cancellation, setxid): no program's business.
    if (signo === 32 || signo === 33) continue;
    if ((mask >> BigInt(signo - 1)) & 1n) names.push(signalName(signo));
  }
  return names;
}
