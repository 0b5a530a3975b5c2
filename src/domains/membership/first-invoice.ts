/** The new member's first invoice, issued by the invoicing domain in the approval's transaction. */
import type { Actor } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import { createMembershipInvoice } from "~/domains/invoicing/service";

/** Issues the first invoice for the fee year of the decision, pro rata from the decision date (a setting). */
export async function createFirstInvoice(
  tx: DbOrTx,
  actor: Actor,
  organisationId: string,
  decidedOn: string,
): Promise<{ id: string; number: string }> {
  return createMembershipInvoice(tx, actor, organisationId, {
    feeYear: Number(decidedOn.slice(0, 4)),
    from: decidedOn,
  });
}
