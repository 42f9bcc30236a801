// Parse errors are document errors (src/read/errors.ts): file, line (or pages) and reason, on one line.
export { DocumentError as ParseError } from '../read/errors.js';
