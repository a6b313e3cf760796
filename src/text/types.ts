/** Span labels produced by the recognizers (canonical, language-independent). */
export type TextLabel =
  | 'NAME' | 'DATE' | 'BIRTHDATE' | 'PHONE' | 'EMAIL' | 'NIR' | 'ADDRESS' | 'ZIP' | 'CITY'
  | 'IPP' | 'NDA' | 'MRN' | 'RPPS' | 'ID' | 'AGE' | 'URL' | 'IP' | 'IBAN' | 'SSN' | 'HOSPITAL';

export interface Span {
  start: number;
  /** Exclusive end (UTF-16 offsets into the input string). */
  end: number;
  label: TextLabel;
  /** 0..1; check-key-valid identifiers score 1. */
  score: number;
  /** Which rule found it (for debugging and the evaluation report). */
  rule: string;
}

export type Lang = 'fr' | 'en';

/** Tag text per language for the `tag` replacement. */
export const TAGS: Record<Lang, Record<TextLabel, string>> = {
  fr: {
    NAME: 'NOM', DATE: 'DATE', BIRTHDATE: 'DATE_NAISSANCE', PHONE: 'TEL', EMAIL: 'MAIL', NIR: 'NIR', ADDRESS: 'ADRESSE',
    ZIP: 'CODE_POSTAL', CITY: 'VILLE', IPP: 'IPP', NDA: 'NDA', MRN: 'IPP', RPPS: 'RPPS', ID: 'IDENTIFIANT', AGE: 'AGE',
    URL: 'URL', IP: 'IP', IBAN: 'IBAN', SSN: 'SSN', HOSPITAL: 'HOPITAL',
  },
  en: {
    NAME: 'NAME', DATE: 'DATE', BIRTHDATE: 'BIRTHDATE', PHONE: 'PHONE', EMAIL: 'EMAIL', NIR: 'NIR', ADDRESS: 'ADDRESS',
    ZIP: 'ZIP', CITY: 'CITY', IPP: 'MRN', NDA: 'VISIT_ID', MRN: 'MRN', RPPS: 'RPPS', ID: 'ID', AGE: 'AGE',
    URL: 'URL', IP: 'IP', IBAN: 'IBAN', SSN: 'SSN', HOSPITAL: 'HOSPITAL',
  },
};

/**
 * Overlap priority (higher wins). Validated structured identifiers first, then numbers with a
 * format, then context-based spans, names last (a name inside an address or a hospital name is
 * part of that address or hospital).
 */
export const PRIORITY: Record<TextLabel, number> = {
  EMAIL: 100, URL: 95, IBAN: 90, IP: 88, NIR: 85, SSN: 84, PHONE: 80, RPPS: 78, IPP: 76, NDA: 76, MRN: 76,
  BIRTHDATE: 72, DATE: 70, ID: 60, ADDRESS: 55, ZIP: 50, HOSPITAL: 45, CITY: 40, AGE: 35, NAME: 30,
};
