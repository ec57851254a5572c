/**
 * Numbers in text formats, written so that reading them back gives the identical bits.
 */

/** Shortest text that parses back to exactly `v` (JavaScript's own repr; keeps -0). */
export function formatNumber(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

/** JSON text of `v`: as formatNumber, but JSON has no NaN or ±Infinity, so those become null. */
export function jsonNumber(v: number): string {
  return Number.isFinite(v) ? formatNumber(v) : 'null';
}

/**
 * The shortest decimal that rounds to the float32 value `v` (e.g. 0.1, not
 * 0.10000000149011612), as a number; Math.fround of the result gives `v` back.
 */
export function float32Decimal(v: number): number {
  if (!Number.isFinite(v) || v === 0) return v; // keeps -0, NaN and ±Infinity as they are
  for (let p = 1; p <= 9; p++) {
    const d = Number(v.toPrecision(p));
    if (Math.fround(d) === v) return d;
  }
  return v; // not reached for float32 values: 9 significant digits always suffice
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses a plain decimal number ("1", "-2.5", "3e-4"); anything else ("", "abc", "0x10",
 * "NaN", "Infinity") gives null. Stricter than Number(), which accepts "" and " 1 ".
 */
export function parseDecimal(s: string): number | null {
  if (!DECIMAL.test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

/** How a bad value looks in a message: strings quoted, everything else as JSON would show it. */
export function showValue(v: unknown): string {
  if (typeof v === 'number') return formatNumber(v);
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return typeof v === 'boolean' ? String(v) : typeof v;
}
