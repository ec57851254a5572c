// Bundled data for the visualiser, made at build time in Node (the browser has no files):
//   virtual:refract/celegans  the C. elegans network (cook2019 tables, soma positions) as a
//                             network JSON document, built with the `refract connectome` defaults
//   virtual:refract/swc       a synthetic neuron (seeded, labelled as such) and a few SWC files
//                             from test/fixtures/swc, as text
//   virtual:refract/mnist     a small MNIST subset (40 per digit) as bytes 0..255, base64: the
//                             first `train` rows (30 per digit) feed the stream of examples, the
//                             rest (10 per digit) are the test digits the view shows one by one
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { syntheticArborSwc } from './synthetic-arbor.mjs';

const PREFIX = 'virtual:refract/';
const SWC_EXAMPLES = ['zigzag-axon.swc', 'simple.swc', 'three_pt_soma.swc', 'soma-three-point.swc'];
const MNIST_PER_DIGIT = 40;
// of each digit's 40, the first 30 are streamed (learned); the last 10 are only ever tested
const MNIST_TRAIN_PER_DIGIT = 30;
const SYNTHETIC_SEED = 7;

/** An entry of the built library (dist/index.js, the core, or dist/node/index.js; made by tsc before vite runs). */
const lib = (root, p) => import(pathToFileURL(join(root, 'dist', p)).href);

async function celegansModule(root) {
  const { connectomeNetwork, networkToJson, DEFAULT_CONNECTOME_SPEED, DEFAULT_CONNECTOME_SYN_DELAY } = await lib(root, 'index.js');
  const { readConnectome, readSomaPositions, readOwmeta } = await lib(root, 'node/index.js');
  const dir = join(root, 'data', 'celegans');
  const c = readConnectome('cook2019', dir);
  const { net } = connectomeNetwork(c, {
    positions: readSomaPositions(join(dir, 'c302_soma_positions.csv')),
    owmeta: readOwmeta(join(dir, 'owmeta_cache.json')),
  });
  const doc = networkToJson(net);
  doc.meta = { ...doc.meta, name: 'C. elegans (Cook et al. 2019, hermaphrodite)', speed: DEFAULT_CONNECTOME_SPEED, synDelay: DEFAULT_CONNECTOME_SYN_DELAY };
  return `export default ${JSON.stringify(doc)};`;
}

async function swcModule(root) {
  const { createRng } = await lib(root, 'index.js');
  const files = [
    { name: 'synthetic-axon.swc (not a real cell)', text: syntheticArborSwc(SYNTHETIC_SEED, createRng(SYNTHETIC_SEED).float) },
    ...SWC_EXAMPLES.map((name) => ({ name, text: readFileSync(join(root, 'test', 'fixtures', 'swc', name), 'utf8') })),
  ];
  return `export default ${JSON.stringify(files)};`;
}

async function mnistModule(root) {
  // The first MNIST_PER_DIGIT digits of each class of the library's built-in digits
  // (readMnist: classes in order 0..9), interleaved 0,1,...,9,0,1,... so a stream over them
  // sees every class early.
  const { readMnist } = await lib(root, 'node/index.js');
  const ds = readMnist();
  const first = new Array(10);
  for (let i = ds.n - 1; i >= 0; i--) first[ds.y[i]] = i;
  const n = MNIST_PER_DIGIT * 10;
  const bytes = new Uint8Array(n * 784);
  const labels = [];
  for (let k = 0; k < MNIST_PER_DIGIT; k++)
    for (let d = 0; d < 10; d++) {
      const row = labels.length, from = (first[d] + k) * 784;
      for (let p = 0; p < 784; p++) bytes[row * 784 + p] = Math.round(ds.x[from + p] * 255);
      labels.push(d);
    }
  // rows are interleaved by digit, so the first 10 · MNIST_TRAIN_PER_DIGIT rows are the training split
  return `export default ${JSON.stringify({ n, d: 784, train: MNIST_TRAIN_PER_DIGIT * 10, labels, pixels: Buffer.from(bytes).toString('base64') })};`;
}

export function refractData(root) {
  return {
    name: 'refract-data',
    resolveId(id) {
      return id.startsWith(PREFIX) ? '\0' + id : null;
    },
    async load(id) {
      if (!id.startsWith('\0' + PREFIX)) return null;
      const what = id.slice(1 + PREFIX.length);
      if (what === 'celegans') return celegansModule(root);
      if (what === 'swc') return swcModule(root);
      if (what === 'mnist') return mnistModule(root);
      throw new Error(`unknown data module ${id}`);
    },
  };
}
