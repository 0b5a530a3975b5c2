/** Texts of the membership domain. */
export const membership = {};
