import { accounts } from "./accounts";
import { admin } from "./admin";
import { calendar } from "./calendar";
import { common } from "./common";
import { errors } from "./errors";
import { fees } from "./fees";
import { governance } from "./governance";
import { invoicing } from "./invoicing";
import { meetings } from "./meetings";
import { membership } from "./membership";
import { membershipChanges } from "./membership-changes";
import { minutes } from "./minutes";
import { organisations } from "./organisations";
import { projects } from "./projects";
import { votes } from "./votes";

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
  governance,
  meetings,
  votes,
  minutes,
  calendar,
  projects,
};
