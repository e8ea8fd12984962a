// Lab mode, as one terminal sees it: where the two programs meet (the FIFO, the socket, the key
// file and the System V object it names, the port) and whether the other terminal is there.
import { lstatSync } from 'node:fs';
import type { Run } from './controller.js';
import { KEY_FILE, liveOwners, readObjects, type RecordedObject } from './run-dir.js';

export type MeetingKind = 'fifo' | 'socket' | 'abstract' | 'path' | 'key' | 'tcp';

export interface MeetingPoint {
  readonly kind: MeetingKind;
  /** A path, an abstract name (with its '@'), or host:port. */
  readonly name: string;
}

export interface LabStatus {
  readonly points: readonly MeetingPoint[];
  /** The System V objects the run has made under the key file (either terminal's programs). */
  readonly objects: readonly RecordedObject[];
  /** Other controllers in the shared directory now: the other terminal(s). */
  readonly peers: number;
}

/** A path the programs meet by: what is there now, else what the demo will make there. */
function pathKind(path: string, demoId: string): MeetingKind {
  try {
    const st = lstatSync(path);
    if (st.isFIFO()) return 'fifo';
    if (st.isSocket()) return 'socket';
  } catch {
    // not made yet
  }
  return demoId === 'fifo' ? 'fifo' : demoId === 'socket' ? 'socket' : 'path';
}

/** Where this terminal's programs meet the other's: their argv, as the run fills it in. */
function meetingPoints(run: Run): MeetingPoint[] {
  const { demo, variant } = run.options;
  const usesFtok = Object.values(variant.listings).some((file) => demo.sources[file]?.includes('ftok('));
  const points = new Map<string, MeetingPoint>();
  for (const role of run.roles()) {
    const template = variant.argv?.[role] ?? [];
    const filled = run.argv(role);
    template.forEach((arg, i) => {
      const name = filled[i]!;
      if (arg === '{port}') points.set(name, { kind: 'tcp', name: `127.0.0.1:${name}` });
      else if (arg === '{key}') points.set(name, { kind: usesFtok ? 'key' : pathKind(name, demo.id), name });
      else if (arg.includes('{dir}')) {
        // The abstract variant takes the path as a name with no file: '@' stands for its leading NUL.
        const abstract = template[0] === 'abstract';
        points.set(name, abstract ? { kind: 'abstract', name: `@${name}` } : { kind: pathKind(name, demo.id), name });
      }
    });
  }
  return [...points.values()];
}

/** Lab mode's status now (reads the shared directory; cheap enough to poll a few times a second). */
export function labStatus(run: Run): LabStatus {
  const dir = run.dir;
  const points = meetingPoints(run);
  // The record holds an intent (no id yet) before each get call, and may hold one object twice.
  const recorded = points.some((p) => p.kind === 'key' && p.name.endsWith(KEY_FILE)) ? readObjects(dir).filter((o) => o.id !== null) : [];
  const objects = recorded.filter((o, i) => recorded.findIndex((x) => x.kind === o.kind && x.id === o.id) === i);
  const peers = liveOwners(dir).filter((owner) => owner.pid !== process.pid).length;
  return { points, objects, peers };
}
