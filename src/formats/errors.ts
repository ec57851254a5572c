/**
 * A problem with something the user gave us (a file, an option). The CLI prints it as one
 * line, `file:line: field: message`, and exits non-zero, without a stack trace.
 */
export class InputError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;
  readonly detail: string;

  constructor(detail: string, where: { file?: string; line?: number; field?: string } = {}) {
    const loc = [where.file !== undefined ? shorten(where.file, 300) : undefined, where.line !== undefined ? String(where.line) : undefined].filter(Boolean).join(':');
    const head = [loc, where.field !== undefined ? shorten(where.field, 120) : undefined].filter(Boolean).join(': ');
    super(head ? `${head}: ${detail}` : detail);
    this.name = 'InputError';
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
    this.detail = detail;
  }
}

/** A path or field name as messages show it: one of 100 kB (a damaged file can hold one) is cut in the middle. */
function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max / 2)}…${s.slice(-max / 2)}` : s;
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
