// Regenerates schema/network.schema.json from the zod schema in src/formats/network-schema.ts
// (test/io/schema.test.ts fails when the committed file is out of date).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { networkJsonSchemaText } from '../src/formats/network-schema.js';

const out = fileURLToPath(new URL('../schema/network.schema.json', import.meta.url));
writeFileSync(out, networkJsonSchemaText());
console.log(`wrote ${out}`);
