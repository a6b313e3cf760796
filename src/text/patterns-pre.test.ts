/**
 * A scanned rule's `pre` (a test of the characters around a candidate digit run) skips the run without running the rule's
 * regex there: it must hold wherever the regex matches from the run's start, or a span is lost. Checked on random strings
 * built from the characters and words these rules read (digits, separators, roman numerals, capitals, the look-behinds'
 * words), every digit run of each.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SCAN_RULES } from './recognizers.ts';

const PIECES = ['0', '1', '2', '3', '5', '9', '00', '06', '12', '31', '555', '1234', '2024', '1987', ' ', ' ', '.', '/', '-', '(', ')', '+', '\n', "'", '’',
  'I', 'V', 'X', 'IV', 'XII', 'A', 'H', 'KIDS', 'HELP', 'e', 'E', 'u', 'U', 'x', 'é', 'le ', 'Le ', 'LE ', 'au ', 'du ', "jusqu'au ", 'JUSQU’AU ',
  '12.XII.', '3/IV/', '5 IX ', '06 12 3456 7890', 'reporté au ', 'à partir du ', 'de ', 'call ', 'tel ', '1-800-', '216-696-', '800-', '555-HELP', '33 ',
  '\n12:30 kim.o: ', '\n[09:02] j_m2: '];

function digitRuns(t: string): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < t.length;) {
    if (!/[0-9]/.test(t[i]!)) { i++; continue; }
    const s = i;
    while (i < t.length && /[0-9]/.test(t[i]!)) i++;
    out.push([s, i]);
  }
  return out;
}

test('a rule\'s pre-test holds at every digit run where its regex matches (no candidate skipped that would match)', () => {
  const rules = SCAN_RULES.filter((r) => r.pre !== undefined);
  assert.ok(rules.length >= 4);
  const matched = new Map<string, number>();
  fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }), (parts) => {
    const t = parts.join('');
    for (const r of rules) {
      for (const [s, e] of digitRuns(t)) {
        r.sticky!.lastIndex = s;
        if (!r.sticky!.test(t)) continue;
        matched.set(r.rule, (matched.get(r.rule) ?? 0) + 1);
        assert.ok(r.pre!(t, s, e), `${r.rule} at ${s} in ${JSON.stringify(t)}`);
      }
    }
  }), { numRuns: 20000, seed: 47 });
  // (the strings do reach each rule's matches)
  for (const r of rules) assert.ok((matched.get(r.rule) ?? 0) >= 20, `${r.rule}: ${matched.get(r.rule) ?? 0} matches`);
});
