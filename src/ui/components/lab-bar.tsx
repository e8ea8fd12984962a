// Lab mode: one line under the header saying whether the other terminal is there (not yet, here,
// has left) and where the two programs meet: the FIFO or socket path, the key file and the System
// V object it names, the port. Live: read from the shared directory a few times a second. A line
// too long for the terminal keeps the peer's state and the object, and loses the middle of a
// path (its end names the FIFO or socket) or the end of a key file's.
import { Text } from 'ink';
import { useEffect, useState } from 'react';
import type { Lang, VariantMeta } from '../../demos/types.js';
import type { Run } from '../../runtime/controller.js';
import { labStatus, type LabStatus, type MeetingPoint } from '../../runtime/lab-status.js';
import { roleLabel, strings } from '../strings.js';
import { theme } from '../theme.js';

type S = (typeof strings)[Lang];
type Presence = 'waiting' | 'here' | 'left';

const POLL_MS = 250;

function pointText(point: MeetingPoint, s: S): string {
  const template = { fifo: s.labFifo, socket: s.labSocket, abstract: s.labAbstract, path: s.labPath, key: s.labKey, tcp: s.labTcp }[point.kind];
  return template.replace('{name}', point.name);
}

/** The line's text: who, then where: the System V object first (what the programs share), then the key file. */
export function labLine(status: LabStatus, presence: Presence, peerRoles: readonly string[], lang: Lang): string {
  const s = strings[lang];
  const peer = peerRoles.map((role) => roleLabel(role, lang)).join('/');
  const who = { waiting: s.labPeerWaiting, here: s.labPeerHere, left: s.labPeerLeft }[presence].replace('{peer}', peer);
  const objectName = (kind: string, id: number | null) => ({ shm: s.exitShm, msg: s.exitMsg, sem: s.exitSem })[kind]!.replace('{id}', String(id));
  const objects = status.objects.map((o) => `${objectName(o.kind, o.id)} (key 0x${(o.key >>> 0).toString(16).padStart(8, '0')})`);
  const keyed = status.points.some((p) => p.kind === 'key');
  const where = [...(keyed ? [objects.length ? objects.join(', ') : s.labNoObject] : []), ...status.points.map((p) => pointText(p, s))];
  return [who, ...where].join(' · ');
}

export function LabBar({ run, variant, roles, lang }: { readonly run: Run; readonly variant: VariantMeta; readonly roles: readonly string[]; readonly lang: Lang }) {
  const [status, setStatus] = useState<LabStatus | null>(null);
  const [presence, setPresence] = useState<Presence>('waiting');
  useEffect(() => {
    const poll = () => {
      const now = labStatus(run);
      setStatus(now);
      // Once there, a peer gone is one that has left: not one yet to come.
      setPresence((was) => (now.peers > 0 ? 'here' : was === 'waiting' ? 'waiting' : 'left'));
    };
    poll();
    const timer = setInterval(poll, POLL_MS);
    return () => clearInterval(timer);
  }, [run]);
  if (!status) return null;
  const peerRoles = Object.keys(variant.listings).filter((role) => !roles.includes(role));
  return (
    <Text color={presence === 'here' ? theme.ok : theme.note} wrap={status.points.some((p) => p.kind === 'key') ? 'truncate-end' : 'truncate-middle'}>
      {labLine(status, presence, peerRoles, lang)}
    </Text>
  );
}
