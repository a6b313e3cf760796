/**
 * The verdict: is a release anonymous, or pseudonymous (personal data)? (docs/verdict.md)
 *
 * "anonymous" only when ALL hold:
 *  1. no direct identifier remains (policy roles identifier / person-key, and the identifier
 *     detectors of src/health/identifiers on undeclared columns);
 *  2. no persistent linkable key remains (key-like columns of the release; with a previous release,
 *     values that link persons across the two);
 *  3. the policy's formal thresholds hold on the release (src/risk `assessTable` → verdict);
 *  4. every attack's upper confidence bound is at or under the limit (thresholds.maxAttackRisk or
 *     attacks.maxRisk, default 0.05): singling out, linkability, inference, and linkage with the
 *     auxiliary table when given.
 * Otherwise "pseudonymous: personal data", with every failed criterion in plain words and its figure.
 */
import { makeTable, sampleValues, type Table } from '../table/table.ts';
import { GROUP_KEY_HEADER } from '../util/headers.ts';
import { AnonymatError } from '../errors.ts';
import { assessTable } from '../risk/index.ts';
import { singlingOut, type SinglingOutResult } from './singling-out.ts';
import { linkability, type LinkabilityResult } from './linkability.ts';
import { inference, inferenceMany, type InferenceResult } from './inference.ts';
import { linkage, type LinkageResult } from './linkage.ts';
import { crossRelease, differencing, type CrossReleaseResult } from './cross-release.ts';
import { parseAttacksSection } from './policy.ts';
import { NO_CONTROL_WARNING, DEFAULT_ATTACKS, emptyControlError } from './context.ts';
import { buildSpace, type HierarchyLike } from './space.ts';
import { own } from '../util/own.ts';
import { personsOf } from '../risk/person.ts';

/** The parts of a policy the verdict reads (a full `Policy` from src/policy fits). */
export interface VerdictPolicy {
  columns: Record<string, { role: string; [k: string]: unknown }>;
  thresholds?: { maxAttackRisk?: number; [k: string]: unknown };
  attacks?: unknown;
  population?: unknown;
  risk?: unknown;
  source?: string;
}

export type IdentifierDetector = (name: string, sample: string[]) => { kind: string; confidence?: number; reason?: string } | null;

export interface ProveInput {
  original: Table;
  release: Table;
  control?: Table;
  aux?: Table;
  previousRelease?: Table;
  policy: VerdictPolicy;
  seed?: number;
  /** Overrides attacks.attacks (default 2000). */
  attacks?: number;
  /** Ground truth for the linkage (overrides attacks.linkage.truth). */
  truth?: { release: string; aux: string };
  hierarchies?: HierarchyLike[];
  /** Identifier detector; default: src/health/identifiers `detectIdentifierColumn` when present. */
  detectIdentifier?: IdentifierDetector | null;
  /** Called after each step (done of total steps, the step about to run), for a progress bar. */
  onProgress?: (done: number, total: number, step: string) => void;
  /**
   * The formal thresholds' verdict at person level, from a caller that assessed the release with its person key (anonymize
   * does): used when the release has lost the key and the original holds several records per person.
   */
  personLevelFormal?: { passes: boolean; failures: { criterion: string; message: string; value: number | null; threshold: number; column?: string }[] };
}

/** The steps of proveAnonymity, in order (as named in `timings`). */
const STEPS = ['identifiers and keys', 'formal thresholds', 'singling out', 'linkability', 'inference', 'linkage'];

export interface Failure {
  criterion: 'direct-identifier' | 'persistent-key' | 'formal-threshold' | 'attack-risk' | 'linkage' | 'cross-release' | 'unverifiable-column';
  message: string;
  value: number | null;
  threshold: number | null;
  column?: string;
}

type Attack<T> = (T & { evaluated: true }) | { evaluated: false; reason: string; risk: null; ci: null; attackRate: null; controlRate: null; attacks: 0 };

