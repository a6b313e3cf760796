/**
 * Seeded synthetic observatory extract, shaped like the one in the case behind anonymat: general
 * practitioners' patients, sent by their practice software with names removed and a persistent
 * per-practice patient identifier.
 *
 * Distributions (documented approximations, not official statistics):
 *  - residence: a postal code drawn in proportion to its population (INSEE/La Poste, COG 2026);
 *  - age: an approximate French age pyramid (5-year bands, 2024 order of magnitude);
 *  - sex: 51.6% women; height/BMI by sex and age; weight = BMI × height²;
 *  - socio-professional category (PCS 2003, level 1) by age;
 *  - chronic conditions (ICD-10 categories) with age/sex-dependent logistic prevalences, diabetes
 *    also rising with BMI;
 *  - prescriptions in the last year: Poisson with a mean growing with the number of conditions.
 * Simulation only: uses the seeded generator of src/util/rng.ts, never for anything private.
 */
import { readFileSync } from 'node:fs';
import { seededRng, type Rng } from '../../src/util/rng.ts';
import { columnFromValues, makeTable, type Table } from '../../src/table/table.ts';

const DATA = new URL('./data/', import.meta.url);

export interface ObservatoryOptions {
  patients?: number;
  seed?: number;
  /** Date of the extract (ages are computed at this date). */
  referenceDate?: string;
  /** People in the population register besides the patients (default 1× patients). */
  registerExtra?: number;
}

export interface Observatory {
  /** Everything about each person, identities included (row i = person i): never released. */
  persons: Table;
  /** The export as the vendor sent it: no names, but a persistent per-practice patient identifier. */
  export: Table;
  /** A population register with names (the adversary's auxiliary data): patients and others, shuffled. */
  register: Table;
}

// approximate French population by 5-year age band, thousands (0–4 … 100+)
const PYRAMID = [3500, 3800, 4100, 4100, 3800, 3700, 4000, 4200, 4200, 4300, 4400, 4400, 4200, 3900, 3700, 2800, 2000, 1400, 700, 200, 30];

interface Condition { code: string; label: string; pmax: number; mid: number; scale: number; sex?: 'F' | 'M'; sexRatio?: number; bmi?: number }
/** Chronic conditions: prevalence = pmax / (1 + exp(-(age − mid)/scale)), × sexRatio for men. */
export const CONDITIONS: Condition[] = [
  { code: 'E11', label: 'Type 2 diabetes', pmax: 0.16, mid: 62, scale: 9, sexRatio: 1.3, bmi: 0.12 },
  { code: 'I10', label: 'Essential hypertension', pmax: 0.55, mid: 63, scale: 9 },
  { code: 'E78', label: 'Disorders of lipoprotein metabolism', pmax: 0.3, mid: 58, scale: 8 },
  { code: 'J45', label: 'Asthma', pmax: 0.07, mid: 5, scale: 3 },
  { code: 'I25', label: 'Chronic ischaemic heart disease', pmax: 0.12, mid: 74, scale: 7, sexRatio: 2 },
  { code: 'I48', label: 'Atrial fibrillation and flutter', pmax: 0.12, mid: 80, scale: 6 },
  { code: 'J44', label: 'Chronic obstructive pulmonary disease', pmax: 0.09, mid: 68, scale: 8, sexRatio: 1.4 },
  { code: 'F32', label: 'Depressive episode', pmax: 0.06, mid: 25, scale: 6, sexRatio: 0.6 },
  { code: 'F41', label: 'Other anxiety disorders', pmax: 0.05, mid: 22, scale: 5, sexRatio: 0.6 },
  { code: 'M81', label: 'Osteoporosis without fracture', pmax: 0.15, mid: 70, scale: 6, sex: 'F' },
  { code: 'N18', label: 'Chronic kidney disease', pmax: 0.1, mid: 78, scale: 7 },
  { code: 'G30', label: "Alzheimer's disease", pmax: 0.14, mid: 86, scale: 4 },
  { code: 'C50', label: 'Malignant neoplasm of breast', pmax: 0.035, mid: 60, scale: 8, sex: 'F' },
  { code: 'E03', label: 'Other hypothyroidism', pmax: 0.07, mid: 50, scale: 10, sexRatio: 0.25 },
  { code: 'M17', label: 'Gonarthrosis', pmax: 0.15, mid: 70, scale: 7 },
  { code: 'G40', label: 'Epilepsy', pmax: 0.007, mid: 10, scale: 5 },
  { code: 'B20', label: 'HIV disease', pmax: 0.003, mid: 30, scale: 5, sexRatio: 2 },
  { code: 'F20', label: 'Schizophrenia', pmax: 0.006, mid: 25, scale: 4, sexRatio: 1.5 },
];

