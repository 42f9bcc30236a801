// Text documents parsed synchronously (the reader stage's text path), for unit tests of later stages.
import { readFileSync } from 'node:fs';
import type { PolicyDocument } from '../../src/model/document.js';
import { parseDocument } from '../../src/parse/index.js';

export const parseTextFile = (file: string): PolicyDocument => parseDocument(readFileSync(file), file);
