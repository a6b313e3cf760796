import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHierarchy, icd10Table } from './index.ts';
import { validateHierarchy } from '../validate.ts';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX', 'XXI', 'XXII'];

test('derived ICD-10 table: every category lies in its block range; block → chapter is a function; known chapters', () => {
  const t = icd10Table();
  assert.equal(t.size, 2081);
  const chapterOfBlock = new Map<string, string>();
  for (const [cat, { block, chapter }] of t) {
    assert.match(cat, /^[A-Z][0-9A-Z][0-9A-Z]$/); // ICD-10-CM 2026 has QA0
    const [lo, hi = lo] = block.split('-');
    // ICD-10-CM places letter-suffixed categories (C4A, D3A, M1A…) after their digit siblings
    // (C43 < C4A < C44), which code-point order does not: compare their first two characters only
    if (/[A-Z]$/.test(cat)) assert.ok(lo!.slice(0, 2) <= cat.slice(0, 2) && cat.slice(0, 2) <= hi!.slice(0, 2), `${cat} outside ${block}`);
    else assert.ok(lo! <= cat && cat <= hi!, `${cat} outside ${block}`);
    assert.ok(ROMAN.includes(chapter), chapter);
    const prev = chapterOfBlock.get(block);
    assert.ok(prev === undefined || prev === chapter, `block ${block} in two chapters`);
    chapterOfBlock.set(block, chapter);
  }
  // the whole table as a hierarchy is valid (each level a function of the previous one)
  const h = buildHierarchy('dx', { icd10: true }, [...t.keys()], 'string');
  assert.deepEqual(validateHierarchy(h), []);
  // spot checks against the ICD-10 chapter ranges
  assert.equal(t.get('A00')!.chapter, 'I');
  assert.equal(t.get('C34')!.chapter, 'II');
  assert.equal(t.get('F32')!.block, 'F30-F39');
  assert.equal(t.get('J45')!.chapter, 'X');
  assert.equal(t.get('O80')!.chapter, 'XV');
  assert.equal(t.get('S72')!.chapter, 'XIX');
  assert.equal(t.get('Z51')!.chapter, 'XXI');
});

const data = fileURLToPath(new URL('../../../../shared/data/icd10-hierarchy/', import.meta.url));
const script = fileURLToPath(new URL('../../../scripts/derive-icd10.ts', import.meta.url));
const committed = fileURLToPath(new URL('../data/icd10.tsv', import.meta.url));

test('the committed table is what scripts/derive-icd10.ts produces from ../shared/data/icd10-hierarchy', (t) => {
  if (!existsSync(data + 'icd10cm_2026_categories.csv')) { t.skip('../shared/data/icd10-hierarchy absent'); return; }
  const dir = mkdtempSync(join(tmpdir(), 'icd10-'));
  try {
    const out = join(dir, 'icd10.tsv');
    execFileSync(process.execPath, ['--import', 'tsx', script, data, out], { stdio: 'pipe' });
    assert.equal(readFileSync(out, 'utf8'), readFileSync(committed, 'utf8'));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
