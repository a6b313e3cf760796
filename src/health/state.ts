/**
 * What every reader (FHIR, Synthea, OMOP) fills while ingesting: the model's table builders, counts
 * per resource type (and per type that is not mapped), validation issues (never values), warnings,
 * and the decoded notes waiting for de-identification.
 */
import type { AnonymatError, Issue } from '../errors.ts';
import { ModelBuilder } from './model.ts';

/** Validation issues kept per ingestion (the count of the rest is reported). */
export const MAX_ISSUES = 200;

export class IngestState {
  readonly model = new ModelBuilder();
  /** Progress of long reads (files of a folder read, files in all, the folder): a progress bar's feed, never data. */
  progress?: (done: number, total: number, step?: string) => void;
  /** Count of every resource / record read, per type (FHIR resourceType, `synthea:<file>`, `omop:<table>`). */
  readonly resources = new Map<string, number>();
  /** Count of resources / records read but not mapped to a table, per type. */
  readonly unmapped = new Map<string, number>();
  /** Resources of mapped types that could not be placed (e.g. an Observation without a subject), per reason. */
  readonly skipped = new Map<string, number>();
  readonly issues: Issue[] = [];
  issueCount = 0;
  readonly warnings: string[] = [];
  /** Inputs read, in order, with the reader that took them. */
  readonly sources: { name: string; format: string }[] = [];
  /** Files of a folder skipped as no FHIR resource (named in a warning: hidden from the summary as the sources are). */
  readonly skippedFiles: string[] = [];
  /** person ids seen in person rows (to find duplicates). */
  readonly personIds = new Set<string>();
  /** Person ids merged into another's (FHIR Patient.link replaced-by / replaces): the id that stays, by the id replaced. */
  readonly personAliases = new Map<string, string>();
  /** FHIR resources read in Bundles, by `Type/id` (and the id an event's patient reference resolves to): a digest of their content (a resource read again is skipped when the same). */
  readonly fhirSeen = new Map<string, string>();
  /** The patient (the id its reference resolves to) of the first event read under each `Type/id` in Bundles (ids that collide between sources are said). */
  readonly fhirSubjects = new Map<string, string>();
  /** The day of reference (--reference-date), against which an address's period has ended; today's without. */
  referenceDate: string | undefined;
  duplicatePersons = 0;

  /**
   * What happens to note text: 'redacted' (through `redact`), 'kept' (redaction disabled explicitly:
   * reported as unsafe), 'dropped' (no redactor available: the text column is left empty).
   */
  noteMode: 'redacted' | 'kept' | 'dropped' = 'dropped';
  redact: ((text: string, personId: string | null, names?: readonly string[]) => { text: string; spans: { label: string }[] }) | null = null;
  readonly notes = { rows: 0, withText: 0, spans: new Map<string, number>() };
  /** Notes waiting for the end of the reading, when their person's names are all known (flushNotes). */
  private pendingNotes: { row: Record<string, string | number | null | undefined>; text: string | null }[] = [];
  /** The name strings of each person's record (given, family, maiden), by person id: read into their notes' de-identification. */
  private readonly personNames = new Map<string, string[]>();

  /** Adds a notes row; its text is de-identified at flushNotes, once every person (and their names) is read. */
  addNote(row: Record<string, string | number | null | undefined>, text: string | null): void {
    this.notes.rows++;
    this.pendingNotes.push({ row, text });
  }

  /**
   * Writes the notes added so far, in their order: each text through the redactor with the names of its person's record
   * (a patient's given name alone, "Maribelle va bien", is found though no rule sees a name there), or kept or dropped
   * per noteMode.
   */
  flushNotes(aliasOf?: (id: string) => string): void {
    const namesOf = this.recordNames(aliasOf);
    for (const { row, text } of this.pendingNotes) {
      let out: string | null = null;
      if (text !== null && text !== '') {
        this.notes.withText++;
        if (this.noteMode === 'kept') out = text;
        else if (this.noteMode === 'redacted' && this.redact) {
          const person = (row.person_id as string | null) ?? null;
          const res = this.redact(text, person, person === null ? undefined : namesOf(person));
          out = res.text;
          for (const s of res.spans) this.notes.spans.set(s.label, (this.notes.spans.get(s.label) ?? 0) + 1);
        }
      }
      this.model.tables.notes.add({ ...row, text: out });
    }
    this.pendingNotes = [];
  }

  /**
   * The record names of a person id (given, family, maiden, other names of the record), once every input is read: with
   * records merged by their links, the names of every record of the group, so that a text of the person is read with all
   * of them. For the notes and the free-text observation answers alike.
   */
  recordNames(aliasOf?: (id: string) => string): (id: string) => readonly string[] | undefined {
    if (!aliasOf) return (id) => this.personNames.get(id);
    const groupNames = new Map<string, string[]>();
    for (const [id, names] of this.personNames) { const root = aliasOf(id); groupNames.set(root, unionNames(groupNames.get(root), names)); }
    return (id) => groupNames.get(aliasOf(id));
  }

  count(type: string, n = 1): void { this.resources.set(type, (this.resources.get(type) ?? 0) + n); }
  countUnmapped(type: string, n = 1): void { this.unmapped.set(type, (this.unmapped.get(type) ?? 0) + n); }
  skip(reason: string): void { this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + 1); }
  issue(path: string, message: string): void {
    this.issueCount++;
    if (this.issues.length < MAX_ISSUES) this.issues.push({ path, message });
  }
  /**
   * An error that stops reading one input — a file that is not UTF-8, with its line and column — recorded as one problem
   * among the others, so that the other inputs are still checked and every problem is listed at the end.
   */
  issueFrom(e: AnonymatError, label: string): void {
    const where = e.issues[0]?.path ?? label;
    this.issue(where, `${e.message.startsWith(`${where}: `) ? e.message.slice(where.length + 2) : e.message}; ${e.issues[0]?.message ?? ''}`);
  }
  warn(message: string): void { if (!this.warnings.includes(message)) this.warnings.push(message); }

  /** More names of a person's record (a FHIR Patient's other names: usual, nickname, old), read into their notes' de-identification. */
  addPersonNames(id: string, names: readonly string[]): void {
    this.personNames.set(id, unionNames(this.personNames.get(id), names));
  }

  /** Adds a person row unless the id was already seen (first occurrence wins; counted). */
  addPerson(row: Record<string, string | number | null | undefined>): boolean {
    const id = row.person_id as string;
    if (this.personIds.has(id)) { this.duplicatePersons++; return false; }
    this.personIds.add(id);
    const names = [row.name_given, row.name_family, row.maiden_name].filter((n): n is string => typeof n === 'string' && n !== '');
    if (names.length) this.personNames.set(id, names);
    this.model.tables.person.add(row);
    return true;
  }
}

/** The names of `have` and the new ones of `more` (empty ones left out), in their order. */
function unionNames(have: readonly string[] | undefined, more: readonly string[]): string[] {
  const out = [...(have ?? [])];
  for (const n of more) if (n !== '' && !out.includes(n)) out.push(n);
  return out;
}

/** Sorted plain object from a count map (stable JSON output). */
export function sortedCounts(m: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}