export interface VerdictReport {
  verdict: {
    anonymous: boolean;
    label: 'anonymous' | 'pseudonymous: personal data';
    reasons: string[];
    failures: Failure[];
    limit: number;
  };
  attacks: {
    singlingOut: Attack<SinglingOutResult>;
    linkability: Attack<LinkabilityResult>;
    inference: Attack<InferenceResult>;
    details: { singlingOut: SinglingOutResult[]; inference: InferenceResult[] };
  };
  linkage: (LinkageResult & { evaluated: true }) | { evaluated: false; reason: string; reidentified: null; rate: null };
  crossRelease: CrossReleaseResult | null;
  identifiers: { column: string; source: 'policy' | 'detector'; kind: string }[];
  keyLikeColumns: { column: string; distinct: number; rows: number }[];
  formal: { passes: boolean; failures: { criterion: string; message: string; value: number | null; threshold: number }[]; notEvaluated: string[] } | { error: string } | null;
  warnings: string[];
  parameters: {
    seed: number; attacks: number; confidence: number; limit: number; control: boolean;
    /** The unit attacked: 'person' when the originals carry the policy's person key, else 'record'. */
    unit: 'person' | 'record'; personKey: string | null;
    rows: { original: number; release: number; control: number | null; aux: number | null; previousRelease: number | null };
    columns: { quasiIdentifiers: string[]; sensitive: string[]; singlingOut: string[]; linkability: [string[], string[]] | null; inferenceAux: string[] };
  };
  seconds: number;
  /** Seconds per step (diagnostics; varies between runs). */
  timings: Record<string, number>;
}

const pct = (x: number) => `${(100 * x).toFixed(x < 0.001 && x > 0 ? 2 : 1)} %`;
/** The level of the intervals as the verdict states it: 0.95 → "95 %", 0.999 → "99.9 %". */
export const confidenceLabel = (confidence: number) => `${+(confidence * 100).toFixed(2)} %`;
/** Distinct texts of a free-text column read for the verdict, and the labels that are not direct identifiers. */
const TEXT_SAMPLE = 2000;
const TEXT_QUASI = new Set(['DATE', 'BIRTHDATE', 'ZIP', 'CITY', 'AGE', 'HOSPITAL']);
const NOT_DIRECT = new Set(['date', 'birth-date', 'postal-code', 'zip', 'year', 'age', 'sex', 'gender', 'city', 'commune', 'departement', 'country']);

function notEvaluated(reason: string) {
  return { evaluated: false as const, reason, risk: null, ci: null, attackRate: null, controlRate: null, attacks: 0 as const };
}

