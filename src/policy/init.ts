/**
 * `anonymat init`: profiles every column and proposes a policy, with the reason for each role.
 * The proposal leans to the safe side: an unknown categorical column is proposed as a
 * quasi-identifier (an adversary may know it), never silently as insensitive.
 */
import type { Column, Table } from '../table/table.ts';

export interface ColumnProfile {
  name: string;
  type: Column['kind'];
  distinct: number;
  uniqueShare: number;
  missingShare: number;
  /** Content or header detections: name, nir, email, phone, date, postal-code, … */
  looksLike: string[];
  role: 'identifier' | 'person-key' | 'quasi' | 'sensitive' | 'insensitive' | 'weight';
  reason: string;
}

export type IdentifierDetector = (name: string, sample: string[]) => { kind: string; confidence?: number; reason?: string } | null;

const QUASI = /^(birth|dob|date_?of_?birth|naiss|ddn|age|sex|gender|genre|sexe|zip|postal|post_?code|code_?postal|cp|commune|city|ville|dep|departement|département|region|région|county|state|race|ethnic|marital|matrimon|education|diplome|occupation|profession|pcs|csp|job|work|nationality|country|pays|native|language|religion|height|taille|weight_kg|poids|bmi|imc)/i;
const SENSITIVE = /(diag|icd|cim|cim10|condition|disease|maladie|patholog|drug|medic|treatment|traitement|prescri|procedure|acte|hiv|vih|salary|income|revenu|salaire|cancer|result|outcome|sensitive)/i;
const PERSON_KEY = /^(patient|person|personne|subject|sujet|member|individu|beneficiaire|bénéficiaire)[-_ ]?(id|key|num|number|no|identifier|pseudo)?$|^(patient|person)_?id$|^(ipp|pid|nip)$/i;
const WEIGHT = /^(w|wt|weight_?sample|sampling_?weight|sample_?weight|poids_?sondage|pondera|ponderation|pondération)$/i;
const DATE_LABEL = /^\d{4}-\d{2}-\d{2}$/;
const POSTAL = /^\d{5}$/;

