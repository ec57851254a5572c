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
    const loc = [where.file !== undefined ? shortPath(where.file) : undefined, where.line !== undefined ? String(where.line) : undefined].filter(Boolean).join(':');
    const head = [loc, where.field].filter(Boolean).join(': ');
    super(head ? `${head}: ${detail}` : detail);
    this.name = 'InputError';
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
    this.detail = detail;
  }
}

/** A path as messages show it: a path of 100 kB (a damaged config can hold one) is cut in the middle. */
function shortPath(path: string): string {
  return path.length > 300 ? `${path.slice(0, 150)}…${path.slice(-150)}` : path;
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
