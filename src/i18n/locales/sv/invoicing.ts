import type { invoicing as en } from "../en/invoicing";

export const invoicing: typeof en = {};
