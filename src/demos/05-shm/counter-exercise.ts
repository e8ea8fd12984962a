// The racy counter made exact with a semaphore (issue 13), judged over repeated free runs: a race
// that happened not to lose anything in one run loses in the next.
import { at, callsOf, cleanEnd, fail, pass, type CallRecord, type Evidence, type Exercise, type Verdict } from '../exercise.js';
import type { Text } from '../types.js';
import shmCounter from './exercises/shm-counter.c';

/** 500 additions by each process, as the starter makes them. */
const TOTAL = 1000;
/**
 * Changes of hands at the semaphore below which the two processes counted one after the other.
 * Counted in the order the returns reached ipc-demo: where one process's last semop() and the
 * other's first come close, the two may cross in the record, a change or two; two processes
 * counting at once with a semaphore around each addition take turns hundreds of times.
 */
const TURNS_MIN = 10;

/** `In run 2 of 3, ` when the exercise runs the program more than once. */
function inRun(evidence: Evidence): Text {
  if (evidence.runs === 1) return { en: '', zh: '' };
  const luck = evidence.run > 1 ? { en: ` (the run before came out right: a race does not lose every time)`, zh: `（之前的运行结果是对的：竞态并不是每次都会丢失更新）` } : { en: '', zh: '' };
  return { en: `In run ${evidence.run} of ${evidence.runs}${luck.en}, `, zh: `在第 ${evidence.run} 次运行中（共 ${evidence.runs} 次）${luck.zh}，` };
}

/** The number at the end of the parent's last line that ends with one: the starter prints the total there. */
function printedTotal(evidence: Evidence): number | null {
  const numbers = evidence.output.filter((o) => o.role === 'main').flatMap((o) => /(-?\d+)\s*$/.exec(o.text)?.[1] ?? []);
  return numbers.length > 0 ? Number(numbers.at(-1)) : null;
}

/**
 * The roles attached to a System V segment: seen so by the kernel (a `/SYSV…` mapping, `rw-s`), or
 * by their own shmat(), or forked while attached (fork() copies the attachment, nattch + 1). A free
 * run's views are the watch's polls, which a short run can fall between: the calls are always there.
 */
function attachedRoles(evidence: Evidence): Set<string> {
  const roles = new Set(evidence.views.flatMap((view) => view.filter((p) => p.maps.some((m) => m.name.startsWith('/SYSV') && m.perms.endsWith('s'))).map((p) => p.role)));
  const attachments = new Map<number, number>();
  for (const call of evidence.calls) {
    if (!call.returned || call.errno) continue;
    const held = attachments.get(call.pid) ?? 0;
    if (call.name === 'shmat') {
      attachments.set(call.pid, held + 1);
      roles.add(call.role);
    } else if (call.name === 'shmdt') attachments.set(call.pid, Math.max(0, held - 1));
    else if (call.name === 'fork' && typeof call.value === 'number' && call.value > 0 && held > 0) {
      attachments.set(call.value, held);
      roles.add('child');
    }
  }
  return roles;
}

/** How many times the semaphore changed hands: successful semop() returns, in the order they came, whose process differs from the one before. */
function turns(semops: readonly CallRecord[]): number {
  const order = [...semops].sort((a, b) => a.returnedAt! - b.returnedAt!);
  return order.filter((call, i) => i > 0 && call.pid !== order[i - 1]!.pid).length;
}

/** The parent's waitpid()/wait() that returned before its first semop(): it waited for the child before it counted. */
function waitedFirst(evidence: Evidence): CallRecord | undefined {
  const mine = evidence.calls.filter((c) => c.role === 'main');
  const firstSemop = mine.findIndex((c) => c.name === 'semop');
  return mine.slice(0, firstSemop).find((c) => (c.name === 'waitpid' || c.name === 'wait') && c.returned && !c.errno);
}

function notShared(evidence: Evidence, total: number | null, attached: ReadonlySet<string>): Verdict {
  const printed = total === null ? { en: 'printed no total', zh: '没有打印总数' } : { en: `printed ${total}`, zh: `打印了 ${total}` };
  const seen = attached.has('main') ? { en: 'in the parent only', zh: '只在父进程里' } : attached.has('child') ? { en: 'in the child only', zh: '只在子进程里' } : { en: 'in neither process', zh: '在两个进程里都没有' };
  return fail({
    en: `${inRun(evidence).en}the parent ${printed.en}, but a System V segment was attached ${seen.en} (by shmat(), or inherited through fork()): the two did not count in one shared counter. Keep the segment: shmat() it before fork(), and both count in it.`,
    zh: `${inRun(evidence).zh}父进程${printed.zh}，但 System V 共享内存段${seen.zh}被附加（通过 shmat()，或经 fork() 继承）：两个进程并没有在同一个共享计数器上计数。保留这个段：在 fork() 之前 shmat()，两个进程都在里面计数。`,
  });
}

