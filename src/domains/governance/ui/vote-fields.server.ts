/**
 * The server's side of the vote's fields (vote-fields.tsx): the agenda items to choose from, a
 * vote's current values as the form shows them, and what the form posted turned into the input
 * of createVote or changeVote (the services check it).
 */
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "~/db/client";
import { agendaItems } from "../schema";
import type { Vote, VoteOption, VotePatch } from "../votes-contract";
import { type AgendaChoice, type VoteFieldName, type VoteValues, voteFieldNames } from "./vote-fields";

/** The meeting's agenda items, numbered in their order. */
export async function agendaChoices(db: DbOrTx, meetingId: string): Promise<AgendaChoice[]> {
  const items = await db
    .select({ id: agendaItems.id, title: agendaItems.title })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position), asc(agendaItems.createdAt));
  return items.map((item, i) => ({ id: item.id, label: `${i + 1}. ${item.title}` }));
}

/** A vote's values as its form shows them: the candidates one per line. */
export function voteValuesOf(vote: Vote): VoteValues {
  return {
    question: vote.question,
    kind: vote.kind,
    ballot: vote.ballot,
    weighting: vote.weighting,
    majority: vote.majority,
    seats: String(vote.seats),
    candidates: vote.options
      .filter((o) => o.code === "candidate")
      .map((o) => o.label)
      .join("\n"),
    agendaItemId: vote.agendaItemId ?? "",
  };
}

/** Fields whose text is taken as typed, even empty; the others (choices, seats) keep `fallback` when left empty. */
const typed: readonly VoteFieldName[] = ["question", "candidates", "agendaItemId"];

/**
 * What the form posted, trimmed. A field not posted (the weighting outside the Assembly, the
 * agenda item of a meeting without one) or a choice not made keeps its value in `fallback`.
 */
export function readVoteValues(form: FormData, fallback: VoteValues): VoteValues {
  const read = (k: VoteFieldName) => {
    const v = form.get(k);
    const text = typeof v === "string" ? v.trim() : null;
    if (text === null) return fallback[k];
    return typed.includes(k) ? text : text || fallback[k];
  };
  return Object.fromEntries(voteFieldNames.map((k) => [k, read(k)])) as VoteValues;
}

type Candidate = { label: string; contactId: string | null; organisationId: string | null };

/**
 * The vote the values describe. An election's candidates are the non-empty lines; a line naming
 * one of the `known` candidates keeps its link to the person and organisation. A motion has one
 * seat and no candidates; an election the simple majority. Seats that are not a number stay so,
 * and the service names the field.
 */
export function voteInputOf(values: VoteValues, known: readonly VoteOption[] = []) {
  const election = values.kind === "election";
  const unused = known.filter((o) => o.code === "candidate");
  const candidates: Candidate[] = election
    ? values.candidates
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
        .map((label) => {
          const i = unused.findIndex((o) => o.label === label);
          const [match] = i >= 0 ? unused.splice(i, 1) : [];
          return { label, contactId: match?.contactId ?? null, organisationId: match?.organisationId ?? null };
        })
    : [];
  return {
    question: values.question,
    kind: values.kind as NonNullable<VotePatch["kind"]>,
    ballot: values.ballot as NonNullable<VotePatch["ballot"]>,
    weighting: values.weighting as NonNullable<VotePatch["weighting"]>,
    majority: (election ? "simple" : values.majority) as NonNullable<VotePatch["majority"]>,
    seats: election ? Number(values.seats) : 1,
    candidates,
    agendaItemId: values.agendaItemId || null,
  };
}
