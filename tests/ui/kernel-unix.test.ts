// The kernel panel's /proc/net/unix and /proc/net/tcp views: each of the run's sockets with its
// holder, state and name, linked to its peer; a path shortened to its last component.
import { describe, expect, it } from 'vitest';
import type { KernelSnapshot } from '../../src/runtime/events.js';
import type { FdEntry } from '../../src/runtime/kernel/process-state.js';
import { kernelLines } from '../../src/ui/kernel-lines.js';
import { foldEntries, type Entry } from '../../src/ui/model.js';

const entries: Entry[] = [
  { kind: 'hello', pid: 200, ppid: 1, role: 'server', ownFds: [] },
  { kind: 'hello', pid: 201, ppid: 1, role: 'client', ownFds: [] },
];

const sock = (fd: number, inode: number): FdEntry => ({ fd, target: `socket:[${inode}]`, kind: 'socket', inode, access: 'rw' });

const snapshot: KernelSnapshot = {
  t: 0,
  processes: [
    { pid: 200, state: 'S', wchan: 'unix_stream_read_generic', fds: [sock(18, 500), sock(19, 502)], maps: [], sigBlk: [], sigPnd: [], sigCgt: [] },
    { pid: 201, state: 'S', wchan: null, fds: [sock(18, 501)], maps: [], sigBlk: [], sigPnd: [], sigCgt: [] },
  ],
  sysv: {},
  pipeFill: {},
  memory: {},
  unix: [
    { inode: 500, refCount: 2, type: 'stream', state: 'LISTEN', path: '/run/user/1000/ipc-demo-1000-x/sock', peer: 0 },
    { inode: 502, refCount: 3, type: 'stream', state: 'CONNECTED', path: '/run/user/1000/ipc-demo-1000-x/sock', peer: 501 },
    { inode: 501, refCount: 3, type: 'stream', state: 'CONNECTED', path: '', peer: 502 },
  ],
};

describe('kernel lines for Unix sockets', () => {
  it('lists the run’s sockets from /proc/net/unix each peer on a line of its own, instead of bare socket holders', () => {
    const lines = kernelLines(snapshot, foldEntries(entries).procs, 'en').map((l) => l.text);
    expect(lines).toEqual([
      'S fds: 18 rw socket:500, 19 rw socket:502',
      'C fds: 18 rw socket:501',
      '/proc/net/unix',
      ' S 500 stream LISTEN …/sock',
      ' S 502 stream CONNECTED …/sock',
      '   ⇄ peer C 501',
      ' C 501 stream CONNECTED (unnamed)',
      '   ⇄ peer S 502',
    ]);
  });

  it('says unnamed in Chinese and keeps an abstract name’s @', () => {
    const abstract: KernelSnapshot = { ...snapshot, unix: [{ ...snapshot.unix![0]!, path: '@/tmp/ipc-demo-1000-x/sock' }, snapshot.unix![2]!] };
    const lines = kernelLines(abstract, foldEntries(entries).procs, 'zh').map((l) => l.text);
    expect(lines.slice(-3)).toEqual([' S 500 stream LISTEN @…/sock', ' C 501 stream CONNECTED （未命名）', '   ⇄ 对端 S 502']);
  });

  it('lists TCP sockets from /proc/net/tcp with their remote ends; a closed end belongs to no one', () => {
    const tcp: KernelSnapshot = {
      ...snapshot,
      unix: [],
      tcp: [
        { inode: 500, uid: 0, local: '127.0.0.1:40001', remote: '0.0.0.0:0', state: 'LISTEN' },
        { inode: 502, uid: 0, local: '127.0.0.1:40001', remote: '127.0.0.1:55538', state: 'CLOSE_WAIT' },
        { inode: 0, uid: 0, local: '127.0.0.1:55538', remote: '127.0.0.1:40001', state: 'FIN_WAIT2' },
      ],
    };
    const lines = kernelLines(tcp, foldEntries(entries).procs, 'en').map((l) => l.text);
    expect(lines.slice(2)).toEqual([
      'socket:501 ⇄ Crw',
      '/proc/net/tcp',
      ' S 500 LISTEN 127.0.0.1:40001',
      ' S 502 CLOSE_WAIT 127.0.0.1:40001',
      '   ⇄ 127.0.0.1:55538',
      ' - FIN_WAIT2 127.0.0.1:55538',
      '   ⇄ 127.0.0.1:40001',
    ]);
  });
});