/** Runs every check and returns the report (see the module comment). */
export async function proveAnonymity(input: ProveInput): Promise<VerdictReport> {
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  let tLast = t0;
  const lap = (name: string) => {
    const t = performance.now(); timings[name] = Math.round(t - tLast) / 1000; tLast = t;
    const i = STEPS.indexOf(name) + 1;
    input.onProgress?.(i, STEPS.length, STEPS[i] ?? 'done');
  };
  input.onProgress?.(0, STEPS.length, STEPS[0]!);
  const { original, release, control, aux, previousRelease, policy } = input;
  // (an empty control set is refused, not taken for "no control": see emptyControlError)
  if (control && control.rowCount === 0) throw emptyControlError();
  const cfg = parseAttacksSection(policy.attacks, policy.source);
  const limit = policy.thresholds?.maxAttackRisk ?? cfg.maxRisk ?? 0.05;
  const seed = input.seed ?? cfg.seed ?? 0;
  const nAttacks = input.attacks ?? cfg.attacks ?? DEFAULT_ATTACKS;
  // (never below 0.95: attacks.confidence is refused there, see policy.ts)
  const confidence = cfg.confidence ?? 0.95;
  // (the interval's level as the messages say it: "95 %", or the policy's own)
  const levelPct = confidenceLabel(confidence);
  const warnings: string[] = [];
  const failures: Failure[] = [];
  const role = (c: string) => policy.columns[c]?.role;
  const policyPersonKey = Object.keys(policy.columns).find((c) => role(c) === 'person-key');
  const inRelease = new Set(release.columns.map((c) => c.name));
  const inOriginal = new Set(original.columns.map((c) => c.name));
  const inControl = control ? new Set(control.columns.map((c) => c.name)) : null;
  // ground-truth columns serve only to score the linkage: never attacked, never judged
  const truth = input.truth ?? cfg.linkage?.truth;
  // (a truth column the policy declares, e.g. the person key itself, is part of the data and judged as such)
  const evalOnly = new Set(truth && role(truth.release) === undefined ? [truth.release] : []);
  const attackable = release.columns.map((c) => c.name).filter((n) => inOriginal.has(n) && (!inControl || inControl.has(n))
    && !['identifier', 'person-key', 'weight'].includes(role(n) ?? '') && !evalOnly.has(n));
  // (the attacks compare the two files column by column: a release column the original lacks can be neither attacked nor
  // linked — a renamed column, a header read with the wrong delimiter. With no column shared at all nothing could be
  // measured: an input error; otherwise each such column is a failure below, never "anonymous" by default)
  const unknown = release.columns.map((c) => c.name).filter((n) => !inOriginal.has(n) && !evalOnly.has(n));
  if (unknown.length > 0 && !release.columns.some((c) => inOriginal.has(c.name))) {
    const shown = unknown.slice(0, 5).map((n) => `"${n.length > 60 ? `${n.slice(0, 60)}…` : n}"`).join(', ');
    throw new AnonymatError('invalid-input', `the release shares no column with the original (its columns: ${shown}${unknown.length > 5 ? ', …' : ''}): `
      + 'the verdict compares the files column by column, so nothing could be measured. Keep the original\'s column names in the release, '
      + 'and check its delimiter (a whole header read as one column means the wrong one: --delimiter)');
  }
  const byRole = (r: string) => Object.keys(policy.columns).filter((c) => role(c) === r && attackable.includes(c));
  // (a release column the policy does not declare is attacked as a quasi-identifier: an undeclared exact birth date made
  // every person unique, and the attacks, reading the declared columns only, called the release anonymous)
  // (a release column of the original that the control lacks cannot be attacked: its risk is unknown, never "anonymous")
  const notInControl = inControl === null ? [] : release.columns.map((c) => c.name).filter((n) => inOriginal.has(n) && !inControl.has(n) && !evalOnly.has(n)
    && !['identifier', 'person-key', 'weight', 'insensitive'].includes(role(n) ?? ''));
  const undeclared = attackable.filter((n) => role(n) === undefined);
  const qi = [...byRole('quasi'), ...undeclared], sensitive = byRole('sensitive');
  if (undeclared.length) {
    warnings.push(`${undeclared.length} column(s) of the release are not declared in the policy (${undeclared.slice(0, 8).map((n) => `"${n}"`).join(', ')}${undeclared.length > 8 ? ', …' : ''}): attacked as quasi-identifiers — declare their roles`);
  }
  if (!control) warnings.push(NO_CONTROL_WARNING);

  // 1. direct identifiers
  const identifiers: VerdictReport['identifiers'] = [];
  for (const c of release.columns) {
    const r = role(c.name);
    if (evalOnly.has(c.name)) continue;
    if (r === 'identifier' || r === 'person-key') {
      identifiers.push({ column: c.name, source: 'policy', kind: r });
      failures.push({
        criterion: r === 'person-key' ? 'persistent-key' : 'direct-identifier', column: c.name, value: null, threshold: null,
        message: r === 'person-key'
          ? `column "${c.name}" is the policy's person key (a persistent pseudonym) and is still in the release: it links every record of a person, across releases too`
          : `column "${c.name}" is a direct identifier (policy role identifier) and is still in the release`,
      });
    }
  }
  let detect = input.detectIdentifier;
  if (detect === undefined) {
    try {
      const mod = (await import('../health/identifiers/index.ts' as string)) as { detectIdentifierColumn?: IdentifierDetector };
      detect = mod.detectIdentifierColumn ?? null;
    } catch { detect = null; }
  }
  if (!detect) warnings.push('identifier detectors unavailable: only the policy roles were used to find direct identifiers');
  else {
    for (const c of release.columns) {
      const r = role(c.name);
      if (evalOnly.has(c.name)) continue;
      if (r === 'identifier' || r === 'person-key' || r === 'quasi' || r === 'sensitive' || r === 'insensitive' || r === 'weight') continue;
      const d = detect(c.name, sampleValues(c));
      if (d && !NOT_DIRECT.has(d.kind)) {
        identifiers.push({ column: c.name, source: 'detector', kind: d.kind });
        failures.push({ criterion: 'direct-identifier', column: c.name, value: d.confidence ?? null, threshold: null,
          message: `column "${c.name}" (not declared in the policy) holds values that look like ${d.kind}: a direct identifier` });
      }
    }
  }

  // free text declared in the policy (text: true) must come redacted: names, contact details and
  // identifiers found in it are direct identifiers; dates, places and ages are reported
  // (and an undeclared column whose values read as prose: notes pasted into an export)
  const { proseShape } = await import('../policy/init.ts');
  const textColumns = release.columns.filter((c) => !evalOnly.has(c.name) && (own(policy.columns, c.name)?.text === true
    || (role(c.name) === undefined && c.kind === 'string' && !identifiers.some((x) => x.column === c.name) && proseShape(sampleValues(c)) !== null)));
  if (textColumns.length) {
    const { recognize } = await import('../text/index.ts');
    for (const c of textColumns) {
      const direct = new Map<string, number>(), quasi = new Map<string, number>();
      let seen = 0;
      for (const v of c.dictionary) {
        if (v === null) continue;
        if (++seen > TEXT_SAMPLE) break;
        for (const sp of recognize(v, { lang: 'auto' })) {
          const m = TEXT_QUASI.has(sp.label) ? quasi : direct;
          m.set(sp.label, (m.get(sp.label) ?? 0) + 1);
        }
      }
      const list = (m: Map<string, number>) => [...m].sort((x, y) => y[1] - x[1]).map(([l, k]) => `${l} ×${k}`).join(', ');
      if (direct.size) {
        identifiers.push({ column: c.name, source: 'detector', kind: 'free-text' });
        failures.push({ criterion: 'direct-identifier', column: c.name, value: null, threshold: null,
          message: `free-text column "${c.name}" still holds direct identifiers (${list(direct)} in ${Math.min(seen, TEXT_SAMPLE)} distinct texts): redact it (anonymat anonymize and pseudonymize do)` });
      }
      if (quasi.size) warnings.push(`free-text column "${c.name}" still holds dates, places or ages (${list(quasi)}): quasi-identifiers the attacks do not measure`);
    }
  }

  // 2. key-like columns in the release (undeclared, high-cardinality text or integer); and, whatever its declared role, a
  // household's or a group's key — a few records per value, yet it links the persons of a group (sdcMicro's ori_hid)
  const keyLikeColumns: VerdictReport['keyLikeColumns'] = [];
  for (const c of release.columns) {
    if (evalOnly.has(c.name)) continue;
    if (GROUP_KEY_HEADER.test(c.name) && role(c.name) !== 'identifier' && role(c.name) !== 'person-key') {
      const distinct = new Set(c.codes).size - (c.missing >= 0 && c.codes.includes(c.missing) ? 1 : 0);
      if (distinct >= 20) {
        // (within the release, fresh values or not: a direct identifier of the group's persons to one another)
        failures.push({ criterion: 'direct-identifier', column: c.name, value: distinct / release.rowCount, threshold: null,
          message: `column "${c.name}" is named like a household's or a group's key (${distinct} values for ${release.rowCount} records): it links the persons of one group, and a person to the others — declare it an identifier (dropped) or leave it out` });
        continue;
      }
    }
    if (role(c.name) !== undefined) continue;
    if (c.kind !== 'string' && c.kind !== 'integer') continue;
    const seen = new Uint8Array(c.dictionary.length);
    for (let i = 0; i < c.codes.length; i++) seen[c.codes[i]!] = 1;
    let distinct = 0;
    for (let k = 0; k < seen.length; k++) if (seen[k] && k !== c.missing) distinct++;
    if (distinct >= 20 && distinct >= 0.5 * release.rowCount) {
      keyLikeColumns.push({ column: c.name, distinct, rows: release.rowCount });
      failures.push({ criterion: 'persistent-key', column: c.name, value: distinct / release.rowCount, threshold: 0.5,
        message: `column "${c.name}" (not declared in the policy) is key-like: ${distinct} distinct values for ${release.rowCount} records; if it persists between releases it links them` });
    }
  }
  let cross: CrossReleaseResult | null = null;
  if (previousRelease) {
    const strip = (t: Table) => (evalOnly.size ? makeTable(t.columns.filter((c) => !evalOnly.has(c.name))) : t);
    cross = crossRelease({
      release: strip(release), previous: strip(previousRelease), ...(policyPersonKey ? { personColumn: policyPersonKey } : {}), quasiIdentifiers: Object.keys(policy.columns).filter((c) => role(c) === 'quasi'),
      ...(cfg.crossRelease?.keyCardinality !== undefined ? { keyCardinality: cfg.crossRelease.keyCardinality } : {}),
      ...(cfg.crossRelease?.keyRecurrence !== undefined ? { keyRecurrence: cfg.crossRelease.keyRecurrence } : {}),
    });
    // an undeclared key-like column whose values do not recur in the previous release is a fresh
    // per-release token: measured, it links nothing across these two releases
    for (const kc of keyLikeColumns) {
      const x = cross.columns.find((c) => c.columns[0] === kc.column);
      if (!x || x.shared > 0) continue;
      const i = failures.findIndex((f) => f.column === kc.column && f.criterion === 'persistent-key');
      if (i >= 0) failures.splice(i, 1);
      warnings.push(`column "${kc.column}" is key-like within the release, but none of its values recur in the previous release (fresh tokens): it does not link these two releases`);
    }
    for (const k of cross.keyLike) {
      if (failures.some((f) => f.column === k.columns[0] && f.criterion === 'persistent-key')) continue;
      failures.push({ criterion: 'persistent-key', column: k.columns[0]!, value: k.linkableShare, threshold: 0,
        message: `column "${k.columns[0]}" links the two releases: ${k.shared} of its ${k.distinct} values recur, ${k.linkablePersons} persons (${pct(k.linkableShare)}) linkable` });
    }
    // the differencing attack: the two releases linked record to record and intersected, against the original's persons
    const diffCols = Object.keys(policy.columns).filter((c) => role(c) === 'quasi' || role(c) === 'sensitive');
    const diff = differencing({ original, release: strip(release), previous: strip(previousRelease), columns: diffCols, quasiIdentifiers: diffCols.filter((c) => role(c) === 'quasi'), attacks: nAttacks, seed, confidence });
    cross.differencing = diff;
    if (diff.ci[1] > limit) {
      failures.push({ criterion: 'cross-release', value: diff.ci[1], threshold: limit,
        message: `differencing the two releases: ${diff.isolated} of ${diff.attempted} records of this release link to one record of the previous one and, intersected with it, single out one person that neither isolates alone (${pct(diff.rate)}, ${levelPct} interval up to ${pct(diff.ci[1])} > limit ${pct(limit)})` });
    }
    for (const c of cross.combinations) {
      if (c.linkableShare > limit) {
        failures.push({ criterion: 'cross-release', value: c.linkableShare, threshold: limit,
          message: `the combination (${c.columns.join(', ')}) is held by exactly one person in both releases for ${c.linkablePersons} persons (${pct(c.linkableShare)} > ${pct(limit)}): they can be followed from one release to the next` });
      }
    }
  } else warnings.push('no previous release given: cross-release linkability was not measured (only key-like columns of this release were looked for)');

  // the release's columns the original lacks, not judged above as identifiers or keys: their risk is unknown
  for (const n of unknown) {
    // (a key-like column is judged as a key above: fresh tokens per release carry nothing)
    if (identifiers.some((x) => x.column === n) || failures.some((f) => f.column === n) || keyLikeColumns.some((k) => k.column === n)) continue;
    failures.push({ criterion: 'unverifiable-column', column: n, value: null, threshold: null,
      message: `column "${n}" of the release is not in the original: it can be neither attacked nor linked, so its risk is unknown (keep the original's column names)` });
  }
  for (const n of notInControl) {
    failures.push({ criterion: 'unverifiable-column', column: n, value: null, threshold: null,
      message: `column "${n}" of the release is not in the control set: the attacks cannot measure it, so its risk is unknown (give a control with the original's columns)` });
  }
  // released values the attacks cannot read in the original's terms — dates written otherwise ("15/03/1950" against
  // "1950-03-15"), categories in another case, numbers with a unit — would read as '*' or as unlike everyone, and every
  // attack's risk would be understated: a release of the original with its dates rewritten read anonymous
  if (attackable.length) {
    const sp = buildSpace([{ table: original, literal: true, label: 'original' }, { table: release, literal: false, label: 'release' }], attackable, input.hierarchies ?? []);
    for (const col of sp.columns) {
      const v = col.views[1];
      if (!v?.unread) continue;
      let rows = 0;
      for (let r = 0; r < v.codes.length; r++) rows += v.unread[v.codes[r]!]!;
      if (rows === 0) continue;
      const share = rows / Math.max(1, release.rowCount);
      const what = `${rows} released record(s) (${pct(share)}) carry values of column "${col.name}" the attacks cannot read against the original's (another date layout, another case, a unit, a generalization without its hierarchy)`;
      if (share > 0.01) {
        failures.push({ criterion: 'unverifiable-column', column: col.name, value: share, threshold: 0.01,
          message: `${what}: the attacks would read them as '*' or as unlike everyone and understate every risk — write them as the original does, or give the column's hierarchy` });
      } else warnings.push(`${what}; under 1 % of the records, the attacks went on`);
    }
  }
  lap('identifiers and keys');
  // 3. formal thresholds
  let formal: VerdictReport['formal'] = null;
  try {
    // the policy restricted to the columns the release still has (dropped columns are not an error)
    const columns = Object.fromEntries(Object.entries(policy.columns).filter(([c]) => inRelease.has(c)));
    // (a release without the person key of an original that holds several records per person: its records cannot be told
    // to be one person's, and k counted by records says nothing of persons — two identical stays of one patient made a
    // class of 2 — so the thresholds are not verified, unless the caller assessed the release at person level)
    const keyCol = policyPersonKey !== undefined && !inRelease.has(policyPersonKey) ? original.columns.find((x) => x.name === policyPersonKey) : undefined;
    const severalPerPerson = keyCol !== undefined && personsOf(keyCol).persons < original.rowCount;
    if (severalPerPerson && !input.personLevelFormal) {
      const msg = `the original holds several records per person (person key "${policyPersonKey}") and the release does not have the key: its thresholds (k, l, t) cannot be verified per person — records of one person would count as different people`;
      formal = { error: msg };
      failures.push({ criterion: 'formal-threshold', value: null, threshold: null, message: `${msg}; run the verdict where the key is still known — \`anonymat anonymize --verdict\` (it judges the release at person level before the key leaves) — or release one record per person` });
    } else {
      // the caller's person-level verdict, else the release's own (only the thresholds: no SUDA2 nor leave-one-out contributions)
      const v = severalPerPerson ? { ...input.personLevelFormal!, notEvaluated: [] as string[] }
        : assessTable(release, { ...policy, columns } as never, { suda2MaxSize: 0, skipContributions: true }).verdict;
      formal = { passes: v.passes, failures: v.failures.map((f) => ({ criterion: f.criterion, message: f.message, value: f.value, threshold: f.threshold })), notEvaluated: v.notEvaluated };
      for (const f of v.failures) failures.push({ criterion: 'formal-threshold', value: f.value, threshold: f.threshold, ...(f.column ? { column: f.column } : {}), message: `formal threshold ${f.criterion}: ${f.message}` });
    }
  } catch (e) {
    const msg = (e as Error).message;
    formal = { error: msg };
    failures.push({ criterion: 'formal-threshold', value: null, threshold: null, message: `the policy's formal thresholds could not be evaluated on the release (${msg})` });
  }

  lap('formal thresholds');
  // 4. attacks
  // the unit attacked: persons when the policy's person key names the records of the originals
  const personKey = policyPersonKey !== undefined && original.columns.some((x) => x.name === policyPersonKey) ? policyPersonKey : undefined;
  const base = {
    original, release, ...(control ? { control } : {}), seed, attacks: nAttacks, confidence,
    ...(input.hierarchies ? { hierarchies: input.hierarchies } : {}), ...(personKey ? { personKey } : {}),
  };
  const soCols = (cfg.singlingOut?.columns ?? (qi.length ? qi : attackable)).filter((c) => attackable.includes(c));
  const soDetails: SinglingOutResult[] = [];
  let so: VerdictReport['attacks']['singlingOut'];
  if (cfg.singlingOut?.enabled === false) so = notEvaluated('disabled by the policy (attacks.singlingOut.enabled: false)');
  else if (soCols.length === 0) so = notEvaluated('no column is shared by the original and the release');
  else {
    const mode = cfg.singlingOut?.mode ?? 'both';
    for (const m of mode === 'both' ? ['multivariate', 'univariate'] as const : [mode]) {
      soDetails.push(singlingOut({ ...base, mode: m, columns: soCols, ...(cfg.singlingOut?.nCols ? { nCols: cfg.singlingOut.nCols } : {}) }));
    }
    so = { ...worst(soDetails), evaluated: true };
  }
  lap('singling out');
  let lk: VerdictReport['attacks']['linkability'];
  let lkCols: [string[], string[]] | null = cfg.linkability?.columns ?? null;
  if (!lkCols) {
    const a = qi.filter((_, i) => i % 2 === 0), b = [...qi.filter((_, i) => i % 2 === 1), ...sensitive];
    lkCols = a.length && b.length ? [a, b] : null;
    if (!lkCols && attackable.length >= 2) lkCols = [attackable.filter((_, i) => i % 2 === 0), attackable.filter((_, i) => i % 2 === 1)];
  }
  if (cfg.linkability?.enabled === false) lk = notEvaluated('disabled by the policy (attacks.linkability.enabled: false)');
  else if (!lkCols) lk = notEvaluated('fewer than two columns to split between two parties');
  else lk = { ...linkability({ ...base, auxColumns: lkCols, ...(cfg.linkability?.neighbours ? { neighbours: cfg.linkability.neighbours } : {}) }), evaluated: true };
  lap('linkability');
  const secrets = (cfg.inference?.secrets ?? sensitive).filter((c) => attackable.includes(c));
  const infAux = (cfg.inference?.auxColumns ?? (qi.length ? qi : attackable)).filter((c) => attackable.includes(c));
  const infDetails: InferenceResult[] = [];
  let inf: VerdictReport['attacks']['inference'];
  if (cfg.inference?.enabled === false) inf = notEvaluated('disabled by the policy (attacks.inference.enabled: false)');
  else if (secrets.length === 0) inf = notEvaluated('no sensitive column (policy role sensitive) shared by the original and the release');
  else {
    const tol = cfg.inference?.tolerance !== undefined ? { tolerance: cfg.inference.tolerance } : {};
    const shared = secrets.filter((s) => !infAux.includes(s));
    if (shared.length && infAux.length) infDetails.push(...inferenceMany({ ...base, secrets: shared, auxColumns: infAux, ...tol }));
    for (const s of secrets.filter((x) => infAux.includes(x))) {
      const auxCols = infAux.filter((c) => c !== s);
      if (auxCols.length) infDetails.push(inference({ ...base, secret: s, auxColumns: auxCols, ...tol }));
    }
    inf = infDetails.length ? { ...worst(infDetails), evaluated: true } : notEvaluated('no auxiliary column left for the inference');
  }
  lap('inference');
  for (const [name, r, what] of [
    ['singling out', so, soDetails.length ? `(${(so as SinglingOutResult).mode}, ${(so as SinglingOutResult).columns.length} columns)` : ''],
    ['linkability', lk, lkCols ? `(parties hold ${lkCols[0].join(', ')} | ${lkCols[1].join(', ')})` : ''],
    ['inference', inf, inf.evaluated ? `(secret ${(inf as InferenceResult).secret})` : ''],
  ] as const) {
    if (!r.evaluated) { warnings.push(`${name} was not evaluated: ${r.reason}`); continue; }
    for (const w of r.warnings) if (w !== NO_CONTROL_WARNING && !warnings.includes(w)) warnings.push(w);
    // (Anonymeter warns too: with every control attack a success, the residual (a − c)/(1 − c) has nothing to measure)
    if (r.controlRate === 1 && r.controlAttacks > 0) warnings.push(`${name}: the control attack succeeded on every control record (${r.controlAttacks}): no risk beyond what the release teaches about anyone can be measured; the risk is reported as 0 with interval [0, 1]`);
    if (r.ci[1] > limit) {
      failures.push({ criterion: 'attack-risk', value: r.ci[1], threshold: limit,
        message: `${name} ${what}: risk ${pct(r.risk)}, ${levelPct} interval up to ${pct(r.ci[1])} > limit ${pct(limit)} (attack success ${pct(r.attackRate)} over ${r.attacks} attacks, ${r.controlRate === null ? `baseline ${pct(r.baselineRate)} — no control set` : `control ${pct(r.controlRate)}`})` });
    }
  }

  // linkage with the auxiliary table
  let lg: VerdictReport['linkage'];
  if (aux) {
    const excluded = Object.keys(policy.columns).filter((c) => ['identifier', 'person-key'].includes(role(c) ?? ''));
    const r = linkage({
      release, aux, seed, attacks: nAttacks, confidence, ...(truth ? { truth } : {}), exclude: excluded,
      ...(cfg.linkage?.on ? { on: cfg.linkage.on } : {}), ...(cfg.linkage?.m ? { m: cfg.linkage.m } : {}),
      ...(input.hierarchies ? { hierarchies: input.hierarchies } : {}),
    });
    lg = { ...r, evaluated: true };
    for (const w of r.warnings) if (!warnings.includes(w)) warnings.push(w);
    if (r.ci[1] > limit) {
      failures.push({ criterion: 'linkage', value: r.ci[1], threshold: limit,
        message: `linkage with the auxiliary table (${r.columns.join(', ')}): ${r.reidentified} of ${r.attempted} released records ${r.correctnessKnown ? 're-identified (correct links)' : 'linked to a single identity'} by ${r.method} matching (${pct(r.rate)}, ${levelPct} interval up to ${pct(r.ci[1])} > limit ${pct(limit)})` });
    }
  } else {
    lg = { evaluated: false, reason: 'no auxiliary table given (--aux)', reidentified: null, rate: null };
    // (said as the other attacks not evaluated are)
    warnings.push('the linkage attack was not evaluated: no auxiliary table given (--aux, a register with identities)');
  }

  lap('linkage');
  const anonymous = failures.length === 0;
  return {
    verdict: { anonymous, label: anonymous ? 'anonymous' : 'pseudonymous: personal data', reasons: failures.map((f) => f.message), failures, limit },
    attacks: { singlingOut: so, linkability: lk, inference: inf, details: { singlingOut: soDetails, inference: infDetails } },
    linkage: lg, crossRelease: cross, identifiers, keyLikeColumns, formal, warnings,
    parameters: {
      seed, attacks: nAttacks, confidence, limit, control: !!control, unit: personKey ? 'person' : 'record', personKey: personKey ?? null,
      rows: { original: original.rowCount, release: release.rowCount, control: control?.rowCount ?? null, aux: aux?.rowCount ?? null, previousRelease: previousRelease?.rowCount ?? null },
      columns: { quasiIdentifiers: qi, sensitive, singlingOut: soCols, linkability: lkCols, inferenceAux: infAux },
    },
    seconds: Math.round((performance.now() - t0) / 10) / 100,
    timings,
  };
}

