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
    const loc = [where.file, where.line !== undefined ? String(where.line) : undefined].filter(Boolean).join(':');
    const head = [loc, where.field].filter(Boolean).join(': ');
    super(head ? `${head}: ${detail}` : detail);
    this.name = 'InputError';
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
    this.detail = detail;
  }
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
