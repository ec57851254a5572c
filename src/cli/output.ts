/** Printing a command's result: one JSON line (--json) or an aligned table for people. */
import { formatNumber, formatTable } from '../report/table.js';

/** A value as table text: numbers to 4 significant digits, missing values as a dash. */
export function show(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : formatNumber(v);
  if (v === null || v === undefined) return '–';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** Flattens one level of nested objects into `parent.key` rows. */
export function summaryRows(summary: Record<string, unknown>): [string, string][] {
  const rows: [string, string][] = [];
  for (const [k, v] of Object.entries(summary)) {
    if (k === 'flags') continue; // listed under the table
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k2, v2] of Object.entries(v)) rows.push([`${k}.${k2}`, show(v2)]);
    else rows.push([k, show(v)]);
  }
  return rows;
}

export function printResult(summary: Record<string, unknown>, json: boolean, files: string[] = []): void {
  if (json) {
    process.stdout.write(JSON.stringify(summary) + '\n');
    return;
  }
  process.stdout.write(formatTable(['quantity', 'value'], summaryRows(summary), { align: ['l', 'r'] }) + '\n');
  const flags = summary.flags;
  if (Array.isArray(flags) && flags.length) process.stdout.write(`\nfindings:\n${flags.map((f) => `  - ${String(f)}`).join('\n')}\n`);
  if (files.length) process.stdout.write(`\nwrote ${files.length} file${files.length === 1 ? "" : "s"}:\n${files.map((f) => `  ${f}`).join('\n')}\n`);
}
