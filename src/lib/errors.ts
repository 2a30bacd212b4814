/**
 * Base class for every error the workbench raises on purpose: a stable string code for
 * programs and tests, and a message a researcher can act on. Errors cross worker
 * boundaries as { name, code, message } and are rebuilt on the other side.
 */
export class GmfError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}
