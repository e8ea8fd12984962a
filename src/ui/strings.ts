// Every word the tool says outside the demos' own lesson text, in both languages.
import type { Lang } from '../demos/types.js';

const en = {
  parent: 'parent',
  child: 'child',
  step: 'step',
  variant: 'variant',
  processes: 'processes',
  kernel: 'kernel',
  kernelFacts: 'The kernel, as /proc shows it now:',
  output: 'output',
  replay: 'REPLAY',
  replayHint: 'recorded history: the processes wait where they are',
  replayHintRunning: 'recorded history: the processes run on meanwhile',
  replayHintEnded: 'recorded history: the run is over, its processes are gone',
  live: 'LIVE',
  modeStep: 'step',
  modePlay: 'play',
  modeRun: 'run',
  waitingAt: 'at line',
  blockedIn: 'blocked in',
  running: 'running',
  exited: 'exited',
  killedBy: 'killed by',
  zombie: 'zombie (not yet reaped)',
  starting: 'starting…',
  noOutput: '(nothing printed yet)',
  done: 'Run complete.',
  stuck: 'Stuck: every process sleeps in the kernel and nothing will wake it.',
  timeout: 'The run took too long and was ended.',
  leakRemoved: 'Left behind by the program, removed by ipc-demo:',
  leakLeft: 'Left behind by the program, and ipc-demo could not remove it (`ipc-demo clean` tries again; `ipcrm` removes it by hand):',
  runnerFailed: 'A runner failed:',
  hung: 'A process used 10 s of CPU time without reaching its next line: ipc-demo ended the run (a bug in ipc-demo; please report it).',
  killedOutside: 'Process {pid} ({role}) was killed by {signal}, which no process of this run sent: something outside the demo ended it (a kill from another terminal, the out-of-memory killer). What follows is not part of the lesson.',
  stopped: 'Stopped.',
  peerRefused:
    'ipc-demo closed a connection to this run’s port from {who} and the server went on waiting in accept(): two users never meet. tcp-server.c itself has no such check; a TCP peer has no SO_PEERCRED, only /proc/net/tcp shows its owner.',
  peerUid: 'another user (uid {uid})',
  peerGone: 'a socket no process holds any more',
  sysvNoSpace:
    '{call} failed with ENOSPC: the system-wide limit {limit} = {value} is reached ({used} in use). `ipc-demo clean` removes what dead ipc-demo runs left; `ipcs` lists the rest, which only their owner or root can remove with `ipcrm`. An administrator can raise the limit: sudo sysctl -w {raise}.',
  sysvAccess:
    '{call} failed with EACCES: an object with this key already exists and its permissions do not let you in (another user\'s, or made with other modes). `ipcs -a` shows its owner; ipc-demo\'s keys are per user and per run, so another program chose the same key.',
  sysvExists:
    '{call} failed with EEXIST: an object with this key already exists and IPC_EXCL asked for a new one. `ipcs` shows it; if a dead ipc-demo run left it, `ipc-demo clean` removes it.',
  sysvTooBig:
    '{call} failed with EINVAL: the segment asked for is larger than the system-wide limit {limit} = {value} bytes for one segment. An administrator can raise the limit: sudo sysctl -w {raise}.',
  fds: 'fds',
  pipeFill: 'in pipe',
  sharedMaps: 'shared mappings',
  sigBlk: 'blocked',
  sigPnd: 'pending',
  sigCgt: 'caught',
  none: 'none',
  unnamed: '(unnamed)',
  peer: 'peer',
  keys: 'space/→ next  ← back  tab process  p play  r run  v variants  [ ] output  l 中文  ? help  q quit',
  keysShort: '␣→ next ← back tab p r v [ ] l ? q',
  outputKeys: '[ older  ] newer',
  // A stuck run's key bar, at most 80 columns: the lead, or the answer to a space pressed there.
  stuckLead: 'Nothing can move now: ',
  stuckSpace: 'Nothing can move, not even with space: ',
  stuckKeys: '← replay  v another variant  q quit',
  helpTitle: 'Keys',
  helpPager: 'Help {page} · ?/→/space next page · ← back · esc close',
  goalTitle: 'This variant: ',
  legendTitle: 'The kernel pane, and the process pane’s states',
  help: [
    'space, →   let the selected process execute its line (another one if it cannot)',
    '←          step back through the recording (replay; real processes cannot un-run)',
    'tab        switch the selected process',
    'p          play / pause: take a step every second',
    'r          run to the end without stopping',
    'v          choose a variant (restarts the demo)',
    '[ ]        scroll the output back / forward (also PgUp PgDn)',
    'l          switch language: English / 中文',
    '?          this help: the variant’s goal, the keys, the kernel pane’s legend',
    'q          quit (every process and object of the run is removed)',
  ],
  // The tour, lab mode and the exit: issue 14.
  // The tour's keys, after the others in `?` (help-pages.ts pages them).
  helpTour: ['n          the tour: next demo', 'b, N       the tour: the demo before', '1 … 7      the tour: go to that demo'],
  // The exit line, on stderr: what ending the run removed.
  exitRemoved: 'ipc-demo: removed {what}',
  exitNothing: 'ipc-demo: the run left nothing to remove',
  exitProcess: '1 process',
  exitProcesses: '{n} processes',
  exitFifo: 'FIFO {path}',
  exitSocket: 'socket {path}',
  exitShm: 'shared memory segment {id}',
  exitMsg: 'message queue {id}',
  exitSem: 'semaphore set {id}',
  exitShared: 'the shared directory stays: the other terminal still uses it and removes it when it quits',
  exitFailed: 'could not remove {what} (`ipc-demo clean` tries again)',
  nextDemo: 'Next in the tour:',
  nextDemoKeys: 'n next demo · q quit',
  tourEnd: 'That was the last demo of the tour.',
  doneKeys: '← replay · v another variant · q quit',
  variantsTitle: 'Variants (↑↓ choose, enter run, esc back)',
  tooSmall: 'The terminal is too small for ipc-demo: make it at least 80×24, or run with --plain.',
} as const;

