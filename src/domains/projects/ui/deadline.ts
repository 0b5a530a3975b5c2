/** When a call's deadline is near: shared by the board, the table and the project's page. */
import { type Phase, phaseIndex } from "../pipeline";

/** Days approaching a deadline counts as near. */
export const DEADLINE_WINDOW_DAYS = 30;

/** Whole days from `today` to `day` (both YYYY-MM-DD); negative when it has passed. */
export function daysUntil(day: string, today: string): number {
  const utc = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((utc(day) - utc(today)) / 86_400_000);
}

/**
 * The days left when a project's deadline is within the window and still matters (the project has
 * not gone past the funding decision); else null.
 */
export function approachingDeadline(deadline: string | null, phase: Phase, today: string): number | null {
  if (!deadline || phaseIndex(phase) > phaseIndex("financing")) return null;
  const days = daysUntil(deadline, today);
  return days >= 0 && days <= DEADLINE_WINDOW_DAYS ? days : null;
}
