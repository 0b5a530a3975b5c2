/** Texts of the invoicing domain. */
export const invoicing = {};
