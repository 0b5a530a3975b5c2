/**
 * The governance demo: the bodies' composition after the General Assembly of 16 April 2026.
 * - Board: 10 seats, 5 Italian and 5 Swedish, for 24 months — the primary contacts of the largest
 *   member organisations of each country; one Swedish seat is held by the demo Board account
 *   (Anna Lindqvist, board@demo.ponte.example), bound by its user id to the largest Swedish member
 *   (the account has no contact of its own).
 * - Chair: the demo Board account (so the Board login shows the Chair's abilities); Vice-chair:
 *   the first Italian Board member.
 * - Presidium: Chair, Vice-chair, one more Italian and one more Swede (2 + 2).
 * - Audit Committee: one Italian, one Swede from outside the Board.
 * - Secretariat: the demo secretariat account, open-ended.
 * Deterministic (the same people every time), through the services (rules, audit), in the
 * caller's transaction; loads nothing when mandates exist already. Sets `board.chairEmail` to the
 * demo Board account's address unless it is set.
 */
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { system } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import { users } from "~/domains/accounts/schema";
import { contacts, organisations } from "~/domains/organisations/schema";
import { readSetting, writeSetting } from "~/domains/reference/settings";
import { createMandate } from "./mandates";
import { mandates } from "./schema";

export const DEMO_ASSEMBLY = "2026-04-16";
export const DEMO_BOARD_EMAIL = "board@demo.ponte.example";
export const DEMO_SECRETARIAT_EMAIL = "secretariat@demo.ponte.example";

type Person = { organisationId: string; contactId: string; email: string | null };

/** The primary contacts of a country's member organisations, largest first. */
async function primaryContacts(db: DbOrTx, country: string): Promise<Person[]> {
  const rows = await db
    .select({ organisationId: organisations.id, contactId: contacts.id, email: contacts.email })
    .from(organisations)
    .innerJoin(contacts, and(eq(contacts.organisationId, organisations.id), eq(contacts.primaryContact, true)))
    .where(and(eq(organisations.status, "member"), eq(organisations.country, country)))
    .orderBy(
      desc(sql`coalesce(${organisations.inhabitants}, 0)`),
      asc(organisations.normalizedName),
      asc(contacts.name),
    );
  // One person per organisation.
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.organisationId) && seen.add(r.organisationId));
}

async function userId(db: DbOrTx, email: string): Promise<string | null> {
  const [row] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`).limit(1);
  return row?.id ?? null;
}

/** Loads the demo's mandates; returns how many were created (0 when some existed already). */
export async function loadGovernanceDemo(db: DbOrTx): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(mandates);
  if ((existing?.n ?? 0) > 0) return 0;
  const actor = system("demo");
  const italians = await primaryContacts(db, "IT");
  const swedes = await primaryContacts(db, "SE");
  const anna = await userId(db, DEMO_BOARD_EMAIL);
  const staff = await userId(db, DEMO_SECRETARIAT_EMAIL);
  if (italians.length < 6 || swedes.length < 6 || !anna || !staff)
    throw new Error("governance demo: the demo members and accounts must be loaded first");

  const assembly = `General Assembly ${DEMO_ASSEMBLY}`;
  const boardMeeting = `Board ${DEMO_ASSEMBLY}`;
  let created = 0;
  const give = async (body: string, holder: Record<string, string>, decisionNote: string) => {
    await createMandate(db, actor, body, { ...holder, startsOn: DEMO_ASSEMBLY, decisionNote });
    created += 1;
  };
  const contact = (p: Person) => ({ contactId: p.contactId });

  // The Board: 5 + 5. The largest Swedish member's seat is the demo Board account's.
  const [annaOrg, ...otherSwedes] = swedes;
  if (!annaOrg) throw new Error("governance demo: no Swedish member");
  const boardItalians = italians.slice(0, 5);
  const boardSwedes = otherSwedes.slice(0, 4);
  for (const p of boardItalians) await give("board", contact(p), assembly);
  await give("board", { userId: anna, organisationId: annaOrg.organisationId }, assembly);
  for (const p of boardSwedes) await give("board", contact(p), assembly);

  // The demo Board account chairs the Board, so signing in as the Board shows what the Chair may do
  // (record the Board's decisions, approve minutes); the Vice-chair is Italian.
  const annaSeat = { userId: anna, organisationId: annaOrg.organisationId };
  const [viceChair, secondItalian] = boardItalians;
  const [secondSwede] = boardSwedes;
  if (!viceChair || !secondItalian || !secondSwede) throw new Error("governance demo: Board incomplete");
  await give("chair", annaSeat, boardMeeting);
  await give("vice_chair", contact(viceChair), boardMeeting);
  await give("presidium", annaSeat, boardMeeting);
  for (const p of [viceChair, secondItalian, secondSwede]) await give("presidium", contact(p), boardMeeting);

  // The Audit Committee: from outside the Board.
  const auditors = [italians[5], otherSwedes[4]];
  for (const p of auditors) if (p) await give("audit_committee", contact(p), assembly);

  await createMandate(db, actor, "secretariat", {
    userId: staff,
    startsOn: "2026-01-01",
    decisionNote: "Secretariat staff",
  });
  created += 1;

  const chairEmail = await readSetting(db, "board.chairEmail");
  if (typeof chairEmail !== "string" || chairEmail.trim() === "")
    await writeSetting(db, "board.chairEmail", DEMO_BOARD_EMAIL);
  return created;
}
