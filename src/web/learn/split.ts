/**
 * The bundled digits in two disjoint ranges: the stream ("Run 100 examples") learns rows
 * [0, train), and "Next test digit" shows rows [train, n). A test digit is therefore new to the
 * network (unless the user teaches it): what the user watches is recognition, not recall.
 */
export interface Split {
  /** Row of the k-th streamed example (wraps round the training rows). */
  streamRow(k: number): number;
  /** Row of the k-th test digit (wraps round the test rows). */
  testRow(k: number): number;
  /** Digits in each range. */
  train: number;
  test: number;
}

const wrap = (k: number, n: number) => ((k % n) + n) % n;

export function split(d: { n: number; train: number }): Split {
  if (!(d.train > 0 && d.train < d.n)) throw new RangeError(`the training range must leave test digits: train ${d.train} of ${d.n}`);
  return { streamRow: (k) => wrap(k, d.train), testRow: (k) => d.train + wrap(k, d.n - d.train), train: d.train, test: d.n - d.train };
}
