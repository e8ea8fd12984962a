// The Node twin of signal-textbook.c, signal-robust.c and signal-queueing.c:
// one main() that tells the three programs apart by argv[1], as meta.ts passes it.
import { SIG_BLOCK, SIG_UNBLOCK, SIGUSR1, sigactionStruct, sigrtmin, sigset } from '../../ffi/signal.js';
import { handlerAddress } from '../../ffi/signal-gate.js';
import { describeWaitStatus } from '../../ffi/sys-wait.js';
import type { DemoRoles, Proc } from '../types.js';

const SIGUSR2 = 12;

function report(p: Proc, pid: number): void {
  const { status } = p.c.waitpid(pid);
  p.print(`parent: child pid ${pid} ${describeWaitStatus(status)}`);
}

/**
 * handler() of the textbook and robust listings: runs inside pause() or sigsuspend(). Made
 * before fork(), as a C program's functions exist before it runs, not in the child's race.
 */
function caughtHandler(p: Proc): bigint {
  return handlerAddress(() => {
    p.step('handler');
    p.print('child: handler caught SIGUSR1');
  });
}

/** signal-textbook.c: signal(), pause(), and a sleep(1) standing in for synchronisation. */
function textbook(p: Proc): void {
  const { c } = p;
  const race = p.args[0] === 'race';
  const handler = caughtHandler(p);
  p.step('fork');
  const pid = p.fork();
  if (pid === 0) {
    p.step('signal');
    c.signal(SIGUSR1, handler);
    p.step('pause');
    c.pause();
    p.print('child: pause() returned');
    p.step('child-exit');
    p.exit(0);
  }
  if (!race) {
    p.step('sleep');
    c.sleep(1);
  }
  p.step('kill');
  c.kill(pid, SIGUSR1);
  p.print(`parent: sent SIGUSR1 to child pid ${pid}`);
  p.step('wait');
  report(p, pid);
}

/** signal-robust.c: SIGUSR1 blocked before fork(); sigsuspend() or sigwaitinfo() in the child. */
function robust(p: Proc): void {
  const { c } = p;
  const synchronous = p.args[0] === 'sigwaitinfo';
  const usr1 = sigset(SIGUSR1);
  const handler = synchronous ? 0n : caughtHandler(p);
  p.step('block');
  c.sigprocmask(SIG_BLOCK, usr1);
  p.step('fork-blocked');
  const pid = p.fork();
  if (pid === 0) {
    if (synchronous) {
      p.step('sigwaitinfo');
      const info = c.sigwaitinfo(usr1);
      p.print(`child: got SIGUSR1 from pid ${info.pid}, my parent is pid ${c.getppid()}`);
    } else {
      p.step('sigaction');
      c.sigaction(SIGUSR1, sigactionStruct(handler));
      p.step('sigsuspend');
      c.sigsuspend(sigset()); // -1 with EINTR after the handler: its normal return
      p.print('child: sigsuspend returned, SIGUSR1 is blocked again');
    }
    p.step('child-exit');
    p.exit(0);
  }
  p.step('kill-blocked');
  c.kill(pid, SIGUSR1);
  p.print(`parent: sent SIGUSR1 to child pid ${pid}`);
  p.step('wait');
  report(p, pid);
}

/** signal-queueing.c: three SIGUSR1 merge into one pending bit, three SIGRTMIN queue. */
function queueing(p: Proc): void {
  const { c } = p;
  const rtmin = sigrtmin();
  const counted = sigset(SIGUSR1, rtmin);
  const done = sigset(SIGUSR2);
  const all = sigset(SIGUSR1, rtmin, SIGUSR2);
  p.step('block-three');
  c.sigprocmask(SIG_BLOCK, all);
  p.step('fork-blocked');
  const pid = p.fork();
  if (pid === 0) {
    let usr1Count = 0;
    let rtCount = 0;
    const count = sigactionStruct(handlerAddress((sig) => {
      p.step('count');
      if (sig === SIGUSR1) usr1Count++;
      else rtCount++;
    }));
    p.step('catch-usr1');
    c.sigaction(SIGUSR1, count);
    p.step('catch-rt');
    c.sigaction(rtmin, count);
    p.step('wait-done');
    c.sigwaitinfo(done, null);
    p.step('unblock'); // each pending signal is handled before sigprocmask() returns
    c.sigprocmask(SIG_UNBLOCK, counted);
    p.print(`child: SIGUSR1 handled ${usr1Count} time(s) of 3 sent`);
    p.print(`child: SIGRTMIN handled ${rtCount} time(s) of 3 sent`);
    p.step('child-exit');
    p.exit(0);
  }
  for (let i = 0; i < 3; i++) {
    p.step('kill-usr1');
    c.kill(pid, SIGUSR1);
  }
  for (let i = 0; i < 3; i++) {
    p.step('kill-rt');
    c.kill(pid, rtmin);
  }
  p.print(`parent: sent 3 x SIGUSR1, 3 x SIGRTMIN to child pid ${pid}`);
  p.step('kill-done');
  c.kill(pid, SIGUSR2);
  p.step('wait');
  report(p, pid);
}

function main(p: Proc): void {
  switch (p.args[0]) {
    case 'sigsuspend':
    case 'sigwaitinfo':
      return robust(p);
    case 'sleep':
    case 'race':
      return textbook(p);
    default:
      return queueing(p);
  }
}

export const roles: DemoRoles = { main };
