/**
 * JSON as text: parsing with line:column errors, finding the line of a field for error
 * messages (jsonc-parser, only on the error path), and a stable pretty printer that keeps
 * number arrays on one line and writes -0 so that numbers round-trip exactly.
 */
import { findNodeAtLocation, parse as parseLenient, parseTree, type ParseError } from 'jsonc-parser';
import { InputError } from './errors.js';
import { jsonNumber } from './numbers.js';

export type JsonPath = (string | number)[];

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1, start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Where JSON.parse failed: its reported position if any, else jsonc-parser's first error. */
function errorOffset(text: string, message: string): number {
  const m = /at position (\d+)/.exec(message);
  if (m) return Number(m[1]);
  if (/end of JSON input/.test(message)) return text.length;
  const errors: ParseError[] = [];
  parseLenient(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return errors.length > 0 ? errors[0].offset : 0;
}

/** JSON.parse with a one-line `file:line: ... at column c` error. */
export function parseJsonText(text: string, file?: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const message = (e as Error).message;
    if (text.trim() === '') throw new InputError('empty file: expected JSON', { file });
    const offset = errorOffset(text, message);
    const { line, column } = lineColumn(text, offset);
    // V8 appends the position (which we convert) and sometimes a multi-line snippet.
    const reason = message
      .replace(/, .*" is not valid JSON$/s, '')
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/\s+/g, ' ');
    // An error at the very end means the text stops early: a cut-off download or write.
    const what = offset >= text.trimEnd().length ? 'truncated JSON' : 'malformed JSON';
    throw new InputError(`${what} at column ${column}: ${reason}`, { file, line });
  }
}

/** Line of the value at `path` in JSON `text`, or undefined when it cannot be found. */
export function lineOfPath(text: string | undefined, path: JsonPath): number | undefined {
  if (text === undefined) return undefined;
  const root = parseTree(text);
  if (!root) return undefined;
  // Walk up to the deepest existing ancestor (a missing field is reported at its parent).
  for (let k = path.length; k >= 0; k--) {
    const node = findNodeAtLocation(root, path.slice(0, k));
    if (node) return lineColumn(text, node.offset).line;
  }
  return undefined;
}

/** `['edges', 'latency', 3]` → `edges.latency[3]`. */
export function fieldName(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s;
}

/** `edges.latency[3]` → `['edges', 'latency', 3]`. */
export function parseFieldName(field: string): JsonPath {
  const out: JsonPath = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

function isPrimitive(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

/**
 * Pretty JSON: objects one key per line, arrays of primitives on one line (so a column of
 * a million numbers is one line), other arrays one element per line. Undefined object
 * values are skipped, like JSON.stringify; numbers use `jsonNumber`.
 */
export function formatJson(value: unknown, indent = ''): string {
  if (typeof value === 'number') return jsonNumber(value);
  if (isPrimitive(value)) return JSON.stringify(value ?? null);
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isPrimitive)) return `[${value.map((v) => formatJson(v)).join(',')}]`;
    return `[\n${value.map((v) => inner + formatJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner)}`).join(',\n')}\n${indent}}`;
}
