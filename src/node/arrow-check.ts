/**
 * A bounds check of an Arrow IPC file's metadata before apache-arrow reads it. Arrow's
 * metadata is FlatBuffers, which the library reads without verification: a corrupted
 * vector length makes it loop billions of times (a hang, then out of memory) instead of
 * failing. This walks the parts the reader uses (footer, schema, record batch and
 * dictionary messages) and checks that every table, vector and string lies inside the file.
 */

class Corrupt extends Error {}

/** FlatBuffers reading with every position checked against [start, end). */
class Flat {
  private readonly dv: DataView;
  constructor(
    bytes: Uint8Array,
    private readonly start: number,
    private readonly end: number,
  ) {
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private at(pos: number, size: number): number {
    if (!Number.isInteger(pos) || pos < this.start || pos + size > this.end) throw new Corrupt(`position ${pos} is outside the metadata`);
    return pos;
  }

  u8(pos: number): number {
    return this.dv.getUint8(this.at(pos, 1));
  }

  u32(pos: number): number {
    return this.dv.getUint32(this.at(pos, 4), true);
  }

  i64(pos: number): number {
    return Number(this.dv.getBigInt64(this.at(pos, 8), true));
  }

  root(): number {
    return this.table(this.start);
  }

  /** The table referenced by the uoffset at `pos`, its vtable checked. */
  table(pos: number): number {
    const t = this.at(pos + this.u32(pos), 4);
    const vt = this.at(t - this.dv.getInt32(t, true), 4);
    const vtSize = this.dv.getUint16(vt, true);
    if (vtSize < 4 || vtSize % 2 !== 0) throw new Corrupt('bad vtable');
    this.at(vt, vtSize);
    return t;
  }

  /** Position of field `i` of table `t`, or 0 when absent. */
  field(t: number, i: number): number {
    const vt = t - this.dv.getInt32(t, true);
    const vtSize = this.dv.getUint16(vt, true);
    const slot = 4 + 2 * i;
    if (slot + 2 > vtSize) return 0;
    const off = this.dv.getUint16(vt + slot, true);
    return off === 0 ? 0 : this.at(t + off, 1);
  }

  subtable(t: number, i: number): number | null {
    const f = this.field(t, i);
    return f ? this.table(f) : null;
  }

  /** Start and length of vector field `i` whose elements take `size` bytes; null when absent. */
  vector(t: number, i: number, size: number): { data: number; length: number } | null {
    const f = this.field(t, i);
    if (!f) return null;
    const v = this.at(f + this.u32(f), 4);
    const length = this.u32(v);
    this.at(v + 4, length * size);
    return { data: v + 4, length };
  }

  tables(t: number, i: number, each: (table: number) => void): void {
    const v = this.vector(t, i, 4);
    if (v) for (let k = 0; k < v.length; k++) each(this.table(v.data + 4 * k));
  }

  string(t: number, i: number): void {
    this.vector(t, i, 1);
  }
}

const TYPE_UNION = 14;
const HEADER_DICTIONARY_BATCH = 2;
const HEADER_RECORD_BATCH = 3;
const MAX_DEPTH = 64;

function keyValues(f: Flat, t: number, i: number): void {
  f.tables(t, i, (kv) => {
    f.string(kv, 0);
    f.string(kv, 1);
  });
}

function field(f: Flat, t: number, depth: number): void {
  if (depth > MAX_DEPTH) throw new Corrupt('fields nested too deeply');
  f.string(t, 0);
  const typeType = f.field(t, 2);
  const type = f.subtable(t, 3);
  if (type !== null && typeType && f.u8(typeType) === TYPE_UNION) f.vector(type, 1, 4);
  const dict = f.subtable(t, 4);
  if (dict !== null) f.subtable(dict, 1);
  f.tables(t, 5, (child) => field(f, child, depth + 1));
  keyValues(f, t, 6);
}

function schema(f: Flat, t: number): void {
  f.tables(t, 1, (fl) => field(f, fl, 0));
  keyValues(f, t, 2);
  f.vector(t, 3, 8);
}

/**
 * A record batch's sizes must be backed by its body: apache-arrow allocates by the row counts
 * it reads (one flipped byte in a length made it allocate 500 MB for a 700-byte file). Every
 * value of a fixed-width column takes at least one bit, so no count may exceed 8 × the body's
 * bytes, and every buffer lies inside the body.
 */
function recordBatch(f: Flat, t: number, body: number): void {
  const maxRows = 8 * body;
  const lengthAt = f.field(t, 0);
  const rows = lengthAt ? f.i64(lengthAt) : 0;
  if (!(rows >= 0 && rows <= maxRows)) throw new Corrupt(`a record batch claims ${rows} rows in a body of ${body} bytes`);
  const nodes = f.vector(t, 1, 16);
  if (nodes)
    for (let k = 0; k < nodes.length; k++) {
      const length = f.i64(nodes.data + 16 * k), nulls = f.i64(nodes.data + 16 * k + 8);
      if (!(length >= 0 && length <= maxRows && nulls >= 0 && nulls <= length)) throw new Corrupt(`column ${k} claims ${length} values (${nulls} missing) in a body of ${body} bytes`);
    }
  const buffers = f.vector(t, 2, 16);
  if (buffers)
    for (let k = 0; k < buffers.length; k++) {
      const offset = f.i64(buffers.data + 16 * k), length = f.i64(buffers.data + 16 * k + 8);
      if (!(offset >= 0 && length >= 0 && offset + length <= body)) throw new Corrupt(`buffer ${k} (bytes ${offset}..${offset + length}) lies outside the body of ${body} bytes`);
    }
  f.subtable(t, 3); // compression
  f.vector(t, 4, 8); // variadic buffer counts
}

/**
 * The message at `offset` must be of type `want`, and its length prefix, metadata and body
 * must fit before `limit`. (A block pointing at a message of another type makes
 * apache-arrow's reader loop forever.)
 */
function message(bytes: Uint8Array, offset: number, limit: number, want: number): void {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (offset < 8 || offset + 8 > limit) throw new Corrupt('a record batch lies outside the file');
  let len = dv.getInt32(offset, true), start = offset + 4;
  if (len === -1) {
    len = dv.getInt32(offset + 4, true);
    start = offset + 8;
  }
  if (len <= 0 || start + len > limit) throw new Corrupt('a message lies outside the file');
  const f = new Flat(bytes, start, start + len);
  const root = f.root();
  const bodyAt = f.field(root, 3);
  const body = bodyAt ? f.i64(bodyAt) : 0;
  if (body < 0 || start + len + body > limit) throw new Corrupt('a message body lies outside the file');
  keyValues(f, root, 4);
  const typeAt = f.field(root, 1);
  const header = f.subtable(root, 2);
  if (!typeAt || header === null) throw new Corrupt('a message has no header');
  const type = f.u8(typeAt);
  if (type !== want) throw new Corrupt(`a block points at a message of type ${type}, expected ${want}`);
  if (type === HEADER_RECORD_BATCH) recordBatch(f, header, body);
  else {
    const data = f.subtable(header, 1);
    if (data !== null) recordBatch(f, data, body);
  }
}

/**
 * Checks the metadata of an Arrow IPC file (which must start and end with "ARROW1");
 * returns a description of the first problem, or null when apache-arrow can safely read it.
 */
export function arrowFileProblem(bytes: Uint8Array): string | null {
  try {
    const size = bytes.length;
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const footerLength = dv.getInt32(size - 10, true);
    const footerStart = size - 10 - footerLength;
    if (footerLength <= 0 || footerStart < 8) return 'the footer lies outside the file';
    const f = new Flat(bytes, footerStart, size - 10);
    const root = f.root();
    const sch = f.subtable(root, 1);
    if (sch === null) return 'no schema';
    schema(f, sch);
    // Footer field 2 lists dictionary batches, field 3 record batches.
    for (const [k, type] of [[2, HEADER_DICTIONARY_BATCH], [3, HEADER_RECORD_BATCH]]) {
      const blocks = f.vector(root, k, 24);
      if (blocks) for (let b = 0; b < blocks.length; b++) message(bytes, f.i64(blocks.data + 24 * b), footerStart, type);
    }
    return null;
  } catch (e) {
    if (e instanceof Corrupt || e instanceof RangeError) return e.message;
    throw e;
  }
}