function wrongTotal(evidence: Evidence, total: number | null, semops: readonly CallRecord[]): Verdict {
  const run = inRun(evidence);
  const printed = total === null ? { en: 'the parent printed no total', zh: '父进程没有打印总数' } : { en: `the parent printed ${total}, not ${TOTAL}`, zh: `父进程打印的是 ${total}，不是 ${TOTAL}` };
  const lost = total !== null && total < TOTAL ? { en: `: ${TOTAL - total} additions were lost`, zh: `：丢失了 ${TOTAL - total} 次加法` } : { en: '', zh: '' };
  const why = semops.length === 0
      ? { en: 'Both processes counted in the one segment, attached to it, and neither called semop(): each read the counter, slept in usleep(), and wrote back one more, over what the other had written meanwhile.', zh: '两个进程都附加到了同一个段并在里面计数，但都没有调用 semop()：每个进程读出计数器，在 usleep() 里睡一会儿，再写回加一后的值，覆盖了对方在此期间写入的值。' }
      : { en: `The semaphore did not keep them apart: one process still read or wrote the counter while the other was between its load and its store. Is it set to 1 before fork(), taken (-1) before the load and given back (+1) after the store?`, zh: '信号量没有把它们隔开：一个进程在另一个进程读和写之间，仍然读或写了计数器。它是否在 fork() 之前被设为 1，在读之前取走（-1），在写之后归还（+1）？' };
  return fail({ en: `${run.en}${printed.en}${lost.en}. ${why.en}`, zh: `${run.zh}${printed.zh}${lost.zh}。${why.zh}` });
}

function oneAfterTheOther(evidence: Evidence, changes: number): Verdict {
  const waited = waitedFirst(evidence);
  const how = waited
    ? { en: `the parent's ${waited.name}()${at(waited).en} returned, the child ended, before the parent's first semop()`, zh: `父进程的 ${waited.name}()${at(waited).zh}在它第一次调用 semop() 之前就返回了，那时子进程已经结束` }
    : { en: `their semop() calls changed hands only ${changes} time${changes === 1 ? '' : 's'}: one held the semaphore through all its additions`, zh: `它们的 semop() 调用只交替了 ${changes} 次：一个进程在它的全部加法期间一直占着信号量` };
  return fail({
    en: `${inRun(evidence).en}the total was ${TOTAL}, but the two processes counted one after the other: ${how.en}. Counted one at a time, a total is exact without any semaphore. Take the semaphore around each addition, so that both count at the same time and take turns.`,
    zh: `${inRun(evidence).zh}总数是 ${TOTAL}，但两个进程是一个接一个计数的：${how.zh}。一个接一个地计数，不用信号量结果也是对的。请在每次加法前后取放信号量，让两个进程同时计数、轮流进入。`,
  });
}

function judge(evidence: Evidence): Verdict {
  const ended = cleanEnd(evidence);
  if (ended) return ended;
  const semops = callsOf(evidence, 'semop').filter((c) => c.returned && !c.errno);
  const attached = attachedRoles(evidence);
  const total = printedTotal(evidence);
  if (!attached.has('main') || !attached.has('child')) return notShared(evidence, total, attached);
  if (total !== TOTAL) return wrongTotal(evidence, total, semops);
  const byRole = (role: string) => semops.filter((c) => c.role === role);
  const none = ['main', 'child'].find((role) => byRole(role).length === 0);
  if (none) {
    const who = none === 'main' ? { en: 'the parent', zh: '父进程' } : { en: 'the child', zh: '子进程' };
    return fail({
      en: `${inRun(evidence).en}the total was ${TOTAL}, but ${who.en} never called semop(): nothing kept its additions apart from the other's, so that total was luck. Both must take the semaphore around each addition.`,
      zh: `${inRun(evidence).zh}总数是 ${TOTAL}，但${who.zh}从没调用 semop()：没有任何东西把它的加法和对方的隔开，这个总数只是碰巧。两个进程都必须在每次加法前后取放信号量。`,
    });
  }
  const changes = turns(semops);
  if (changes < TURNS_MIN) return oneAfterTheOther(evidence, changes);
  const left = evidence.leftBehind.filter((o) => o.startsWith('shm ') || o.startsWith('sem '));
  if (left.length > 0) {
    return fail({ en: `The total was right, but after the program ended the kernel still had ${left.join(', ')} (ipc-demo removed it now): shmctl(IPC_RMID) removes a segment, semctl(semid, 0, IPC_RMID) a semaphore set.`, zh: `总数对了，但程序结束后内核里还留着 ${left.join('、')}（ipc-demo 刚刚删除了它）：shmctl(IPC_RMID) 删除共享内存段，semctl(semid, 0, IPC_RMID) 删除信号量集。` });
  }
  const child = byRole('child')[0]!;
  const parent = byRole('main')[0]!;
  const lines = child.line && parent.line ? { en: ` (the child at line ${child.line}, the parent at line ${parent.line})`, zh: `（子进程在第 ${child.line} 行，父进程在第 ${parent.line} 行）` } : { en: '', zh: '' };
  return pass({
    en: `Every run printed ${TOTAL}. Both processes were attached to the segment; both called semop()${lines.en} and took turns ${changes} times in the last run; nothing was left in /proc/sysvipc.`,
    zh: `每次运行都打印了 ${TOTAL}。两个进程都附加到了这个段；两个进程都调用了 semop()${lines.zh}，在最后一次运行中轮流了 ${changes} 次；/proc/sysvipc 里什么也没留下。`,
  });
}

