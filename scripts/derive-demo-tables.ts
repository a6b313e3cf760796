/**
 * Derives the small reference tables of the synthetic observatory generator from ../shared/data:
 *  - postal-codes.tsv: La Poste postal code, département, population (sum over communes using the
 *    code, upper bound) — from fr-geo-cog-2026/codes_postaux.csv (Etalab Licence Ouverte, INSEE/La Poste)
 *  - first-names.tsv: the 300 most given first names per sex, births 1925–2024 — from
 *    fr-prenoms-insee-2024/prenoms_totaux.csv (INSEE, Licence Ouverte)
 *  - surnames.txt: every 50th surname of the INSEE surnames list (fr-noms-famille-insee; INSEE, Licence Ouverte)
 * Run: node --import tsx scripts/derive-demo-tables.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
const shared = new URL('../../shared/data/', import.meta.url);
const out = new URL('../examples/observatory/data/', import.meta.url);

const pc = readFileSync(new URL('fr-geo-cog-2026/codes_postaux.csv', shared), 'utf8').trim().split('\n').slice(1);
const rows = pc.map((l) => l.split(',')).filter((f) => Number(f[4]) > 0 && /^\d{5}$/.test(f[0]!));
writeFileSync(new URL('postal-codes.tsv', out), 'postal_code\tdepartement\tpopulation\n' + rows.map((f) => `${f[0]}\t${f[1]}\t${f[4]}`).join('\n') + '\n');

const pn = readFileSync(new URL('fr-prenoms-insee-2024/prenoms_totaux.csv', shared), 'utf8').trim().split('\n').slice(1)
  .map((l) => l.split(';')).filter((f) => /^[A-ZÀ-Ÿ-]+$/.test(f[0]!) && f[0] !== '_PRENOMS_RARES');
const lines: string[] = [];
for (const sex of ['1', '2']) {
  pn.filter((f) => f[1] === sex).sort((a, b) => Number(b[3]) - Number(a[3])).slice(0, 300)
    .forEach((f) => lines.push(`${f[0]}\t${sex === '1' ? 'M' : 'F'}\t${f[3]}`));
}
writeFileSync(new URL('first-names.tsv', out), 'first_name\tsex\tbirths_1925_2024\n' + lines.join('\n') + '\n');

const sn = readFileSync(new URL('fr-noms-famille-insee/noms_famille.txt', shared), 'utf8').trim().split('\n').filter((_, i) => i % 50 === 0);
writeFileSync(new URL('surnames.txt', out), sn.join('\n') + '\n');
console.log(`postal codes ${rows.length}, first names ${lines.length}, surnames ${sn.length}`);
