/**
 * Checkpoints as bytes: the engine's Checkpoint (scalars plus typed arrays) in the binary
 * container of container.ts, so that a restored simulation continues bit-identically. The
 * files are io/checkpoint.ts.
 */
import { z } from 'zod';
import type { Checkpoint } from '../engine/simulation.js';
import { checkpointProblem } from '../engine/checkpoint-check.js';
import { decodeContainer, encodeContainer } from './container.js';
import { InputError } from './errors.js';
import { fieldName } from './json-text.js';
import { firstIssue } from './zod-issues.js';

const KIND = 'refract-checkpoint';

const f64 = z.instanceof(Float64Array, { error: 'expected a float64 array' });
const i32 = z.instanceof(Int32Array, { error: 'expected an int32 array' });
const u32 = z.instanceof(Uint32Array, { error: 'expected a uint32 array' });
const u8 = z.instanceof(Uint8Array, { error: 'expected a uint8 array' });
const count = z.int().min(0);

// Loose objects: fields a newer engine adds are carried through rather than dropped.
const checkpointSchema = z.looseObject({
  format: z.literal(KIND),
  version: z.literal(1),
  network: z.looseObject({ n: count, m: count, fingerprint: count }),
  seed: count,
  dt: z.number().positive().nullable(),
  record: z.looseObject({ spikes: z.boolean().optional(), edgeCounts: z.boolean().optional(), causes: z.boolean().optional() }),
  now: z.number(),
  u: f64,
  tUpd: f64,
  last: f64,
  drive: z.looseObject({ rate: f64, weight: f64, count: f64, clock: f64, force: u8, pending: u8 }).nullable(),
  events: z.looseObject({ time: f64, target: i32, weight: f64, code: i32 }),
  log: z.looseObject({ node: i32, time: f64, weight: f64, code: i32 }).nullable(),
  recorder: z.looseObject({
    spikeNode: i32,
    spikeTime: f64,
    spikeCount: count,
    nodeSpikes: u32,
    nodeDelivered: u32,
    nodeBlocked: u32,
    edgeDelivered: u32.nullable(),
    edgeBlocked: u32.nullable(),
    stimulusDelivered: count,
    stimulusBlocked: count,
    causeStart: f64,
    causeCode: i32,
    causeTime: f64,
  }),
});

export function checkpointToBytes(cp: Checkpoint): Uint8Array {
  return encodeContainer(KIND, cp);
}

/**
 * Decodes and checks a checkpoint: the container (checksum included), the types of every
 * field, then every value against the invariants of the engine's state (checkpointProblem:
 * lengths, node ids, edge codes, times relative to `now`, counts). Throws an InputError
 * naming `file` and the bad field.
 */
export function checkpointFromBytes(bytes: Uint8Array, file?: string): Checkpoint {
  const fail = (field: string, detail: string): never => {
    throw new InputError(detail, { file, field: field || undefined });
  };
  const parsed = checkpointSchema.safeParse(decodeContainer(bytes, KIND, 'checkpoint', file));
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    return fail(fieldName(issue.path), issue.message);
  }
  const cp: Checkpoint = parsed.data;
  const problem = checkpointProblem(cp);
  if (problem) fail(problem.field, problem.message);
  return cp;
}
