/**
 * Derives the French population tables used by the French de-identification profile
 * (src/health/profiles/fr.ts):
 *
 *   node --import tsx scripts/derive-fr-populations.ts [--min-population 1000]
 *
 * Source: ../shared/data/fr-geo-cog-2026/communes.csv and departements.csv — Etalab
 * @etalab/decoupage-administratif 6.0.0: INSEE Code officiel géographique 2026 and populations
 * légales (population municipale), La Poste codes postaux. Licence Ouverte / Open Licence (Etalab).
 *
 * Outputs (committed):
 *  - src/health/codes/fr-communes-population.csv: code_insee,population for current communes and
 *    the municipal arrondissements of Paris/Lyon/Marseille with at least --min-population
 *    inhabitants (smaller communes are absent: the profile treats an absent code as small).
 *  - src/health/codes/fr-departements-population.csv: code,population (sum of communes).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = `${root}../shared/data/fr-geo-cog-2026`;
const i = process.argv.indexOf('--min-population');
const minPop = i >= 0 ? Number(process.argv[i + 1]) : 1000;

const rows = readFileSync(`${src}/communes.csv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const out = ['code_insee,population'];
let kept = 0, total = 0;
for (const f of rows) {
  if (f[2] !== 'commune-actuelle' && f[2] !== 'arrondissement-municipal') continue;
  total++;
  const pop = Number(f[7]);
  if (!(pop >= minPop)) continue;
  out.push(`${f[0]},${pop}`);
  kept++;
}
writeFileSync(`${root}src/health/codes/fr-communes-population.csv`, out.join('\n') + '\n');
const deps = readFileSync(`${src}/departements.csv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
writeFileSync(`${root}src/health/codes/fr-departements-population.csv`,
  ['code,population', ...deps.map((f) => `${f[0]},${f[f.length - 1]}`)].join('\n') + '\n');
process.stderr.write(`communes kept ${kept} of ${total} (>= ${minPop} inhabitants); départements ${deps.length}\n`);