type Strings = { readonly [K in keyof typeof en]: (typeof en)[K] extends readonly string[] ? readonly string[] : string };

const zh: Strings = {
  parent: '父进程',
  child: '子进程',
  step: '步骤',
  variant: '变体',
  processes: '进程',
  kernel: '内核',
  kernelFacts: '此刻 /proc 里看到的内核状态：',
  output: '输出',
  replay: '回放',
  replayHint: '这是录下来的历史：进程仍停在原处等待',
  replayHintRunning: '这是录下来的历史：进程在此期间继续运行',
  replayHintEnded: '这是录下来的历史：这次运行已经结束，进程都已不在',
  live: '实时',
  modeStep: '单步',
  modePlay: '自动',
  modeRun: '运行',
  waitingAt: '停在行',
  blockedIn: '阻塞于',
  running: '运行中',
  exited: '已退出',
  killedBy: '被杀死：',
  zombie: '僵尸（尚未被回收）',
  starting: '启动中…',
  noOutput: '（还没有输出）',
  done: '运行结束。',
  stuck: '卡住了：所有进程都睡在内核里，没有谁能唤醒它们。',
  timeout: '运行时间过长，已被终止。',
  leakRemoved: '程序遗留的对象，已由 ipc-demo 删除：',
  leakLeft: '程序遗留的对象，ipc-demo 没能删除（`ipc-demo clean` 会再试；也可以用 `ipcrm` 手动删除）：',
  runnerFailed: '运行器出错：',
  hung: '有进程占用了 10 秒 CPU 时间仍没有走到下一行：ipc-demo 已终止本次运行（这是 ipc-demo 的缺陷，请报告）。',
  killedOutside: '进程 {pid}（{role}）被 {signal} 终止，而本次运行中没有任何进程发送过这个信号：是演示之外的东西结束了它（另一个终端里的 kill，或内存不足时内核的 OOM killer）。之后发生的事不属于本课内容。',
  sysvNoSpace:
    '{call} 失败，错误 ENOSPC：已达到系统级上限 {limit} = {value}（已用 {used} 个）。`ipc-demo clean` 会删除已结束的 ipc-demo 运行遗留的对象；其余对象可用 `ipcs` 查看，只有其所有者或 root 能用 `ipcrm` 删除。管理员可以调高上限：sudo sysctl -w {raise}。',
  sysvAccess:
    '{call} 失败，错误 EACCES：这个键对应的对象已经存在，但它的权限不允许你访问（属于其他用户，或以别的权限创建）。`ipcs -a` 可查看其所有者；ipc-demo 的键按用户、按运行各不相同，说明是别的程序用了同一个键。',
  sysvExists:
    '{call} 失败，错误 EEXIST：这个键对应的对象已经存在，而 IPC_EXCL 要求新建。可用 `ipcs` 查看；如果它是已结束的 ipc-demo 运行遗留的，`ipc-demo clean` 会删除它。',
  sysvTooBig:
    '{call} 失败，错误 EINVAL：请求的段大于系统级上限 {limit} = {value} 字节（单个段的最大大小）。管理员可以调高上限：sudo sysctl -w {raise}。',
  stopped: '已停止。',
  peerRefused:
    'ipc-demo 关闭了{who}连到本次运行端口的连接，服务器继续在 accept() 里等待：两个用户互不相遇。tcp-server.c 本身没有这项检查；TCP 的对端没有 SO_PEERCRED，只有 /proc/net/tcp 能看出它属于谁。',
  peerUid: '另一个用户（uid {uid}）',
  peerGone: '一个已不属于任何进程的套接字',
  fds: '文件描述符',
  pipeFill: '管道中',
  sharedMaps: '共享映射',
  sigBlk: '屏蔽',
  sigPnd: '未决',
  sigCgt: '捕获',
  none: '无',
  unnamed: '（未命名）',
  peer: '对端',
  keys: '空格/→ 下一步  ← 后退  tab 切换进程  p 自动  r 运行到底  v 变体  [ ] 输出  l English  ? 帮助  q 退出',
  keysShort: '␣→ 下一步 ← 后退 tab p r v [ ] l ? q',
  outputKeys: '[ 更早  ] 更新',
  stuckLead: '现在谁也动不了：',
  stuckSpace: '按空格也没用，谁都动不了：',
  stuckKeys: '← 回放  v 换个变体  q 退出',
  helpTitle: '按键',
  helpPager: '帮助 {page} · ?/→/空格 下一页 · ← 上一页 · esc 关闭',
  goalTitle: '本变体：',
  legendTitle: '内核面板，以及进程面板里的状态',
  help: [
    '空格, →   让选中的进程执行当前行（它不能走时换另一个）',
    '←         在录制的历史中后退（回放；真实进程无法倒退）',
    'tab       切换选中的进程',
    'p         自动播放 / 暂停：每秒走一步',
    'r         不再停顿，运行到底',
    'v         选择变体（重新开始演示）',
    '[ ]       向前 / 向后翻看输出（也可用 PgUp PgDn）',
    'l         切换语言：English / 中文',
    '?         本帮助：本变体要看什么、按键、内核面板的图例',
    'q         退出（本次运行的所有进程和对象都会被清除）',
  ],
  // 导览、双终端模式与退出：issue 14。
  helpTour: ['n         导览：下一个演示', 'b, N      导览：上一个演示', '1 … 7     导览：跳到该编号的演示'],
  exitRemoved: 'ipc-demo 已删除：{what}',
  exitNothing: 'ipc-demo：这次运行没有留下需要删除的东西',
  exitProcess: '1 个进程',
  exitProcesses: '{n} 个进程',
  exitFifo: 'FIFO {path}',
  exitSocket: '套接字 {path}',
  exitShm: '共享内存段 {id}',
  exitMsg: '消息队列 {id}',
  exitSem: '信号量集 {id}',
  exitShared: '共享目录保留：另一个终端还在使用它，它退出时会删除',
  exitFailed: '无法删除 {what}（`ipc-demo clean` 会再试）',
  nextDemo: '导览的下一个：',
  nextDemoKeys: 'n 下一个演示 · q 退出',
  tourEnd: '这是导览的最后一个演示。',
  doneKeys: '← 回放 · v 换个变体 · q 退出',
  variantsTitle: '变体（↑↓ 选择，回车运行，esc 返回）',
  tooSmall: '终端太小，ipc-demo 放不下：请至少调到 80×24，或加 --plain 运行。',
};

export const strings: Readonly<Record<Lang, Strings>> = { en, zh };

const ROLE_ZH: Readonly<Record<string, string>> = {
  parent: '父进程', child: '子进程', writer: '写者', writer2: '写者2', reader: '读者', server: '服务端',
  client: '客户端', sender: '发送方', receiver: '接收方',
};

/** A process's role as the screen names it. */
export function roleLabel(role: string, lang: Lang): string {
  const name = role === 'main' ? 'parent' : role;
  return lang === 'zh' ? (ROLE_ZH[name] ?? name) : name;
}

/** The language from --lang, else from the locale (LC_ALL, LC_MESSAGES, LANG). */
export function detectLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag === 'zh' || flag === 'en') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}
