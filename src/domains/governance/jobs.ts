/** Governance's background jobs (registered in src/jobs/handlers.ts). */
import type { JobDefinition } from "~/jobs/queue";

export const governanceJobs: readonly JobDefinition[] = [];
