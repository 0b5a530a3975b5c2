import type { accounts as en } from "../en/accounts";

export const accounts: typeof en = {
  title: "accounts",
};
