/**
 * French de-identification profile: NIR/INS are direct identifiers (dropped or pseudonymized by
 * the policy), postal codes become départements, and communes under a population threshold are
 * merged into one "small communes" group per département.
 *
 * Populations: src/health/codes/fr-communes-population.csv (INSEE COG 2026 populations légales,
 * communes of 1,000 inhabitants or more; derived by scripts/derive-fr-populations.ts).
 */
import { readFileSync } from 'node:fs';
import { AnonymatError } from '../../errors.ts';

/** Smallest threshold the committed table supports (communes below it are not listed). */
export const COMMUNE_TABLE_FLOOR = 1000;
export const DEFAULT_COMMUNE_THRESHOLD = 20000;

let communes: Map<string, number> | undefined;
let departements: Map<string, number> | undefined;

function loadCsv(name: string): Map<string, number> {
  const text = readFileSync(new URL(`../codes/${name}`, import.meta.url), 'utf8');
  const m = new Map<string, number>();
  for (const line of text.trim().split('\n').slice(1)) {
    const [k, v] = line.split(',');
    m.set(k!, Number(v));
  }
  return m;
}

export function communePopulations(): Map<string, number> { return (communes ??= loadCsv('fr-communes-population.csv')); }
export function departementPopulations(): Map<string, number> { return (departements ??= loadCsv('fr-departements-population.csv')); }

/**
 * Postal code → département code. Corsica: 200xx/201xx → 2A, 202xx/206xx → 2B (La Poste uses
 * 20xxx for both); overseas 971-976 and 98x keep three digits. null when not a French postal code.
 */
export function postalCodeToDepartement(cp: string): string | null {
  const v = cp.trim();
  if (!/^\d{5}$/.test(v)) return null;
  if (v.startsWith('20')) return v[2] === '0' || v[2] === '1' ? '2A' : '2B';
  // (Saint-Barthélemy 97133 and Saint-Martin 97150 are collectivities of their own, 977 and 978, not Guadeloupe)
  if (v === '97133') return '977';
  if (v === '97150') return '978';
  // (the two codes of fr-geo-cog-2026's 6,310 whose digits name another département: 94390 is Paray-Vieille-Poste, in
  // Essonne; 98799 Clipperton, 989)
  if (v === '94390') return '91';
  if (v === '98799') return '989';
  if (v.startsWith('97') || v.startsWith('98')) return v.slice(0, 3);
  if (v.startsWith('00')) return null;
  return v.slice(0, 2);
}

/** INSEE commune code → its département (2A/2B, 97x). */
export function communeToDepartement(code: string): string | null {
  const v = code.trim().toUpperCase();
  if (!/^(?:\d{5}|2[AB]\d{3})$/.test(v)) return null;
  return v.startsWith('97') || v.startsWith('98') ? v.slice(0, 3) : v.slice(0, 2);
}

/** The unit of the territories whose whole population is under the threshold (Saint-Pierre-et-Miquelon, 5,790 people). */
export const SMALL_TERRITORIES = 'autres-territoires';

/**
 * A département (or overseas collectivity) code as a released unit: itself, or SMALL_TERRITORIES when its whole population
 * (INSEE) is under `threshold` — 975 (5,790), 977 (10,660) and 986 (11,151) under the default 20,000. Unknown codes are
 * left as they are (null stays null).
 */
export function departementUnit(dept: string | null, threshold = DEFAULT_COMMUNE_THRESHOLD): string | null {
  if (dept === null) return null;
  const pop = departementPopulations().get(dept);
  return pop !== undefined && pop < threshold ? SMALL_TERRITORIES : dept;
}

/**
 * Commune code → itself when its population is at least `threshold`, else `<dept>-autres` (all the
 * département's smaller communes together), or SMALL_TERRITORIES when the whole département is under the threshold.
 * Unknown codes are treated as small (safe side).
 */
export function mergeSmallCommune(code: string, threshold = DEFAULT_COMMUNE_THRESHOLD): string | null {
  if (threshold < COMMUNE_TABLE_FLOOR) {
    throw new AnonymatError('invalid-policy', `the commune population threshold must be at least ${COMMUNE_TABLE_FLOOR} (the bundled INSEE table lists communes from that size)`, [{ path: 'pseudonymize.communeThreshold', message: `below ${COMMUNE_TABLE_FLOOR}` }]);
  }
  const dept = communeToDepartement(code);
  if (dept === null) return null;
  const c = code.trim().toUpperCase();
  if (departementUnit(dept, threshold) === SMALL_TERRITORIES) return SMALL_TERRITORIES;
  return keptCommunes(dept, threshold).has(c) ? c : `${dept}-autres`;
}

const kept = new Map<string, Set<string>>();
/** Paris, Marseille and Lyon: their municipal arrondissements (75101-75120, 13201-13216, 69381-69389) are listed too. */
const PLM_COMMUNES = new Set(['75056', '13055', '69123']);
/**
 * The communes of a département released under their own code: those of `threshold` people or more, less the smallest of
 * them while the département's other communes together (its population less theirs) number fewer than `threshold` people.
 * Otherwise "<dept>-autres" may hold a single small commune and name it: Marnes-la-Coquette (1,752) alone in "92-autres"
 * at 5,000, Terre-de-Bas (873) alone in "971-autres" at 1,000.
 */
function keptCommunes(dept: string, threshold: number): Set<string> {
  const key = `${dept}|${threshold}`;
  let set = kept.get(key);
  if (set) return set;
  // (Paris, Lyon and Marseille are counted by their arrondissements, which partition them; the communes themselves are kept)
  const large: [string, number][] = [], parents: string[] = [];
  for (const [code, pop] of communePopulations()) {
    if (pop < threshold || communeToDepartement(code) !== dept) continue;
    if (PLM_COMMUNES.has(code)) parents.push(code); else large.push([code, pop]);
  }
  large.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  let rest = (departementPopulations().get(dept) ?? 0) - large.reduce((n, [, p]) => n + p, 0);
  let i = 0;
  while (rest < threshold && i < large.length) rest += large[i++]![1];
  set = new Set([...large.slice(i).map(([c]) => c), ...parents]);
  kept.set(key, set);
  return set;
}
