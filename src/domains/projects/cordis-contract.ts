import { z } from "@hono/zod-openapi";
import { Phase } from "./contract";

/**
 * The CORDIS import's report (`POST /api/v1/projects/import`, decision 021): what was (or, in a dry
 * run, would be) created, updated and left unchanged; every problem by file, row and column, in the
 * caller's language; and the organisations matched to the directory, certainly or not.
 */

const File = z.enum(["projects", "participants"]);

export const CordisImportError = z
  .object({
    file: File,
    row: z.number().int().openapi({ description: "The file's line (the header is line 1)" }),
    field: z.string().nullable().openapi({ description: "The column, as the file names it" }),
    message: z.string(),
  })
  .openapi("CordisImportError");

export const CordisLead = z
  .object({
    kind: z.enum(["organisation", "external"]),
    organisationId: z.uuid().nullable(),
    name: z.string(),
    country: z.string(),
    /**
     * certain: matched to the directory; uncertain: similar organisations exist, imported as an outside
     * partner until someone decides; none: not in the directory; decided: as the caller's decision says.
     */
    match: z.enum(["certain", "uncertain", "none", "decided"]),
  })
  .openapi("CordisLead");

export const CordisImportedProject = z
  .object({
    row: z.number().int(),
    acronym: z.string(),
    cordisUrl: z.string(),
    action: z.enum(["create", "update", "unchanged"]),
    /** The project in Ponte (null for one a dry run would create). */
    projectId: z.uuid().nullable(),
    /** The fields an update changes (`lead` when the lead applicant changes). */
    changes: z.array(z.string()),
    phase: Phase,
    lead: CordisLead.nullable(),
  })
  .openapi("CordisImportedProject");

export const CordisMatched = z
  .object({
    file: File,
    row: z.number().int(),
    name: z.string(),
    country: z.string(),
    organisationId: z.uuid(),
    organisationName: z.string(),
  })
  .openapi("CordisMatched");

export const CordisUncertain = z
  .object({
    file: File,
    row: z.number().int(),
    name: z.string(),
    country: z.string(),
    city: z.string().nullable(),
    candidates: z.array(z.object({ organisationId: z.uuid(), name: z.string(), city: z.string().nullable() })),
  })
  .openapi("CordisUncertain");

export const CordisImportReport = z
  .object({
    dryRun: z.boolean(),
    applied: z.boolean(),
    /** Data rows of projects.csv. */
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    projects: z.array(CordisImportedProject),
    /** The participants file's organisations by how they match the directory (null without the file). */
    participants: z
      .object({
        rows: z.number().int(),
        certain: z.number().int(),
        uncertain: z.number().int(),
        none: z.number().int(),
      })
      .nullable(),
    /** Organisations of either file found in the directory. */
    matched: z.array(CordisMatched),
    /** Organisations with similar ones in the directory: a person decides (see `decisions`). */
    uncertain: z.array(CordisUncertain),
    errors: z.array(CordisImportError),
  })
  .openapi("CordisImportReport");
export type CordisImportReport = z.infer<typeof CordisImportReport>;

/**
 * The review step's decisions: for a row of projects.csv, the directory organisation that is its
 * coordinator, or `external` (not in the directory).
 */
export const CordisDecisions = z
  .record(z.string().regex(/^\d+$/, "field.notInteger"), z.union([z.uuid(), z.literal("external")]))
  .openapi("CordisDecisions", { example: { "12": "0190f2c4-8c1e-7d4a-9b1e-2f0c6a1d3e5f", "15": "external" } });
export type CordisDecisions = z.infer<typeof CordisDecisions>;
