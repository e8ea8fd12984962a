import { describe, expect, it } from 'vitest';
import { parseNetUnix } from '../../src/runtime/kernel/net-unix.js';

// Lines as Linux 6.18 prints them (inodes right-aligned in 5 columns, the path after one space).
const SAMPLE = [
  'Num       RefCount Protocol Flags    Type St Inode Path',
  '000000007dac17a7: 00000003 00000000 00000000 0001 03  1142',
  '00000000c0ffee00: 00000002 00000000 00010000 0001 01 41234 /run/user/1000/ipc-demo-1000-Ab12Cd/sock',
  '00000000c0ffee01: 00000003 00000000 00000000 0001 03 41240 /run/user/1000/ipc-demo-1000-Ab12Cd/sock',
  '00000000c0ffee02: 00000002 00000000 00010000 0001 01 41250 @/tmp/ipc-demo-1000-x/sock',
  '00000000c0ffee03: 00000003 00000000 00000000 0002 03 41260 /tmp/a dir/server.sock',
  '00000000c0ffee04: 00000002 00000000 00000000 0005 01 123456',
  '',
].join('\n');

describe('/proc/net/unix', () => {
  it('reads inode, type, state, path; Flags 00010000 means LISTEN', () => {
    const rows = parseNetUnix(SAMPLE);
    expect(rows).toEqual([
      { inode: 1142, refCount: 3, type: 'stream', state: 'CONNECTED', path: '' },
      { inode: 41234, refCount: 2, type: 'stream', state: 'LISTEN', path: '/run/user/1000/ipc-demo-1000-Ab12Cd/sock' },
      { inode: 41240, refCount: 3, type: 'stream', state: 'CONNECTED', path: '/run/user/1000/ipc-demo-1000-Ab12Cd/sock' },
      { inode: 41250, refCount: 2, type: 'stream', state: 'LISTEN', path: '@/tmp/ipc-demo-1000-x/sock' },
      { inode: 41260, refCount: 3, type: 'dgram', state: 'CONNECTED', path: '/tmp/a dir/server.sock' },
      { inode: 123456, refCount: 2, type: 'seqpacket', state: 'UNCONNECTED', path: '' },
    ]);
  });

  it('has nothing to say about an empty table or a header alone', () => {
    expect(parseNetUnix('')).toEqual([]);
    expect(parseNetUnix('Num       RefCount Protocol Flags    Type St Inode Path\n')).toEqual([]);
  });
});
