import { describe, expect, it } from 'vitest';
import { parseNetTcp } from '../../src/runtime/kernel/net-tcp.js';

// Lines as Linux 6.18 prints them on x86-64.
const SAMPLE = [
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  '   0: 0100007F:9C41 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 41234 1 0000000035d7cd10 100 0 0 10 0',
  '   1: 0100007F:9C41 0100007F:D8F2 01 00000000:00000000 00:00000000 00000000  1000        0 41240 1 0000000035d7cd11 20 4 30 10 -1',
  '   2: 0100007F:D8F2 0100007F:9C41 06 00000000:00000000 03:00000873 00000000     0        0 0 3 00000000c7a37518',
  '',
].join('\n');

describe('/proc/net/tcp', () => {
  it('reads addresses (127.0.0.1 is 0100007F), ports, states, owners and inodes', () => {
    expect(parseNetTcp(SAMPLE)).toEqual([
      { local: '127.0.0.1:40001', remote: '0.0.0.0:0', state: 'LISTEN', uid: 1000, inode: 41234 },
      { local: '127.0.0.1:40001', remote: '127.0.0.1:55538', state: 'ESTABLISHED', uid: 1000, inode: 41240 },
      { local: '127.0.0.1:55538', remote: '127.0.0.1:40001', state: 'TIME_WAIT', uid: 0, inode: 0 },
    ]);
    expect(parseNetTcp('')).toEqual([]);
  });
});
