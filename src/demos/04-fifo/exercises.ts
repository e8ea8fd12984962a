// The FIFO's exercises (issue 13): data and checks, read by `ipc-demo lab`.
import { at, blockedCalls, callsOf, cleanEnd, fail, pass, type Exercise } from '../exercise.js';
import fifoNoReader from './exercises/fifo-no-reader.c';

export const exercises: readonly Exercise[] = [
  {
    id: 'fifo-no-reader',
    title: { en: 'A FIFO writer that does not hang', zh: '不会卡住的 FIFO 写者' },
    task: {
      en: 'fifo-no-reader.c writes a line into the FIFO named by its argument. With no reader, its open() waits for ever. Make it give up at once when nobody has the FIFO open for reading (say so, and exit with 0). The check runs it with no reader and looks at what open() returned.',
      zh: 'fifo-no-reader.c 往参数指定的 FIFO 里写一行。没有读者时，它的 open() 会永远等下去。让它在没有人以读方式打开 FIFO 时立刻放弃（说明原因，并以 0 退出）。检查会在没有读者的情况下运行它，看 open() 返回了什么。',
    },
    file: 'fifo-no-reader.c',
    starter: fifoNoReader,
    argv: ['{dir}/fifo'],
    hints: [
      { en: 'Opening a FIFO for writing waits until some process opens it for reading: that is the rendezvous. Here no one ever will.', zh: '以写方式打开 FIFO 会一直等到有进程以读方式打开它：这就是“会合”。这里永远不会有人来。' },
      { en: 'open() takes a flag that makes it not wait. Read the FIFO section of `man 7 fifo` (or `man 2 open`, ENXIO).', zh: 'open() 有一个标志可以让它不等待。读一读 `man 7 fifo` 里关于 FIFO 的部分（或 `man 2 open` 里的 ENXIO）。' },
      { en: 'open(path, O_WRONLY | O_NONBLOCK) fails with ENXIO when no reader is there: check errno and exit 0.', zh: 'open(path, O_WRONLY | O_NONBLOCK) 在没有读者时会以 ENXIO 失败：检查 errno，然后以 0 退出。' },
    ],
    check(evidence) {
      const path = evidence.pathArgs.fifo;
      const blocked = blockedCalls(evidence).find((c) => c.name === 'open');
      if (evidence.stuck && blocked) {
        return fail({
          en: `open()${at(blocked).en} waited for a reader that never came: a FIFO opened for writing waits until someone opens it for reading.`,
          zh: `open()${at(blocked).zh}一直在等一个永远不会来的读者：以写方式打开 FIFO 要等到有人以读方式打开它。`,
        });
      }
      const ended = cleanEnd(evidence);
      if (ended) return ended;
      const opens = callsOf(evidence, 'open').filter((c) => path === undefined || c.args[0] === path);
      const enxio = opens.find((c) => c.returned && c.errno === 'ENXIO');
      if (!enxio) {
        return fail({ en: `The program ended without an open() of the FIFO that failed with ENXIO: it must try to open ${path ?? 'the FIFO'} for writing, without waiting.`, zh: `程序结束了，但没有哪次打开 FIFO 的 open() 以 ENXIO 失败：它要尝试以写方式、不等待地打开 ${path ?? 'FIFO'}。` });
      }
      return pass({
        en: `open()${at(enxio).en} returned -1 ENXIO at once: no process had the FIFO open for reading, and the writer said so and ended with 0.`,
        zh: `open()${at(enxio).zh}立刻返回 -1 ENXIO：没有进程以读方式打开这个 FIFO，写者说明了情况并以 0 退出。`,
      });
    },
  },
];
