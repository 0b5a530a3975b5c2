/** Texts of the fees domain. */
export const fees = {};
