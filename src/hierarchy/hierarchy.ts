/**
 * The hierarchy interchange type and ARX's hierarchy CSV format.
 *
 * ARX format: no header, `;` separated, no quoting, one row per ground value; column 0 is the
 * value itself (level 0), column i its generalization at level i. CRLF or LF line endings, the
 * final newline optional.
 */
import { readFile } from 'node:fs/promises';
import { AnonymatError } from '../errors.ts';

/** A generalization hierarchy as a label matrix, as in ARX's CSV: one row per ground value. */
export interface Hierarchy {
  readonly column: string;
  /** levels[h][i] = label of ground value i at level h; levels[0] are the ground values themselves. */
  readonly levels: readonly (readonly string[])[];
}

/** Parses ARX hierarchy CSV text (see the module comment). `source` names the file in errors. */
export function parseArxHierarchy(text: string, column: string, source = '<hierarchy>'): Hierarchy {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r\n|\n|\r/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) {
    throw new AnonymatError('invalid-hierarchy', `hierarchy for column ${column} is empty (${source})`, [
      { path: source, message: 'expected one row per value, `;` separated, one column per level' },
    ]);
  }
  const width = lines[0]!.split(';').length;
  const levels: string[][] = Array.from({ length: width }, () => []);
  const issues: { path: string; message: string }[] = [];
  for (let r = 0; r < lines.length; r++) {
    const line = lines[r]!;
    if (line === '') {
      issues.push({ path: `${source}:${r + 1}`, message: `empty line in hierarchy of column ${column}` });
      continue;
    }
    const cells = line.split(';');
    if (cells.length !== width) {
      issues.push({
        path: `${source}:${r + 1}`,
        message: `row has ${cells.length} levels, the first row has ${width} (column ${column}); every row needs the same number of ';'-separated cells`,
      });
      continue;
    }
    for (let h = 0; h < width; h++) levels[h]!.push(cells[h]!);
  }
  if (issues.length > 0) {
    throw new AnonymatError('invalid-hierarchy', `hierarchy for column ${column} is malformed (${source})`, issues);
  }
  return { column, levels };
}

/** Reads an ARX hierarchy CSV file (';' separated, one row per value). */
export async function readArxHierarchy(path: string, column: string): Promise<Hierarchy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new AnonymatError('invalid-hierarchy', `cannot read hierarchy file for column ${column}: ${path}`, [
      { path, message: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found (paths are relative to the policy file)' : 'unreadable' },
    ], { cause: e });
  }
  return parseArxHierarchy(text, column, path);
}

/** Formats a hierarchy as ARX CSV text (LF line endings, final newline). */
export function formatArxHierarchy(h: Hierarchy): string {
  const n = h.levels[0]?.length ?? 0;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const row: string[] = [];
    for (let l = 0; l < h.levels.length; l++) row.push(h.levels[l]![i]!);
    out.push(row.join(';'));
  }
  return out.join('\n') + '\n';
}

/** Writes a hierarchy as ARX CSV, atomically. */
export async function writeArxHierarchy(h: Hierarchy, path: string): Promise<void> {
  for (const level of h.levels) {
    for (const label of level) {
      if (label.includes(';') || label.includes('\n') || label.includes('\r')) {
        throw new AnonymatError('invalid-hierarchy', `a label of column ${h.column} contains ';' or a line break, which ARX's CSV format cannot hold`, [
          { path: `hierarchy ${h.column}`, message: 'rename the label' },
        ]);
      }
    }
  }
  const { writeFileAtomic } = await import('../io/write.ts');
  await writeFileAtomic(path, formatArxHierarchy(h));
}
