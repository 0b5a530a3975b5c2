import { accounts } from "./accounts";
import { admin } from "./admin";
import { common } from "./common";
import { errors } from "./errors";
import { organisations } from "./organisations";

export const catalog = { common, errors, accounts, organisations, admin };
