// /proc/<pid>/status prints signal sets as 64-bit hex masks: bit n-1 is signal n.
const NAMES = [
  'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGKILL', 'SIGUSR1',
  'SIGSEGV', 'SIGUSR2', 'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGSTKFLT', 'SIGCHLD', 'SIGCONT', 'SIGSTOP',
  'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGXCPU', 'SIGXFSZ', 'SIGVTALRM', 'SIGPROF', 'SIGWINCH',
  'SIGIO', 'SIGPWR', 'SIGSYS',
];
/** glibc reserves 32 and 33 for itself: SIGRTMIN is 34 for programs. */
const GLIBC_SIGRTMIN = 34;

export function signalNameOf(signo: number): string {
  if (signo >= 1 && signo <= NAMES.length) return NAMES[signo - 1]!;
  if (signo >= GLIBC_SIGRTMIN && signo <= 64) return signo === GLIBC_SIGRTMIN ? 'SIGRTMIN' : `SIGRTMIN+${signo - GLIBC_SIGRTMIN}`;
  return `SIG${signo}`;
}

export function decodeSignalMask(hex: string | undefined): string[] {
  if (!hex) return [];
  const mask = BigInt(`0x${hex}`);
  const names: string[] = [];
  for (let signo = 1; signo <= 64; signo++) {
    if ((mask >> BigInt(signo - 1)) & 1n) names.push(signalNameOf(signo));
  }
  return names;
}
