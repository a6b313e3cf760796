import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recognize } from './index.ts';

const cities = (t: string, lang: 'fr' | 'en' = 'en') => recognize(t, { lang }).filter((s) => s.label === 'CITY').map((s) => t.slice(s.start, s.end));

test('a town after a place of care and its comma, before a state\'s or a province\'s code without a comma, or before an em dash', () => {
  assert.deepEqual(cities('NEBRASKA MEDICINE — Nebraska Medical Center, Omaha NE — Hospital Medicine Progress Note'), ['Omaha']);
  assert.deepEqual(cities('Seen at Mercy Regional Hospital, Kearney NE\nPlan: follow up'), ['Kearney']);
  assert.deepEqual(cities('Transferred from Sacred Heart Hospital, Gatineau QC.'), ['Gatineau']);
  assert.deepEqual(cities('Clinique du Parc, Lyon — service de cardiologie', 'fr'), ['Lyon']);
  // (a code that is also a credential or a word after a name is no state there: "MD", "PA", "OR", "IN"; nor is a department)
  assert.deepEqual(cities('Mercy Hospital, Omaha MD\nMercy Hospital, Kearney PA said\nMercy Hospital, Cardiology — Dr Lee'), []);
});
