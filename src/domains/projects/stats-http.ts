/**
 * The network's figures over HTTP: `GET /api/v1/stats/projects`, public (no sign-in), as JSON or
 * CSV (`?format=csv` or `Accept: text/csv`). Registered by src/http/api.ts. Definitions: ./stats.ts.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { accepts } from "hono/accepts";
import type { AppEnv } from "~/http/context";
import { download } from "~/http/download";
import { pickErrors } from "~/http/openapi";
import { type FigureColumn, figureColumns, figuresCsv, projectFigureGroups, projectFigures } from "./stats";
import { ProjectFigureGroups, ProjectFigures, ProjectFiguresQuery } from "./stats-contract";

const CSV = "text/csv";

const figuresRoute = createRoute({
  method: "get",
  path: "/stats/projects",
  tags: ["projects"],
  security: [],
  summary: "The network's project figures, overall or per group (public)",
  description: [
    "Computed from the projects, never typed in. A submission counts as **submitted** once it has a funding status (it reached financing); a resubmitted idea counts once per submission. **approved** and **rejected** by funding status (the reserve list is not decided); **grantRate** = approved / (approved + rejected), rounded to 4 decimals, null when nothing is decided; **participants**: of the approved projects, the actual number, else the planned one; **euGrantAwardedCents**: grants awarded to approved projects of EU-level programmes, in euro cents. Internal projects count.",
    "",
    'Without `groupBy` the answer is the figures; with it, `{"groups": [{"key", "label", …the same fields}]}`. `year`: year submitted (else the call\'s deadline); `programme`: programme code; `priority`: each priority of a project (a project counts under each); `country`: the lead applicant\'s country, `network` when the network leads; `member`: every current member organisation taking part as lead or partner (key: its id). A null key gathers the submissions without one (no year, programme, priority or lead).',
    "",
    "With `format=csv` or `Accept: text/csv`: the groups (or one row for all submissions) as CSV, UTF-8 with BOM, a header row in the request's language.",
  ].join("\n"),
  request: { query: ProjectFiguresQuery },
  responses: {
    200: {
      description: "The figures",
      content: {
        "application/json": { schema: z.union([ProjectFigures, ProjectFigureGroups]) },
        [CSV]: { schema: z.string() },
      },
    },
    ...pickErrors(422),
  },
});

export function registerProjectStatsApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(figuresRoute, async (c) => {
    const { database, language, t } = c.get("ctx");
    const { groupBy, format, ...filters } = c.req.valid("query");
    const csv =
      format === "csv" ||
      (format === undefined &&
        accepts(c, { header: "Accept", supports: ["application/json", CSV], default: "application/json" }) === CSV);
    if (format === undefined) c.header("Vary", "Accept");

    const figures = groupBy
      ? await projectFigureGroups(database.db, groupBy, filters, language)
      : await projectFigures(database.db, filters);
    if (!csv) return c.json(figures, 200);

    const rows =
      "groups" in figures
        ? figures.groups.map((g) => (g.key === null ? { ...g, label: t("projects:stats.notGiven") } : g))
        : [{ key: null, label: t("projects:stats.all"), ...figures }];
    const headers = Object.fromEntries(
      figureColumns.map((column) => [column, t(`projects:stats.columns.${column}`)]),
    ) as Record<FigureColumn, string>;
    const name = ["project-figures", groupBy, filters.programme, filters.year].filter(Boolean).join("-");
    return download(c, {
      body: figuresCsv(rows, headers),
      contentType: "text/csv; charset=utf-8",
      filename: `${name}.csv`,
    });
  });
}
