/**
 * Member counts per year, computed from each organisation's member-since date and its status
 * history (organisations domain: `membershipTimeline`).
 *
 * Definitions (docs/decisions: "membership over time"):
 * - A membership is a period from the day an organisation became a member to the first day it
 *   no longer was one (history entries into and out of `member`, dated in Europe/Rome). The
 *   member-since date, when set, dates the start of the latest period (it holds the decision
 *   date of an approval, the re-admission date, or an imported historical date).
 * - `members` in year Y: organisations that were members on at least one day of Y — the ones
 *   that owe the fee for Y. A resignation effective 31 December Y counts in Y, not in Y+1.
 * - `joined` in Y: periods that started in Y (a re-admission counts as joining again).
 * - `left` in Y: periods whose last day is in Y.
 * So members(Y) = members(Y−1) − left(Y−1) + joined(Y) for organisations with one period a year.
 * Suspension does not end a membership.
 */
import { z } from "@hono/zod-openapi";
import type { DbOrTx } from "~/db/client";
import { membershipTimeline } from "~/domains/organisations/service";
import { dateInNetwork, todayInNetwork } from "./changes";

export const YearCount = z
  .object({
    year: z.number().int(),
    members: z.number().int(),
    joined: z.number().int(),
    left: z.number().int(),
  })
  .openapi("MemberCountByYear");
export type YearCount = z.infer<typeof YearCount>;

export type Timeline = {
  id: string;
  status: string;
  memberSince: string | null;
  history: { fromStatus: string | null; toStatus: string; changedAt: Date }[];
}[];

/** A membership period: first day, and the first day no longer a member (null: still one). */
export type Period = { start: string; end: string | null };

const dayBefore = (date: string): string => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/** An organisation's membership periods from its history and member-since date. */
export function periodsOf(org: Timeline[number]): Period[] {
  const periods: Period[] = [];
  let open: string | null = null;
  for (const h of org.history) {
    const day = dateInNetwork(h.changedAt);
    const entering = h.toStatus === "member" && h.fromStatus !== "member";
    const leaving = h.fromStatus === "member" && h.toStatus !== "member";
    if (entering && open === null) open = day;
    else if (leaving) {
      periods.push({ start: open ?? org.memberSince ?? day, end: day });
      open = null;
    }
  }
  if (open !== null) periods.push({ start: open, end: null });
  if (periods.length === 0 && org.status === "member" && org.memberSince) {
    periods.push({ start: org.memberSince, end: null });
  }
  const last = periods.at(-1);
  if (last && org.memberSince && (last.end === null || org.memberSince < last.end)) {
    const previous = periods.at(-2);
    // Only when it does not reach back into an earlier period.
    if (!previous || previous.end === null || org.memberSince >= previous.end) last.start = org.memberSince;
  }
  return periods.filter((p) => p.end === null || p.end > p.start);
}

/** The counts per year, from the first year anyone was a member to the year of `today`. */
export function countByYear(timeline: Timeline, today: string): YearCount[] {
  const periods = timeline.map((org) => ({ id: org.id, periods: periodsOf(org).filter((p) => p.start <= today) }));
  const starts = periods.flatMap((o) => o.periods.map((p) => Number(p.start.slice(0, 4))));
  if (starts.length === 0) return [];
  const first = Math.min(...starts);
  const lastYear = Number(today.slice(0, 4));
  const counts: YearCount[] = [];
  for (let year = first; year <= lastYear; year++) {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    let members = 0;
    let joined = 0;
    let left = 0;
    for (const org of periods) {
      let member = false;
      for (const p of org.periods) {
        const lastDay = p.end === null ? null : dayBefore(p.end);
        if (p.start <= to && (lastDay === null || lastDay >= from)) member = true;
        if (p.start.startsWith(`${year}-`)) joined++;
        if (lastDay?.startsWith(`${year}-`)) left++;
      }
      if (member) members++;
    }
    counts.push({ year, members, joined, left });
  }
  return counts;
}

/** The network's member counts per year (public figures: no names). */
export async function memberCountsByYear(db: DbOrTx, today: string = todayInNetwork()): Promise<YearCount[]> {
  return countByYear(await membershipTimeline(db), today);
}
