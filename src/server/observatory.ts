/**
 * The observatory's data schema: which columns practices send, and what ingestion does with each.
 * - `person-key`: the patient identifier; replaced at ingestion by its keyed pseudonym (HMAC-SHA-256
 *   with the observatory key) and never stored.
 * - `identifier`: a direct identifier (name, NIR, phone…); dropped at ingestion.
 * - `quasi` / `sensitive` / `insensitive`: kept (pseudonymized data, inside the observatory only).
 * A column the schema does not declare is refused (safe default: nothing unknown gets stored).
 */
import { z } from 'zod';

export type DataRole = 'person-key' | 'identifier' | 'quasi' | 'sensitive' | 'insensitive';
export type DataKind = 'string' | 'integer' | 'decimal' | 'date' | 'boolean';

export interface SchemaColumn { role: DataRole; kind: DataKind; description?: string; hierarchy?: string }
export interface ObservatorySchema {
  columns: Record<string, SchemaColumn>;
  thresholds: { k: number; maxProsecutorRisk?: number; maxAttackRisk?: number };
}

export const schemaSchema = z.object({
  columns: z.record(z.string(), z.object({
    role: z.enum(['person-key', 'identifier', 'quasi', 'sensitive', 'insensitive']),
    kind: z.enum(['string', 'integer', 'decimal', 'date', 'boolean']).default('string'),
    description: z.string().optional(),
    hierarchy: z.string().optional(),
  })),
  thresholds: z.object({ k: z.number().int().min(2), maxProsecutorRisk: z.number().optional(), maxAttackRisk: z.number().optional() }),
});

/** The default schema, matching the demo observatory (examples/observatory). */
export const DEFAULT_SCHEMA: ObservatorySchema = {
  columns: {
    patient_id: { role: 'person-key', kind: 'string', description: 'the practice\'s patient identifier (NIR/INS or local id), pseudonymized at ingestion' },
    nir: { role: 'identifier', kind: 'string', description: 'social security number (dropped)' },
    last_name: { role: 'identifier', kind: 'string', description: 'dropped' },
    first_name: { role: 'identifier', kind: 'string', description: 'dropped' },
    name: { role: 'identifier', kind: 'string', description: 'dropped' },
    phone: { role: 'identifier', kind: 'string', description: 'dropped' },
    email: { role: 'identifier', kind: 'string', description: 'dropped' },
    address: { role: 'identifier', kind: 'string', description: 'dropped' },
    birth_date: { role: 'identifier', kind: 'date', description: 'full date of birth (dropped; the year is kept)' },
    sex: { role: 'quasi', kind: 'string', description: 'administrative sex' },
    birth_year: { role: 'quasi', kind: 'integer', description: 'year of birth' },
    age: { role: 'quasi', kind: 'integer', description: 'age at the visit' },
    postcode: { role: 'quasi', kind: 'string', description: 'postcode of residence' },
    department: { role: 'quasi', kind: 'string', description: 'département of residence' },
    visit_date: { role: 'quasi', kind: 'date', description: 'date of the consultation' },
    visit_year: { role: 'quasi', kind: 'integer', description: 'year of the consultation' },
    diagnosis: { role: 'sensitive', kind: 'string', description: 'ICD-10 code of the main diagnosis' },
    condition: { role: 'sensitive', kind: 'string', description: 'condition (code or label)' },
    drug: { role: 'sensitive', kind: 'string', description: 'ATC code of a prescription' },
    hba1c: { role: 'insensitive', kind: 'decimal', description: 'HbA1c (%)' },
    systolic_bp: { role: 'insensitive', kind: 'integer', description: 'systolic blood pressure (mmHg)' },
    bmi: { role: 'insensitive', kind: 'decimal', description: 'body-mass index' },
  },
  thresholds: { k: 5, maxProsecutorRisk: 0.2, maxAttackRisk: 0.1 },
};

export function columnsWithRole(s: ObservatorySchema, role: DataRole): string[] {
  return Object.entries(s.columns).filter(([, c]) => c.role === role).map(([n]) => n);
}
