/** Every domain's background jobs (like src/http/api.ts for the API). */
import { governanceJobs } from "~/domains/governance/jobs";
import { invoicingJobs } from "~/domains/invoicing/jobs";
import { membershipChangesJobs } from "~/domains/membership/changes";
import type { JobDefinition } from "./queue";

export const jobDefinitions: readonly JobDefinition[] = [...invoicingJobs, ...membershipChangesJobs, ...governanceJobs];
