import { accounts } from "./accounts";
import { admin } from "./admin";
import { common } from "./common";
import { errors } from "./errors";
import { fees } from "./fees";
import { invoicing } from "./invoicing";
import { membership } from "./membership";
import { membershipChanges } from "./membership-changes";
import { organisations } from "./organisations";

export const catalog = {
  common,
  errors,
  accounts,
  organisations,
  admin,
  membership,
  membershipChanges,
  fees,
  invoicing,
};
