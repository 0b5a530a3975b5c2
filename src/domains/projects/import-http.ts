/**
 * `POST /api/v1/projects/import`: funded projects from CORDIS exports (./cordis-import.ts,
 * decision 021). Parse (the files, the decisions) → one service call (which authorizes) → the report.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "~/errors/app-error";
import type { AppEnv } from "~/http/context";
import { pickErrors } from "~/http/openapi";
import { CordisDecisions, CordisImportReport } from "./cordis-contract";
import { canImportProjects, importCordis } from "./cordis-import";
import { authorize } from "./policy";

/** CORDIS exports of tens of thousands of projects and organisations stay well under this. */
export const CORDIS_BODY_LIMIT = 50 * 1024 * 1024;

const importLimit = bodyLimit({
  maxSize: CORDIS_BODY_LIMIT,
  onError: () => {
    throw new AppError("payload_too_large", "errors:payload_too_large", {}, { limit: "50 MB" });
  },
});

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });

/** The multipart body, documented as an OpenAPI schema (read by the handler, which names every field). */
const multipartSchema = {
  type: "object" as const,
  properties: {
    projects: { type: "string" as const, format: "binary", description: "projects.csv as CORDIS exports it" },
    participants: {
      type: "string" as const,
      format: "binary",
      description: "participants.csv (optional): the organisations, matched to the directory and reported",
    },
    decisions: {
      type: "string" as const,
      description:
        'JSON (optional), the review step: `{"<row of projects.csv>": "<organisation id>" | "external"}` for the coordinators listed as uncertain (or any other)',
      example: '{"12": "0190f2c4-8c1e-7d4a-9b1e-2f0c6a1d3e5f", "15": "external"}',
    },
  },
  required: ["projects"],
};

const importRoute = createRoute({
  method: "post",
  path: "/projects/import",
  tags: ["projects"],
  summary: "Import funded projects from CORDIS exports (secretariat)",
  description: [
    "The files in CORDIS's own column layout, UTF-8 (BOM optional), `,`-separated with quotes: `projects` (ACRONYM, TITLE, Project id, Project Start Date, Project End Date, Total budget (euro), EU financial contribution (euro), Funding programme, TOPIC_CODE, coordinator, website; other columns are ignored) and, optionally, `participants` (Legal Name, Participant Identification Code, Participant Type, Country/Territory, CITY). Send them as `multipart/form-data`, or the projects file alone as a `text/csv` body.",
    "",
    "Each project is created in implementation (closure once its end date has passed), funding approved, the EU contribution as the grant awarded, the coordinator as lead applicant. A project already imported (the same CORDIS number) is updated when the file changes it, never duplicated. The coordinator and the participants are matched to the directory: certain matches are taken, uncertain ones are listed under `uncertain` and imported as outside organisations unless `decisions` says otherwise. The participants file is not linked to projects row by row: its organisations are matched and reported, not added as partners.",
    "",
    "`dryRun=true` (the default) reports what would happen and writes nothing; `dryRun=false` imports every row or, if any row has a problem, none (422 with the report naming each file, row and column).",
  ].join("\n"),
  middleware: [importLimit] as const,
  request: {
    query: z.object({
      dryRun: z
        .enum(["true", "false"])
        .default("true")
        .transform((v) => v === "true"),
    }),
    body: {
      required: true,
      content: {
        "multipart/form-data": { schema: multipartSchema },
        "text/csv": { schema: z.string().openapi({ description: "projects.csv" }) },
      },
    },
  },
  responses: {
    200: { description: "The report (a dry run, or the import was applied)", content: json(CordisImportReport) },
    422: {
      description: "Problems found: nothing was imported (the report), or a missing or unreadable part (an error)",
      content: json(z.union([CordisImportReport, z.object({ error: z.object({ code: z.string() }) })])),
    },
    ...pickErrors(401, 403, 413, 415),
  },
});

const fileBytes = async (value: FormDataEntryValue | null): Promise<Uint8Array | null> => {
  if (value === null) return null;
  if (typeof value === "string") return value.trim() === "" ? null : new TextEncoder().encode(value);
  return value.size === 0 ? null : new Uint8Array(await value.arrayBuffer());
};

/** The decisions field: JSON of row → organisation id or "external". */
function parseDecisions(value: FormDataEntryValue | null): CordisDecisions | undefined {
  if (value === null || (typeof value === "string" && value.trim() === "")) return undefined;
  let raw: unknown;
  try {
    raw = typeof value === "string" ? JSON.parse(value) : undefined;
  } catch {
    raw = undefined;
  }
  const parsed = CordisDecisions.safeParse(raw);
  if (!parsed.success) {
    throw new AppError("validation", "errors:validation", { decisions: { key: "projects:import.errors.decisions" } });
  }
  return parsed.data;
}

export function registerProjectsImportApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(importRoute, async (c) => {
    const { database, actor, language } = c.get("ctx");
    const { dryRun } = c.req.valid("query");
    // A caller who may not import is told so before the files are read.
    authorize(actor, canImportProjects(actor));
    const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    let projectsCsv: Uint8Array | null;
    let participantsCsv: Uint8Array | null = null;
    let decisions: CordisDecisions | undefined;
    if (type === "text/csv") {
      projectsCsv = new Uint8Array(await c.req.arrayBuffer());
    } else if (type === "multipart/form-data") {
      let form: FormData;
      try {
        form = await c.req.formData();
      } catch {
        throw new AppError("bad_request");
      }
      projectsCsv = await fileBytes(form.get("projects"));
      participantsCsv = await fileBytes(form.get("participants"));
      decisions = parseDecisions(form.get("decisions"));
    } else throw new AppError("unsupported_media_type");
    if (!projectsCsv || projectsCsv.length === 0) {
      throw new AppError("validation", "errors:validation", { projects: { key: "errors:field.required" } });
    }
    const report = await importCordis(
      database.db,
      actor,
      { projectsCsv, participantsCsv },
      { dryRun, language, ...(decisions ? { decisions } : {}) },
    );
    return c.json(report, report.errors.length > 0 && !dryRun ? 422 : 200);
  });
}
