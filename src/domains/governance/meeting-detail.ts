/**
 * A meeting as its page and the API show it: the meeting, its body, participants with
 * attendance, the agenda (stored items, then the membership applications on it) with outcomes
 * and register numbers, and the quorum. Only for those who may see the meeting (404 otherwise);
 * who is invited (names, e-mails) only for the secretariat and the Board.
 */
import type { Actor } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import type { Language } from "~/i18n/i18n";
import { agendaOf } from "./agenda";
import { bodyOf, meetingFor, toSummary } from "./meetings";
import type { MeetingDetail } from "./meetings-contract";
import { maxProxiesPerHolder, participantsOf, quorumFor } from "./participants";
import { canViewGovernance } from "./policy";

export async function getMeetingDetail(
  db: DbOrTx,
  actor: Actor,
  id: string,
  options: { language?: Language; applicationTitle?: (a: { name: string; reference: string }) => string } = {},
): Promise<MeetingDetail> {
  const row = await meetingFor(db, actor, id);
  const body = await bodyOf(db, row.bodyCode);
  const all = await participantsOf(db, row.id);
  const quorum = quorumFor(all, body.quorumPercent);
  const seesPeople = canViewGovernance(actor) || actor.kind === "user";
  return {
    ...toSummary(row),
    bodyName: body.names[options.language ?? "en"] ?? body.names.en ?? row.bodyCode,
    participants: seesPeople ? (canViewGovernance(actor) ? all : all.map((p) => ({ ...p, email: null }))) : [],
    agenda: await agendaOf(db, row.id, options.applicationTitle),
    quorum,
    maxProxiesPerHolder: await maxProxiesPerHolder(db),
  };
}
