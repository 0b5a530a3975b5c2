/**
 * Vote weights. The General Assembly votes one per member organisation by default; the setting
 * `governance.voteWeighting` may weigh each organisation by its inhabitants in bands:
 *
 *   { "rule": "inhabitants", "bands": [{ "upTo": 5000, "weight": 1 }, { "upTo": 50000, "weight": 2 }, { "weight": 3 }] }
 *
 * A band covers inhabitants up to and including `upTo`; the last band has no `upTo` and takes
 * everyone larger. An organisation without a figure for its inhabitants falls in the first band.
 * A setting that is not exactly this shape (bands out of order, a weight below 1, no open last
 * band) is not guessed at: the votes are equal and the vote's page says so to the secretariat.
 * Other bodies always vote one per person. A weight is taken when the ballot is cast and stored
 * with it, so a later change of the setting or of a population figure changes no ballot.
 *
 * The rules are pure functions; `loadWeighting` and `inhabitantsOf` read the database.
 */
import { z } from "@hono/zod-openapi";
import { inArray } from "drizzle-orm";
import { recordAudit } from "~/audit/audit";
import type { Actor } from "~/auth/actor";
import { authorize } from "~/auth/authorize";
import type { DbOrTx } from "~/db/client";
import { organisations } from "~/domains/organisations/schema";
import { readSetting, writeSetting } from "~/domains/reference/settings";
import { AppError } from "~/errors/app-error";
import { canManageGovernance } from "./policy";

export const VOTE_WEIGHTING_SETTING = "governance.voteWeighting";

export type WeightBand = { upTo: number | null; weight: number };

export type WeightingRule = { rule: "equal" } | { rule: "inhabitants"; bands: WeightBand[] };

/** The rule in force and whether the stored setting was usable (`invalid`: it was not, votes are equal). */
export type Weighting = { rule: WeightingRule; invalid: boolean };

const Band = z
  .object({ upTo: z.number().int().positive().optional(), weight: z.number().int().min(1).max(1000) })
  .strict();

const Setting = z.discriminatedUnion("rule", [
  z.object({ rule: z.literal("equal") }).strict(),
  z
    .object({ rule: z.literal("inhabitants"), bands: z.array(Band).min(1).max(20) })
    .strict()
    .refine(
      ({ bands }) => bands.every((b, i) => (i === bands.length - 1 ? b.upTo === undefined : b.upTo !== undefined)),
      {
        message: "only the last band is open-ended, and it must be",
      },
    )
    .refine(({ bands }) => bands.every((b, i) => i === 0 || (b.upTo ?? Infinity) > (bands[i - 1]?.upTo ?? 0)), {
      message: "bands in increasing order",
    }),
]);

/** Reads the setting's value: a missing setting is the default (equal); a bad one is equal and `invalid`. */
export function parseWeighting(value: unknown): Weighting {
  if (value === undefined || value === null) return { rule: { rule: "equal" }, invalid: false };
  const parsed = Setting.safeParse(value);
  if (!parsed.success) return { rule: { rule: "equal" }, invalid: true };
  if (parsed.data.rule === "equal") return { rule: { rule: "equal" }, invalid: false };
  return {
    rule: { rule: "inhabitants", bands: parsed.data.bands.map((b) => ({ upTo: b.upTo ?? null, weight: b.weight })) },
    invalid: false,
  };
}

/** The weight of an organisation with `inhabitants` (null: unknown → the first band). */
export function weightFor(rule: WeightingRule, inhabitants: number | null | undefined): number {
  if (rule.rule === "equal") return 1;
  const first = rule.bands[0];
  if (!first) return 1;
  if (inhabitants === null || inhabitants === undefined) return first.weight;
  for (const band of rule.bands) if (band.upTo === null || inhabitants <= band.upTo) return band.weight;
  return rule.bands[rule.bands.length - 1]?.weight ?? 1;
}

/**
 * The weight of a voter in a vote: 1, unless the vote is `weighted`, held by an assembly, and the
 * voter is an organisation — then the setting's rule over its inhabitants.
 */
export function voterWeight(
  vote: { weighting: string },
  bodyKind: string,
  rule: WeightingRule,
  voter: { organisationId: string | null },
  inhabitants: ReadonlyMap<string, number | null>,
): number {
  if (vote.weighting !== "weighted" || bodyKind !== "assembly" || !voter.organisationId) return 1;
  return weightFor(rule, inhabitants.get(voter.organisationId) ?? null);
}

/** The setting `governance.voteWeighting`, checked. */
export async function loadWeighting(db: DbOrTx): Promise<Weighting> {
  return parseWeighting(await readSetting(db, VOTE_WEIGHTING_SETTING));
}

/** The inhabitants of organisations (null where unknown). */
export async function inhabitantsOf(db: DbOrTx, ids: readonly string[]): Promise<Map<string, number | null>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: organisations.id, inhabitants: organisations.inhabitants })
    .from(organisations)
    .where(inArray(organisations.id, unique));
  return new Map(rows.map((r) => [r.id, r.inhabitants]));
}

/**
 * Bands as the secretariat types them, one per line: "5000 1" (up to 5,000 inhabitants: weight 1),
 * the last line the weight alone (everyone larger). Thousands separators are allowed.
 */
export function parseBandLines(text: string): { upTo?: number; weight: number }[] | null {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const bands: { upTo?: number; weight: number }[] = [];
  for (const line of lines) {
    const parts = line.split(/\s+/).map((p) => Number(p.replace(/[.,'’]/g, "")));
    if (parts.some((n) => !Number.isInteger(n))) return null;
    if (parts.length === 2) bands.push({ upTo: parts[0] as number, weight: parts[1] as number });
    else if (parts.length === 1) bands.push({ weight: parts[0] as number });
    else return null;
  }
  return bands;
}

/**
 * Sets how the General Assembly's weighted votes count (secretariat): `equal`, or by inhabitants
 * in bands. Votes already cast keep their weights. Audited.
 */
export async function setWeighting(
  db: DbOrTx,
  actor: Actor,
  input: { rule: "equal" } | { rule: "inhabitants"; bands: { upTo?: number; weight: number }[] | null },
): Promise<Weighting> {
  authorize(actor, canManageGovernance(actor));
  const value = input.rule === "equal" ? { rule: "equal" } : { rule: "inhabitants", bands: input.bands };
  const parsed = Setting.safeParse(value);
  if (!parsed.success) {
    throw new AppError("validation", "errors:validation", { bands: { key: "votes:errors.badBands" } });
  }
  return db.transaction(async (tx) => {
    const before = await readSetting(tx, VOTE_WEIGHTING_SETTING);
    await writeSetting(tx, VOTE_WEIGHTING_SETTING, parsed.data);
    await recordAudit(tx, actor, {
      action: "governance.vote_weighting",
      entityType: "setting",
      entityId: VOTE_WEIGHTING_SETTING,
      before: before ?? null,
      after: parsed.data,
    });
    return parseWeighting(parsed.data);
  });
}
