/**
 * The network's figures (decision 020): the query of `GET /api/v1/stats/projects` and its
 * answers, overall or per group. The definitions are in ./stats.ts.
 */
import { z } from "@hono/zod-openapi";

export const figureDimensions = ["year", "programme", "priority", "country", "member"] as const;
export type FigureDimension = (typeof figureDimensions)[number];

export const figureFormats = ["json", "csv"] as const;

export const ProjectFiguresQuery = z
  .object({
    groupBy: z.enum(figureDimensions).optional().openapi({
      description:
        "Figures per group: year of submission, funding programme, thematic priority (a project counts under each of its priorities), country of the lead applicant (`network` when the network leads), or member organisation taking part (lead or partner).",
    }),
    year: z.coerce.number().int().min(1900).max(2100).optional().openapi({
      description: "Only submissions of this year (submitted on, else the call's deadline)",
      example: 2019,
    }),
    programme: z
      .string()
      .regex(/^[a-z0-9_]{1,60}$/)
      .optional()
      .openapi({ description: "Only submissions to this funding programme (its code)", example: "erasmus_plus" }),
    format: z.enum(figureFormats).optional().openapi({
      description: "`csv`: the groups (or the overall row) as CSV, as with `Accept: text/csv`",
    }),
  })
  .openapi("ProjectFiguresQuery");
export type ProjectFiguresQuery = z.infer<typeof ProjectFiguresQuery>;

const figureFields = {
  submitted: z.number().int().openapi({ description: "Submissions that reached financing (have a funding status)" }),
  approved: z.number().int().openapi({ description: "Submissions whose funding was approved" }),
  rejected: z.number().int().openapi({ description: "Submissions whose funding was refused" }),
  grantRate: z.number().nullable().openapi({
    description: "approved / (approved + rejected), rounded to 4 decimals; null when nothing is decided",
    example: 0.7303,
  }),
  participants: z.number().int().openapi({
    description: "Participants of the approved projects: the actual number, else the planned one",
  }),
  euGrantAwardedCents: z.number().int().openapi({
    description: "EU grants awarded to the approved projects of EU-level programmes, in euro cents",
  }),
};

export const ProjectFigures = z.object(figureFields).openapi("ProjectFigures");
export type ProjectFigures = z.infer<typeof ProjectFigures>;

export const ProjectFigureGroup = z
  .object({
    key: z.string().nullable().openapi({
      description:
        "The year, programme code, priority code, country code (`network` for the network) or member organisation's id; null for submissions without one (no year, no programme, no priority, no lead applicant)",
      example: "2019",
    }),
    label: z.string().nullable().openapi({
      description: "The group's name in the request's language (programme, priority, country, organisation)",
      example: "2019",
    }),
    ...figureFields,
  })
  .openapi("ProjectFigureGroup");
export type ProjectFigureGroup = z.infer<typeof ProjectFigureGroup>;

export const ProjectFigureGroups = z.object({ groups: z.array(ProjectFigureGroup) }).openapi("ProjectFigureGroups");
export type ProjectFigureGroups = z.infer<typeof ProjectFigureGroups>;
