/**
 * Rewrites an HDF5 file with some datasets' values replaced (as doubles, so that −1, 1.5 or
 * NaN fit where the file held unsigned ids): groups, datasets, shapes and attributes are
 * copied as they were. For tests that need a damaged value where h5wasm cannot edit in place.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { h5ready, h5wasm, type H5Group } from '../../src/node/sonata-h5.js';

/** `replace(path, values)` gives the new values of the dataset at `path` (no leading slash), or null to keep it. */
export async function rewriteH5(file: string, replace: (path: string, values: ArrayLike<number | bigint>) => ArrayLike<number> | null): Promise<void> {
  await h5ready();
  const src = new h5wasm.File(file, 'r');
  const tmp = `${file}.rewrite`;
  const out = new h5wasm.File(tmp, 'w');
  const copy = (from: H5Group, to: H5Group, at: string) => {
    for (const k of from.keys()) {
      const c = from.get(k);
      const p = at ? `${at}/${k}` : k;
      if (c instanceof h5wasm.Group) {
        const g = to.create_group(k);
        for (const [name, a] of Object.entries(c.attrs)) g.create_attribute(name, a.value as never);
        copy(c, g, p);
      } else if (c instanceof h5wasm.Dataset) {
        const value = c.value as ArrayLike<number | bigint>;
        const replaced = ArrayBuffer.isView(value) ? replace(p, value) : null;
        let data: ArrayLike<number | bigint> = value;
        let shape = c.shape ?? undefined;
        if (replaced) {
          data = Float64Array.from(replaced);
          shape = shape && shape.length === 2 && data.length % shape[1] === 0 ? [data.length / shape[1], shape[1]] : [data.length];
        }
        const d = to.create_dataset({ name: k, data: data as never, shape: shape });
        for (const [name, a] of Object.entries(c.attrs)) d.create_attribute(name, a.value as never);
      }
    }
  };
  try {
    copy(src, out, '');
  } finally {
    src.close();
    out.close();
  }
  copyFileSync(tmp, file);
  rmSync(tmp);
}

/** Paths of the numeric datasets of an HDF5 file. */
export async function numericDatasets(file: string): Promise<string[]> {
  await h5ready();
  const f = new h5wasm.File(file, 'r');
  const out: string[] = [];
  const walk = (g: H5Group, at: string) => {
    for (const k of g.keys()) {
      const c = g.get(k);
      const p = at ? `${at}/${k}` : k;
      if (c instanceof h5wasm.Group) walk(c, p);
      else if (c instanceof h5wasm.Dataset && ArrayBuffer.isView(c.value)) out.push(p);
    }
  };
  try {
    walk(f, '');
  } finally {
    f.close();
  }
  return out;
}
