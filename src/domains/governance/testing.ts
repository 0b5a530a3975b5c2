/**
 * Test builders for governance bodies and mandates (other governance tests may reuse them): a
 * person of a member organisation, a mandate, a whole Board. They go through the services, so
 * every test mandate obeys the same rules as real ones. Only imported by tests.
 */
import { system } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import type { Contact, Organisation } from "~/domains/organisations/contract";
import { buildContact, buildOrganisation } from "~/domains/organisations/testing";
import type { Mandate, MandateInput } from "./bodies-contract";
import { createMandate } from "./mandates";

export type TestPerson = { organisation: Organisation; contact: Contact };

/** A contact of a new member organisation of a country (IT by default). */
export async function buildMemberPerson(
  db: DbOrTx,
  country: "IT" | "SE" | string = "IT",
  contact: Partial<Parameters<typeof buildContact>[2]> = {},
): Promise<TestPerson> {
  const organisation = await buildOrganisation(db, {
    country,
    type: "municipality",
    status: "member",
  });
  return { organisation, contact: await buildContact(db, organisation.id, contact) };
}

/** A mandate in a body (the Board by default) for a contact, from a start date (default 2026-04-16). */
export async function buildMandate(
  db: DbOrTx,
  input: Partial<MandateInput> & { bodyCode?: string } = {},
): Promise<Mandate> {
  const { bodyCode = "board", ...rest } = input;
  let contactId = rest.contactId;
  if (!contactId && !rest.userId) contactId = (await buildMemberPerson(db)).contact.id;
  return createMandate(db, system("test"), bodyCode, {
    startsOn: "2026-04-16",
    ...rest,
    ...(contactId ? { contactId } : {}),
  });
}

/**
 * A Board of `it` Italian and `se` Swedish members (5 + 5 by default), each a contact of a new
 * member organisation, from `startsOn` for the body's term.
 */
export async function buildBoard(
  db: DbOrTx,
  options: { startsOn?: string; it?: number; se?: number; decisionNote?: string } = {},
): Promise<{ mandates: Mandate[]; people: TestPerson[] }> {
  const startsOn = options.startsOn ?? "2026-04-16";
  const people: TestPerson[] = [];
  const mandates: Mandate[] = [];
  const countries = [
    ...Array.from({ length: options.it ?? 5 }, () => "IT"),
    ...Array.from({ length: options.se ?? 5 }, () => "SE"),
  ];
  for (const country of countries) {
    const person = await buildMemberPerson(db, country);
    people.push(person);
    mandates.push(
      await buildMandate(db, {
        contactId: person.contact.id,
        startsOn,
        decisionNote: options.decisionNote ?? `General Assembly ${startsOn}`,
      }),
    );
  }
  return { mandates, people };
}
