/** Governance's background jobs (registered in src/jobs/handlers.ts). */
import type { JobDefinition } from "~/jobs/queue";
import { governanceToday } from "./mandates";
import { sendTermWarnings } from "./term-warnings";

export const governanceJobs: readonly JobDefinition[] = [
  {
    // Every morning: the secretariat hears of terms ending within `governance.termWarningDays`.
    name: "governance.term-warnings",
    // 06:15 UTC, after midnight in Rome and after the membership and invoicing daily jobs.
    cron: "15 6 * * *",
    expireInSeconds: 15 * 60,
    handle: async (database) => {
      await sendTermWarnings(database.db, governanceToday());
    },
  },
];
