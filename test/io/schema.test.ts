import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { networkJsonSchema, networkJsonSchemaText } from '../../src/formats/network-schema.js';

const committed = new URL('../../schema/network.schema.json', import.meta.url);

test('schema/network.schema.json is the generated schema (regenerate: npx tsx scripts/gen-schema.ts)', () => {
  assert.equal(readFileSync(committed, 'utf8'), networkJsonSchemaText());
});

test('the JSON Schema describes the format', () => {
  const s = networkJsonSchema() as { $schema: string; required: string[]; properties: Record<string, { const?: unknown }> };
  assert.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.deepEqual(s.required, ['format', 'version', 'units', 'nodes', 'edges']);
  assert.equal(s.properties.format.const, 'refract-network');
  assert.equal(s.properties.version.const, 1);
});
