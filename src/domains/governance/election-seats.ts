/**
 * From an election to the seats: once an election has closed, the secretariat gives each elected
 * candidate a mandate in the body they were elected to (the Board, usually), from the day chosen
 * (the Assembly's date). The candidate's person is the contact named on the candidate, or the one
 * the secretariat picks. The mandate names the register's decision of the election's agenda item
 * when there is one, else the election itself. All seats or none: one transaction, each checked
 * by the mandate rules (seats, balance, overlap), a refusal named on the candidate's field.
 */
import { eq, or } from "drizzle-orm";
import type { Actor } from "~/auth/actor";
import { authorize } from "~/auth/authorize";
import type { DbOrTx } from "~/db/client";
import { AppError, type FieldProblem, isAppError } from "~/errors/app-error";
import type { Mandate } from "./bodies-contract";
import { createMandate } from "./mandates";
import { canManageGovernance } from "./policy";
import { decisions, meetings, voteOptions, votes } from "./schema";
import type { VoteResult } from "./vote-result";

export type SeatInput = {
  bodyCode: string;
  startsOn: string;
  /** The contact of each elected candidate, by option id (when the candidate names none). */
  holders: Record<string, string>;
};

/** The field of a candidate's person in the seats form (and in the API's problems). */
export const holderField = (optionId: string) => `holder-${optionId}`;

export async function seatElected(db: DbOrTx, actor: Actor, voteId: string, input: SeatInput): Promise<Mandate[]> {
  authorize(actor, canManageGovernance(actor));
  const [vote] = await db.select().from(votes).where(eq(votes.id, voteId)).limit(1);
  if (!vote) throw new AppError("not_found");
  const result = vote.result as VoteResult | null;
  if (vote.kind !== "election" || vote.status !== "closed" || !result || result.elected.length === 0)
    throw new AppError("conflict", "votes:errors.nobodyElected");
  const options = await db.select().from(voteOptions).where(eq(voteOptions.voteId, vote.id));
  const problems: Record<string, FieldProblem> = {};
  const holders = result.elected.map((e) => {
    const contactId = input.holders[e.optionId] || options.find((o) => o.id === e.optionId)?.contactId || null;
    if (!contactId) problems[holderField(e.optionId)] = { key: "errors:field.required" };
    return { optionId: e.optionId, contactId };
  });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.startsOn)) problems.startsOn = { key: "errors:field.invalidDate" };
  if (Object.keys(problems).length > 0) throw new AppError("validation", "errors:validation", problems);

  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, vote.meetingId)).limit(1);
  const [decision] = await db
    .select({ id: decisions.id })
    .from(decisions)
    .where(
      or(eq(decisions.voteId, vote.id), vote.agendaItemId ? eq(decisions.agendaItemId, vote.agendaItemId) : undefined),
    )
    .limit(1);
  const source = decision
    ? { decisionId: decision.id }
    : { decisionNote: `${vote.question} (${meeting?.date ?? input.startsOn})` };

  return db.transaction(async (tx) => {
    const created: Mandate[] = [];
    for (const h of holders) {
      try {
        created.push(
          await createMandate(tx, actor, input.bodyCode, {
            contactId: h.contactId,
            startsOn: input.startsOn,
            ...source,
          }),
        );
      } catch (e) {
        // The mandate rules' refusal (no seat, balance, already holds) belongs to this candidate.
        if (!isAppError(e) || e.code !== "validation") throw e;
        const [first] = Object.values(e.fields);
        throw new AppError("validation", "errors:validation", {
          [holderField(h.optionId)]: first ?? { key: "errors:field.invalid" },
        });
      }
    }
    return created;
  });
}
