/**
 * The observatory's data schema: which columns practices send, and what ingestion does with each.
 * - `person-key`: the patient identifier; replaced at ingestion by its keyed pseudonym (HMAC-SHA-256
 *   with the observatory key) and never stored.
 * - `identifier`: a direct identifier (name, NIR, phone…); dropped at ingestion.
 * - `quasi` / `sensitive` / `insensitive`: kept (pseudonymized data, inside the observatory only).
 * A column the schema does not declare is refused (safe default: nothing unknown gets stored).
 */
import * as z from 'zod';

export type DataRole = 'person-key' | 'identifier' | 'quasi' | 'sensitive' | 'insensitive';
export type DataKind = 'string' | 'integer' | 'decimal' | 'date' | 'boolean';

/** `hierarchy`: an ARX hierarchy file or a builder spec of src/hierarchy (docs/hierarchies.md). */
export interface SchemaColumn { role: DataRole; kind: DataKind; description?: string; hierarchy?: string | Record<string, unknown> }
export interface ObservatorySchema {
  columns: Record<string, SchemaColumn>;
  thresholds: { k: number; maxProsecutorRisk?: number; maxAttackRisk?: number };
  /** Share of records anonymization may suppress (default 0.05). */
  suppressionLimit?: number;
}

export const schemaSchema = z.object({
  columns: z.record(z.string(), z.object({
    role: z.enum(['person-key', 'identifier', 'quasi', 'sensitive', 'insensitive']),
    kind: z.enum(['string', 'integer', 'decimal', 'date', 'boolean']).default('string'),
    description: z.string().optional(),
    hierarchy: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  })),
  thresholds: z.object({ k: z.number().int().min(2), maxProsecutorRisk: z.number().optional(), maxAttackRisk: z.number().optional() }),
  suppressionLimit: z.number().min(0).max(1).optional(),
});

/** The default schema, matching the demo observatory (examples/observatory). */
export const DEFAULT_SCHEMA: ObservatorySchema = {
  columns: {
    patient_id: { role: 'person-key', kind: 'string', description: 'the practice\'s patient identifier (NIR/INS or local id), replaced by a keyed pseudonym' },
    nir: { role: 'identifier', kind: 'string', description: 'social security number' },
    ins: { role: 'identifier', kind: 'string', description: 'national health identifier' },
    last_name: { role: 'identifier', kind: 'string', description: 'surname' },
    first_name: { role: 'identifier', kind: 'string', description: 'first name' },
    name: { role: 'identifier', kind: 'string', description: 'name' },
    phone: { role: 'identifier', kind: 'string', description: 'telephone number' },
    email: { role: 'identifier', kind: 'string', description: 'e-mail address' },
    address: { role: 'identifier', kind: 'string', description: 'street address' },
    practice_id: { role: 'identifier', kind: 'string', description: 'practice identifier in the file (the observatory knows the sending practice from its account)' },
    birth_date: { role: 'quasi', kind: 'date', description: 'date of birth', hierarchy: { dates: { levels: ['month', 'year', '5years', 'decade'] } } },
    birth_year: { role: 'quasi', kind: 'integer', description: 'year of birth', hierarchy: { intervals: { width: [5, 10, 20, 40] } } },
    age: { role: 'quasi', kind: 'integer', description: 'age at the extract', hierarchy: { intervals: { width: [5, 10, 20, 40] } } },
    sex: { role: 'quasi', kind: 'string', description: 'administrative sex' },
    postal_code: { role: 'quasi', kind: 'string', description: 'postal code of residence', hierarchy: { prefix: { lengths: [3, 2, 1] } } },
    department: { role: 'quasi', kind: 'string', description: 'département of residence', hierarchy: { prefix: { lengths: [1] } } },
    departement: { role: 'quasi', kind: 'string', description: 'département of residence (FHIR uploads: derived from the postal code)', hierarchy: { prefix: { lengths: [1] } } },
    zip3: { role: 'quasi', kind: 'string', description: 'first 3 digits of a US ZIP code' },
    pcs: { role: 'quasi', kind: 'string', description: 'socio-professional category', hierarchy: { prefix: { lengths: [1] } } },
    visit_date: { role: 'quasi', kind: 'date', description: 'date of the consultation', hierarchy: { dates: { levels: ['month', 'quarter', 'year'] } } },
    main_diagnosis: { role: 'sensitive', kind: 'string', description: 'main chronic condition (ICD-10 category)' },
    diagnoses: { role: 'sensitive', kind: 'string', description: 'chronic conditions (ICD-10 categories)' },
    diagnosis: { role: 'sensitive', kind: 'string', description: 'diagnosis of the consultation (ICD-10)' },
    condition: { role: 'sensitive', kind: 'string', description: 'condition (code)' },
    n_visits: { role: 'insensitive', kind: 'integer', description: 'number of encounters in the upload' },
    deceased: { role: 'insensitive', kind: 'boolean', description: 'deceased flag' },
    height_cm: { role: 'insensitive', kind: 'integer', description: 'height (cm)' },
    weight_kg: { role: 'insensitive', kind: 'decimal', description: 'weight (kg)' },
    prescriptions_last_year: { role: 'insensitive', kind: 'integer', description: 'number of prescriptions in the last year' },
  },
  thresholds: { k: 5, maxProsecutorRisk: 0.2, maxAttackRisk: 0.1 },
  suppressionLimit: 0.05,
};

export function columnsWithRole(s: ObservatorySchema, role: DataRole): string[] {
  return Object.entries(s.columns).filter(([, c]) => c.role === role).map(([n]) => n);
}