/** The attack with the highest upper confidence bound (ties: the first). */
function worst<T extends { ci: [number, number] }>(rs: T[]): T {
  return rs.reduce((a, b) => (b.ci[1] > a.ci[1] ? b : a));
}

/** Plain-text summary lines for terminals. */
export function verdictSummary(r: VerdictReport): string[] {
  const lines: string[] = [];
  const f = (name: string, a: { evaluated: boolean; risk: number | null; ci: [number, number] | null; attackRate: number | null; controlRate: number | null; attacks: number; reason?: string }) =>
    a.evaluated && a.attacks === 0 ? `${name.padEnd(14)} risk 0.0 %  (no attack could be formed: nothing isolates a released record)`
      : a.evaluated ? `${name.padEnd(14)} risk ${pct(a.risk!)}  [${pct(a.ci![0])}, ${pct(a.ci![1])}]  attack ${pct(a.attackRate!)}  ${a.controlRate === null ? 'no control' : `control ${pct(a.controlRate)}`}  (${a.attacks} attacks)`
      : `${name.padEnd(14)} not evaluated: ${a.reason}`;
  lines.push(f('singling out', r.attacks.singlingOut as never), f('linkability', r.attacks.linkability as never), f('inference', r.attacks.inference as never));
  if (r.linkage.evaluated) {
    const l = r.linkage;
    lines.push(`${'linkage'.padEnd(14)} ${l.reidentified} of ${l.attempted} re-identified (${pct(l.rate)}, ${l.method}; exact: ${l.exact.linked} linked${l.exact.correct !== null ? `, ${l.exact.correct} correct, ${l.exact.wrong} wrong` : ''}, ${l.exact.ambiguous} ambiguous)`);
  }
  if (r.crossRelease) lines.push(`${'cross-release'.padEnd(14)} ${r.crossRelease.linkablePersons} persons linkable (${pct(r.crossRelease.linkableShare)}); key-like: ${r.crossRelease.keyLike.map((k) => k.columns[0]).join(', ') || 'none'}`);
  return lines;
}
