import type { fees as en } from "../en/fees";

export const fees: typeof en = {};
