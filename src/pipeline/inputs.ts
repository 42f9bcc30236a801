// Which files a run reads: the files named, and the document files inside named folders (recursively, in
// name order). Each file once, however it is reached (a symlink, a duplicate argument, a loop of links).
import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/** Files a folder walk picks up; a file named on the command line is read whatever its name. */
export const DOCUMENT_FILE = /\.(?:md|markdown|txt|text|ya?ml|pdf|docx?|html?|xhtml|shtml)$/i;

export interface ExpandedInputs {
  files: string[];
  /** Paths left out because they reach a file or folder already taken (said, not silently dropped). */
  duplicates: { file: string; sameAs: string }[];
}

export function expandInputs(inputs: string[]): ExpandedInputs {
  const files: string[] = [];
  const duplicates: ExpandedInputs['duplicates'] = [];
  const seenFiles = new Map<string, string>();
  const seenDirs = new Set<string>();
  const walk = (p: string, named: boolean) => {
    let real: string;
    let stat;
    try {
      real = realpathSync(p);
      stat = statSync(real);
    } catch {
      if (named) files.push(p); // reported as unreadable by the reader, with its reason
      return;
    }
    if (stat.isDirectory()) {
      if (seenDirs.has(real)) return; // a symlink loop, or a folder named twice
      seenDirs.add(real);
      let entries: string[];
      try {
        entries = readdirSync(real).sort();
      } catch {
        if (named) files.push(p);
        return;
      }
      for (const entry of entries) if (!entry.startsWith('.')) walk(path.join(p, entry), false);
    } else if (named || DOCUMENT_FILE.test(p)) {
      const first = seenFiles.get(real);
      if (first !== undefined) duplicates.push({ file: p, sameAs: first });
      else {
        seenFiles.set(real, p);
        files.push(p);
      }
    }
  };
  for (const input of inputs) walk(input, true);
  return { files, duplicates };
}
