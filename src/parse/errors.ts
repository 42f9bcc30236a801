/** A document that cannot be read as a policy document; reported as `file:line: reason`. */
export class ParseError extends Error {
  override name = 'ParseError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}
