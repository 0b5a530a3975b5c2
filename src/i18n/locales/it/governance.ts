import type { governance as en } from "../en/governance";

export const governance: typeof en = {
  title: "Governance",
};
