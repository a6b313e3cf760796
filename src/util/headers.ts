/**
 * Column headers that say what a column is, shared by the policy's proposal (init) and the verdict's checks of a release.
 */

/**
 * A household's, a family's or a group's key ("ori_hid", "household_id", "hhid", "id_menage", "famille"): it links the
 * persons of one group, and through them a person to the others. Not "household_income", "family_history".
 */
export const GROUP_KEY_HEADER = /(^|[_ ])(hid|hh_?id|household_?(id|key|no|num)|id_?(menage|foyer|famille|family|household)|(menage|foyer|famille|family)_?(id|key|no|num))$|^(household|menage|foyer|famille|family)$/i;
