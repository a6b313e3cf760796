/**
 * Column headers that say what a column is, shared by the policy's proposal (init) and the verdict's checks of a release.
 */

/**
 * A household's, a family's or a group's key ("ori_hid", "household_id", "hhid", "id_menage", "famille"): it links the
 * persons of one group, and through them a person to the others. Not "household_income", "family_history".
 */
export const GROUP_KEY_HEADER = /(^|[_ ])(hid|hh_?id|household_?(id|key|no|num)|id_?(menage|foyer|famille|family|household)|(menage|foyer|famille|family)_?(id|key|no|num))$|^(household|menage|foyer|famille|family)$/i;

/** A header compared by its words: accents removed, lower case, camelCase and _ - . : / ° split, '#' read as "number" ("Med Rec #" → "med rec number"). */
export function normalizeHeader(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase().replace(/#/g, ' number ').replace(/[_\-.:/°]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A header's words once normalized (normalizeHeader), a word's digits apart from its letters ("adresse2" → adresse, 2; "AcctNum" → acct, num). */
export function normalizedHeaderWords(name: string): string[] {
  return normalizeHeader(name).replace(/([a-z])(\d)/g, '$1 $2').split(' ').filter(Boolean);
}