const PCS = ['1 Agriculteurs exploitants', '2 Artisans, commerçants, chefs d\'entreprise', '3 Cadres et professions intellectuelles supérieures',
  '4 Professions intermédiaires', '5 Employés', '6 Ouvriers', '7 Retraités', '8 Autres personnes sans activité professionnelle'];
const PCS_WORKING = cumulative([1.5, 6.5, 20, 26, 26, 20, 0, 10]);

function cumulative(w: number[]): Float64Array { const c = new Float64Array(w.length); let s = 0; w.forEach((x, i) => { s += x; c[i] = s; }); return c; }

function loadTsv(name: string): string[][] {
  return readFileSync(new URL(name, DATA), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
}

function poisson(rng: Rng, mean: number): number {
  const L = Math.exp(-mean); let k = 0; let p = 1;
  do { k++; p *= rng.next(); } while (p > L);
  return k - 1;
}

function pad(n: number, w: number): string { return String(n).padStart(w, '0'); }

function isoDate(days: number): string { return new Date(days * 86_400_000).toISOString().slice(0, 10); }

/** NIR (French social security number) with its key; Corsica 2A/2B replaced by 19/18 for the key. */
export function makeNir(sex: 'F' | 'M', birth: string, dep: string, commune: number, order: number): string {
  const body = `${sex === 'M' ? 1 : 2}${birth.slice(2, 4)}${birth.slice(5, 7)}${dep.length === 2 ? dep : dep.slice(0, 2)}${pad(commune, 3)}${pad(order, 3)}`;
  const numeric = BigInt(body.replace('2A', '19').replace('2B', '18'));
  const key = 97n - (numeric % 97n);
  return body + pad(Number(key), 2);
}

export function generateObservatory(o: ObservatoryOptions = {}): Observatory {
  const n = o.patients ?? 50_000;
  const rng = seededRng(o.seed ?? 2024);
  const ref = Math.floor(Date.parse((o.referenceDate ?? '2024-01-01') + 'T00:00:00Z') / 86_400_000);
  const pcs = loadTsv('postal-codes.tsv');
  const pcCum = cumulative(pcs.map((r) => Number(r[2])));
  const names = loadTsv('first-names.tsv');
  const firstF = names.filter((r) => r[1] === 'F'); const firstM = names.filter((r) => r[1] === 'M');
  const cumF = cumulative(firstF.map((r) => Number(r[2]))); const cumM = cumulative(firstM.map((r) => Number(r[2])));
  const surnames = readFileSync(new URL('surnames.txt', DATA), 'utf8').trim().split('\n');
  const ageCum = cumulative(PYRAMID);

  const total = n + (o.registerExtra ?? n);
  const cols = {
    person_id: [] as string[], nir: [] as string[], first_name: [] as string[], last_name: [] as string[],
    birth_date: [] as string[], sex: [] as string[], postal_code: [] as string[], departement: [] as string[],
    practice_id: [] as string[], patient_id: [] as string[], pcs: [] as string[],
    height_cm: [] as number[], weight_kg: [] as number[], diagnoses: [] as string[], main_diagnosis: [] as string[],
    n_conditions: [] as number[], prescriptions_last_year: [] as number[],
  };
  const practiceSeq = new Map<string, number>();
  for (let i = 0; i < total; i++) {
    const sex: 'F' | 'M' = rng.next() < 0.516 ? 'F' : 'M';
    const band = rng.pickCumulative(ageCum);
    const age = Math.min(104, band * 5 + rng.int(5));
    const birthDays = ref - Math.floor((age + rng.next()) * 365.25);
    const birth = isoDate(birthDays);
    const pc = pcs[rng.pickCumulative(pcCum)]!;
    const dep = pc[1]!;
    const first = sex === 'F' ? firstF[rng.pickCumulative(cumF)]![0]! : firstM[rng.pickCumulative(cumM)]![0]!;
    const last = surnames[rng.int(surnames.length)]!;
    // body measures
    const adult = age >= 18;
    const height = adult ? (sex === 'M' ? 176 : 163) - Math.max(0, age - 60) * 0.1 + rng.normal() * (sex === 'M' ? 7 : 6.5)
      : 50 + Math.min(age, 17) * (sex === 'M' ? 7.2 : 6.8) + rng.normal() * 5;
    const bmi = adult ? Math.max(15, 25.3 + Math.min(age - 18, 40) * 0.04 + rng.normal() * 4.5) : Math.max(12, 16.5 + rng.normal() * 2);
    const weight = bmi * (height / 100) ** 2;
    // conditions
    const codes: string[] = [];
    for (const c of CONDITIONS) {
      if (c.sex && c.sex !== sex) continue;
      let p = c.pmax / (1 + Math.exp(-(age - c.mid) / c.scale));
      if (sex === 'M' && c.sexRatio) p *= c.sexRatio;
      if (c.bmi && adult) p *= Math.exp(c.bmi * (bmi - 26));
      if (rng.next() < Math.min(p, 0.95)) codes.push(c.code);
    }
    if (adult && bmi >= 30) codes.push('E66');
    codes.sort();
    const occupation = age < 18 ? PCS[7]! : age >= 65 ? (rng.next() < 0.92 ? PCS[6]! : PCS[rng.pickCumulative(PCS_WORKING)]!)
      : PCS[rng.pickCumulative(PCS_WORKING)]!;
    // practice: a few practices per département; a persistent per-practice patient number
    const practice = `GP${dep}${String.fromCharCode(65 + (Number.parseInt(pc[0]!.slice(2), 10) % 4))}`;
    const seq = (practiceSeq.get(practice) ?? 0) + 1;
    practiceSeq.set(practice, seq);
    cols.person_id.push(`H${pad(i + 1, 7)}`);
    cols.nir.push(makeNir(sex, birth, dep.length === 3 ? dep.slice(0, 2) : dep, rng.int(900) + 1, rng.int(999) + 1));
    cols.first_name.push(first[0] + first.slice(1).toLowerCase());
    cols.last_name.push(last);
    cols.birth_date.push(birth);
    cols.sex.push(sex);
    cols.postal_code.push(pc[0]!);
    cols.departement.push(dep);
    cols.practice_id.push(practice);
    cols.patient_id.push(`${practice}-${pad(seq, 6)}`);
    cols.pcs.push(occupation);
    cols.height_cm.push(Math.round(height));
    cols.weight_kg.push(Math.round(weight * 10) / 10);
    cols.diagnoses.push(codes.join('|'));
    cols.main_diagnosis.push(codes.find((c) => c !== 'E66') ?? codes[0] ?? 'none');
    cols.n_conditions.push(codes.length);
    cols.prescriptions_last_year.push(poisson(rng, 1.5 + 3 * codes.length));
  }
  const pick = (names: (keyof typeof cols)[], rows: number[]): Table =>
    makeTable(names.map((k) => {
      const src = cols[k] as (string | number)[];
      return columnFromValues(k, rows.map((r) => src[r]!), typeof src[0] === 'number' ? (Number.isInteger(src[0]) && k !== 'weight_kg' ? 'integer' : 'decimal') : k === 'birth_date' ? 'date' : 'string');
    }));
  const patients = Array.from({ length: n }, (_, i) => i);
  const registerRows = rng.shuffle(Array.from({ length: total }, (_, i) => i));
  return {
    persons: pick(['person_id', 'nir', 'first_name', 'last_name', 'birth_date', 'sex', 'postal_code', 'departement', 'practice_id', 'patient_id', 'pcs', 'height_cm', 'weight_kg', 'diagnoses', 'main_diagnosis', 'n_conditions', 'prescriptions_last_year'], patients),
    export: pick(['practice_id', 'patient_id', 'birth_date', 'sex', 'postal_code', 'pcs', 'height_cm', 'weight_kg', 'diagnoses', 'main_diagnosis', 'prescriptions_last_year'], patients),
    register: pick(['person_id', 'first_name', 'last_name', 'birth_date', 'sex', 'postal_code'], registerRows),
  };
}
