import type { Config } from "~/config/env";
import { prepareDatabase } from "~/server/prepare";

export type Command = {
  name: string[];
  usage: string;
  summary: string;
  run: (args: string[], cfg: Config) => Promise<number>;
};

const migrateCommand: Command = {
  name: ["migrate"],
  usage: "migrate",
  summary: "Apply pending database migrations (and seed the network's configuration).",
  run: async (_args, cfg) => {
    const database = await prepareDatabase(cfg, "ponte migrate");
    await database.close();
    console.log("Database is up to date.");
    return 0;
  },
};

export const commands: Command[] = [migrateCommand];
