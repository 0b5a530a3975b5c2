import type { membership as en } from "../en/membership";

export const membership: typeof en = {};