export const counterExercise: Exercise = {
  id: 'shm-counter',
  title: { en: 'Make the racy counter exact', zh: '让有竞态的计数器变准确' },
  task: {
    en: `shm-counter.c: a parent and its child each add 1 to a counter in a System V shared memory segment, 500 times, at the same time; the parent waits and prints the total, which comes out short of ${TOTAL}. Make it exact with a System V semaphore taken around each addition, both processes still counting at the same time, and remove the semaphore at the end. The check runs your program 3 times, free, as in a terminal: each run must print ${TOTAL}; both processes must be attached to the segment (the kernel's view of their mappings, their shmat() and fork() calls); both must call semop() and take turns (processes that count one after the other fail, e.g. a parent that waits for its child before it counts); and nothing may be left in /proc/sysvipc.`,
    zh: `shm-counter.c：父进程和子进程同时把 System V 共享内存段里的一个计数器各加 1，各 500 次；父进程等待后打印总数，结果比 ${TOTAL} 少。用一个 System V 信号量把每次加法保护起来，让结果准确，两个进程仍然同时计数，并在最后删除信号量。检查会像在终端里一样不停顿地运行你的程序 3 次：每次都必须打印 ${TOTAL}；两个进程都必须附加到这个段（看内核显示的映射，以及它们的 shmat() 和 fork() 调用）；两个进程都必须调用 semop() 并轮流进入（一个接一个计数的不算，比如父进程先等子进程结束再计数）；/proc/sysvipc 里什么也不能留下。`,
  },
  file: 'shm-counter.c',
  starter: shmCounter,
  hints: [
    { en: 'Each addition is a load and a store, with usleep() between them: while one process sleeps there, the other loads the same old value, and both store the same number. No process may load while the other is between its load and its store.', zh: '每次加法都是先读后写，中间还有 usleep()：一个进程在那里睡眠时，另一个进程读到的是同一个旧值，然后两者写回同一个数。一个进程处在读和写之间时，另一个进程不能去读。' },
    { en: 'One System V semaphore, made and set to 1 (free) before fork(), so that the child knows it too: semget(IPC_PRIVATE, 1, IPC_CREAT | 0600), then semctl(semid, 0, SETVAL, arg), with arg a union semun you declare yourself (arg.val = 1).', zh: '一个 System V 信号量，在 fork() 之前创建并设为 1（空闲），这样子进程也能用它：semget(IPC_PRIVATE, 1, IPC_CREAT | 0600)，然后 semctl(semid, 0, SETVAL, arg)，其中 arg 是你自己声明的 union semun（arg.val = 1）。' },
    { en: 'Inside the loop, semop() with a struct sembuf of sem_op -1 before the load (P: it waits while the other holds the semaphore) and +1 after the store (V). Not around the whole loop: then the processes count one after the other. At the end, after waitpid(): semctl(semid, 0, IPC_RMID).', zh: '在循环里面，读之前用 sem_op 为 -1 的 struct sembuf 调用 semop()（P：对方持有信号量时就等待），写之后用 +1（V）。不要包住整个循环：那样两个进程就是一个接一个地计数了。最后在 waitpid() 之后：semctl(semid, 0, IPC_RMID)。' },
  ],
  runs: 3,
  mode: 'run',
  check: judge,
};
