/**
 * Node ids in user files: either numbers 0..n-1 throughout (n = largest + 1) or names
 * throughout (ids given in first-seen order, names kept as labels). A token that reads as
 * a number ("7" or 7) is a number; anything else is a name. Mixing the two is an error,
 * since "7" next to "ADAL" is more likely a mistake than a neuron called 7.
 */
import { parseDecimal, showValue } from './numbers.js';

/** Largest numeric id: n = id + 1 must fit in an int32 node index. */
const MAX_ID = 2 ** 31 - 2;
/** Ids below this are accepted whatever the size of the file (a few MB of node arrays). */
const MIN_ID_LIMIT = 1_000_000;

export class NodeIds {
  private kind: 'number' | 'name' | null = null;
  private readonly byName = new Map<string, number>();
  private readonly names: string[] = [];
  private max = -1;
  /** Reports a problem at the token that gave the largest numeric id. */
  private failAtMax: ((detail: string) => never) | null = null;

  /** The id of `token` (a JSON number or a text cell); `fail` reports an unusable one. */
  id(token: unknown, fail: (detail: string) => never): number {
    if (token === '') fail('missing (required)');
    if (typeof token !== 'number' && typeof token !== 'string') fail(`not a node id: ${showValue(token)}`);
    const asNumber = typeof token === 'number' ? token : parseDecimal(token);
    const kind = asNumber !== null ? 'number' : 'name';
    if (this.kind && kind !== this.kind)
      fail(`node id ${showValue(token)} is a ${kind}, but earlier ids were ${this.kind}s (use numbers 0..n-1 or names throughout)`);
    this.kind = kind;
    if (asNumber !== null) {
      if (!Number.isInteger(asNumber) || asNumber < 0 || asNumber > MAX_ID) fail(`not a node id (an integer 0..${MAX_ID} or a name): ${showValue(token)}`);
      if (asNumber > this.max) {
        this.max = asNumber;
        this.failAtMax = fail;
      }
      return asNumber;
    }
    const name = token as string;
    let id = this.byName.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.byName.set(name, id);
      this.names.push(name);
    }
    return id;
  }

  /**
   * Numeric ids make n = largest id + 1 nodes, and every node costs memory: one edited digit
   * ("7" → "7000000000") would allocate gigabytes for a three-line file. So the largest id
   * must be below max(10^6, 100 × `rows`), the rows of the files that name the nodes (a
   * network may have isolated nodes, but not 100 times more than it has rows); the error
   * points at the row with the largest id.
   */
  checkCount(rows: number): void {
    const limit = Math.max(MIN_ID_LIMIT, 100 * rows);
    if (this.kind === 'number' && this.max >= limit && this.failAtMax)
      this.failAtMax(`node id ${this.max} is too large for a file of ${rows} row${rows === 1 ? '' : 's'}: numeric ids must be below max(10^6, 100 × rows) = ${limit} (number the nodes 0..n-1, or use names)`);
  }

  /** Number of nodes seen so far. */
  get count(): number {
    return this.kind === 'name' ? this.names.length : this.max + 1;
  }

  /** Node names, when ids were names. */
  get labels(): string[] | null {
    return this.kind === 'name' ? [...this.names] : null;
  }

  /** How node `id` is called in the user's files. */
  describe(id: number): string {
    return this.kind === 'name' ? JSON.stringify(this.names[id]) : String(id);
  }
}