/** Profiles a table's columns and proposes roles. `detect` is the shared identifier detector. */
export function profileTable(table: Table, detect?: IdentifierDetector, sampleSize = 200, directKinds?: ReadonlySet<string>): ColumnProfile[] {
  // kinds that are direct identifiers (the rest — birth dates, cities, postal codes — are quasi-identifiers)
  const isDirect = (kind: string) => (directKinds ? directKinds.has(kind) : !['date', 'birth-date', 'postal-code', 'zip', 'city', 'commune', 'departement', 'age', 'sex', 'gender'].includes(kind));
  return table.columns.map((c) => {
    const n = table.rowCount;
    const counts = new Int32Array(c.dictionary.length);
    for (let i = 0; i < n; i++) counts[c.codes[i]!]!++;
    let singles = 0;
    for (let code = 0; code < counts.length; code++) if (counts[code] === 1 && code !== c.missing) singles++;
    const missing = c.missing >= 0 ? counts[c.missing]! : 0;
    const nonMissing = n - missing;
    const distinct = c.dictionary.length - (c.missing >= 0 ? 1 : 0);
    // a deterministic sample of non-missing values (evenly spaced rows)
    const sample: string[] = [];
    const step = Math.max(1, Math.floor(n / sampleSize));
    for (let i = 0; i < n && sample.length < sampleSize; i += step) { const v = c.dictionary[c.codes[i]!]; if (v !== null && v !== undefined) sample.push(v); }
    const looksLike: string[] = [];
    if (c.kind === 'date' || (sample.length && sample.every((v) => DATE_LABEL.test(v)))) looksLike.push('date');
    if (sample.length && sample.filter((v) => POSTAL.test(v)).length / sample.length > 0.9 && /zip|post|cp|code/i.test(c.name)) looksLike.push('postal-code');
    const detected = detect?.(c.name, sample) ?? null;
    if (detected && !looksLike.includes(detected.kind)) looksLike.push(detected.kind);
    const uniqueShare = nonMissing ? singles / nonMissing : 0;
    const p: ColumnProfile = { name: c.name, type: c.kind, distinct, uniqueShare, missingShare: n ? missing / n : 0, looksLike, role: 'quasi', reason: '' };
    const stats = `${distinct} distinct, ${(uniqueShare * 100).toFixed(0)}% unique, ${(p.missingShare * 100).toFixed(0)}% missing`;
    if (WEIGHT.test(c.name) && (c.kind === 'decimal' || c.kind === 'integer')) { p.role = 'weight'; p.reason = `numeric column named like a sampling weight (${stats})`; }
    else if (PERSON_KEY.test(c.name)) { p.role = 'person-key'; p.reason = `header names a patient/person identifier (${stats}); it will be pseudonymized or dropped, and risk counts persons`; }
    else if (detected && isDirect(detected.kind)) { p.role = 'identifier'; p.reason = `values look like ${detected.kind}${detected.reason ? ` (${detected.reason})` : ''}: a direct identifier (${stats})`; }
    else if (QUASI.test(c.name) || looksLike.includes('postal-code') || (detected !== null && !isDirect(detected.kind)) || (looksLike.includes('date') && /birth|naiss|dob|ddn/i.test(c.name))) { p.role = 'quasi'; p.reason = `demographic or geographic attribute an adversary may know (${stats})`; }
    else if (SENSITIVE.test(c.name)) { p.role = 'sensitive'; p.reason = `header names health or financial information (${stats})`; }
    else if (c.kind === 'string' && uniqueShare > 0.9 && distinct > 50) { p.role = 'identifier'; p.reason = `text with ${(uniqueShare * 100).toFixed(0)}% unique values: behaves like an identifier (${stats})`; }
    else if ((c.kind === 'decimal' || c.kind === 'integer') && distinct > 100) { p.role = 'insensitive'; p.reason = `a measurement with many values (${stats}); declare it quasi if an adversary may know it`; }
    else if (looksLike.includes('date')) { p.role = 'quasi'; p.reason = `a date (${stats}): dates of events can be known to others`; }
    else { p.role = 'quasi'; p.reason = `categorical column (${stats}); proposed as quasi-identifier to be safe — set insensitive if no adversary could know it`; }
    return p;
  });
}

/** Renders the proposed policy as commented YAML. */
export function proposePolicyYaml(profiles: ColumnProfile[], o: { input: string; delimiter?: string; encoding?: string }): string {
  const w = Math.max(...profiles.map((p) => JSON.stringify(p.name).length), 4);
  const lines = [
    `# Policy proposed by "anonymat init" for ${o.input}.`,
    '# Review every role: the proposal leans to the safe side. Reference: docs/policy.md',
    'columns:',
  ];
  for (const p of profiles) {
    const key = /^[A-Za-z_][\w-]*$/.test(p.name) ? p.name : JSON.stringify(p.name);
    const parts = [`role: ${p.role}`];
    if (p.role !== 'identifier' && p.type !== 'string') parts.push(`type: ${p.type}`);
    if (p.role === 'quasi' && p.type === 'string' && p.looksLike.includes('postal-code')) parts.push('type: string');
    lines.push(`  # ${p.reason}${p.looksLike.length ? `; looks like: ${p.looksLike.join(', ')}` : ''}`);
    lines.push(`  ${(key + ':').padEnd(w + 1)} { ${parts.join(', ')} }`);
  }
  lines.push(
    'thresholds:',
    '  k: 5                    # every combination of quasi-identifiers shared by at least 5 units',
    '  maxProsecutorRisk: 0.2  # = 1/k',
    '  maxAverageRisk: 0.05',
  );
  if (profiles.some((p) => p.role === 'sensitive')) lines.push('  l: 2                    # at least 2 distinct sensitive values per class', '  t: 0.2');
  lines.push('population:', '  samplingFraction: 0.1   # share of the population in the data: adjust (used for journalist risk and uniqueness)');
  if (o.delimiter || o.encoding) {
    lines.push('input:');
    if (o.delimiter) lines.push(`  delimiter: ${JSON.stringify(o.delimiter)}`);
    if (o.encoding) lines.push(`  encoding: ${o.encoding}`);
  }
  return lines.join('\n') + '\n';
}
