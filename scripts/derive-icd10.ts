/**
 * Derives src/hierarchy/data/icd10.tsv (ICD-10 3-character category → block → chapter) from the
 * code lists in ../shared/data/icd10-hierarchy (see that folder's SOURCE.md):
 *  - icd10cm_2026_categories.csv: every ICD-10-CM 2026 category with its block ("section") and chapter;
 *  - icd10cm_2026_sections.csv: the block ranges (used to place WHO-only categories);
 *  - icd10_who_nchs_2011.csv: WHO ICD-10 (NCHS 2011) categories with their WHO chapter, for the
 *    categories that ICD-10-CM does not have (e.g. B21-B24, E14, I64, U codes).
 * Output columns: category, block, chapter (Roman numeral), source (cm | who | cm+who).
 * A WHO-only category is placed in the ICD-10-CM block whose range contains it; when none does,
 * its block is the category itself (a block of one), and the row says so in `source` (who-noblock).
 *
 * Run: node --import tsx scripts/derive-icd10.ts [dataDir] [outFile]
 * (defaults: ../shared/data/icd10-hierarchy and src/hierarchy/data/icd10.tsv).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dataDir = process.argv[2] ?? fileURLToPath(new URL('../../shared/data/icd10-hierarchy/', import.meta.url));
const out = process.argv[3] ?? fileURLToPath(new URL('../src/hierarchy/data/icd10.tsv', import.meta.url));

/** Minimal RFC 4180 parser (quoted fields with commas). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (q) {
      if (ch === '"') { if (text[i + 1] === '"') { field += '"'; i++; } else q = false; } else field += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}
function read(name: string): Record<string, string>[] {
  const [head, ...rows] = parseCsv(readFileSync(dataDir + '/' + name, 'utf8'));
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV',
  'XVI', 'XVII', 'XVIII', 'XIX', 'XX', 'XXI', 'XXII'];

const rows = new Map<string, { block: string; chapter: string; source: string }>();
for (const r of read('icd10cm_2026_categories.csv')) {
  rows.set(r['ICD10-CM-CODE']!, { block: r['section']!, chapter: ROMAN[Number(r['chapter'])]!, source: 'cm' });
}
const sections = read('icd10cm_2026_sections.csv').map((s) => {
  const [lo, hi] = s['section_range']!.split('-');
  return { range: s['section_range']!, lo: lo!, hi: hi ?? lo! };
});
let noBlock = 0;
let whoOnly = 0;
for (const r of read('icd10_who_nchs_2011.csv')) {
  const cat = r['category3']!;
  const existing = rows.get(cat);
  if (existing) {
    if (existing.source === 'cm') existing.source = 'cm+who';
    if (existing.chapter !== r['who_chapter']) throw new Error(`chapter disagreement for category ${cat}`);
    continue;
  }
  whoOnly++;
  const s = sections.find((x) => x.lo <= cat && cat <= x.hi);
  if (!s) noBlock++;
  rows.set(cat, { block: s ? s.range : cat, chapter: r['who_chapter']!, source: s ? 'who' : 'who-noblock' });
}
const lines = ['category\tblock\tchapter\tsource'];
for (const cat of [...rows.keys()].sort()) {
  const r = rows.get(cat)!;
  lines.push(`${cat}\t${r.block}\t${r.chapter}\t${r.source}`);
}
writeFileSync(out, lines.join('\n') + '\n');
process.stderr.write(`${rows.size} categories (${whoOnly} WHO-only, ${noBlock} without an ICD-10-CM block) → ${out}\n`);
