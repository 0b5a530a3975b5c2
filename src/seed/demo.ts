import { system } from "~/auth/actor";
import type { Database, DbOrTx } from "~/db/client";
import { createUser } from "~/domains/accounts/service";
import { loadFeesDemo } from "~/domains/fees/demo";
import { loadGovernanceDemo } from "~/domains/governance/demo";
import { loadMembershipDemo } from "~/domains/membership/demo";
import type { OrganisationInput } from "~/domains/organisations/contract";
import { withLuhnDigit } from "~/domains/organisations/identifiers";
import { createContact, createOrganisation } from "~/domains/organisations/service";
import { loadProjectsDemo } from "~/domains/projects/demo";
import { organisationTypes } from "~/domains/reference/sern";
import { type Place, searchPlaces } from "~/domains/reference/service";
import { markDemoLoaded } from "~/server/prepare";
import { type DemoOrganisation, demoOrganisations } from "./demo-members";
import { type DemoPerson, demoPeople, seededRandom } from "./demo-people";

export type DemoLogin = { role: string; email: string; password: string };

/** Every demo account has this password (printed at start; the demo is for trying Ponte out). */
export const DEMO_PASSWORD = "ponte-demo-2026";

/** One account per role. The member contact and the expert are people of member organisations. */
export const demoAccounts = [
  { role: "secretariat", email: "secretariat@demo.ponte.example", name: "Giulia Ferrari", organisation: null },
  { role: "board", email: "board@demo.ponte.example", name: "Anna Lindqvist", organisation: null },
  {
    role: "member_contact",
    email: "member@demo.ponte.example",
    name: "Chiara Montanari",
    organisation: "comune-parma",
    jobTitle: "Funzionaria Ufficio Europa",
  },
  {
    role: "expert",
    email: "expert@demo.ponte.example",
    name: "Johan Ekström",
    organisation: "vasteras-stad",
    jobTitle: "Digitaliseringsstrateg",
  },
  {
    role: "partner",
    email: "partner@demo.ponte.example",
    name: "Katharina Becker",
    organisation: "stadt-wuerzburg",
    jobTitle: "EU Project Officer",
  },
] as const;

const placeKey = (country: string, kind: string, code: string) => `${country}:${kind}:${code}`;

/** The reference places the demo members are (their search text holds the official code). */
async function loadPlaces(db: DbOrTx): Promise<Map<string, Place>> {
  const found = new Map<string, Place>();
  for (const org of demoOrganisations) {
    if (!org.place) continue;
    const { kind, code } = org.place;
    const matches = await searchPlaces(db, { q: code, country: org.country, kind, limit: 100 });
    const place = matches.find((p) => p.code === code);
    if (place) found.set(placeKey(org.country, kind, code), place);
  }
  return found;
}

function organisationInput(org: DemoOrganisation, places: Map<string, Place>): OrganisationInput {
  let place: Place | undefined;
  if (org.place) {
    place = places.get(placeKey(org.country, org.place.kind, org.place.code));
    if (!place)
      throw new Error(`demo data: reference place ${org.country} ${org.place.kind} ${org.place.code} missing`);
  }
  return {
    name: org.name,
    country: org.country,
    type: org.type,
    officialCode: place?.code ?? null,
    nuts3: place?.nuts3 ?? org.nuts3 ?? null,
    inhabitants: place?.inhabitants ?? org.inhabitants ?? null,
    employees: org.employees ?? null,
    website: org.website,
    street: org.street ?? null,
    postalCode: org.postalCode ?? null,
    city: org.city,
    workingLanguages: org.workingLanguages,
    priorities: org.priorities,
    status: org.status,
    memberSince: org.memberSince ?? null,
    ...demoIdentifiers(org),
  };
}

/**
 * Identifiers for invoices, so every demo member's e-invoice can be produced. They are generated
 * from the organisation's key and valid in form (check digits), but fictional: not the bodies'
 * real codice fiscale, IPA code or organisationsnummer.
 */
function demoIdentifiers(org: DemoOrganisation): Partial<OrganisationInput> {
  let hash = 0;
  for (const ch of org.key) hash = (hash * 31 + ch.charCodeAt(0)) % 1_000_000_007;
  const digits = (n: number) => String(hash % 10 ** n).padStart(n, "0");
  if (org.country === "IT") {
    const ipa = hash.toString(36).toUpperCase().padStart(6, "0").slice(-6);
    return { taxCode: withLuhnDigit(`9${digits(9)}`), ...(isPublic(org) ? { ipaCode: ipa } : {}) };
  }
  if (org.country === "SE") {
    const orgNumber = withLuhnDigit(`2${isPublic(org) ? "1" : "0"}2${digits(6)}`);
    return { orgNumber, vatNumber: `SE${orgNumber}01` };
  }
  return {};
}

const isPublic = (org: DemoOrganisation) =>
  organisationTypes.find((t) => t.code === org.type)?.publicAuthority ?? false;

/**
 * Loads the demo data set: the network's members, partners and applicants with their contact
 * people, and one account per role. All through the services (validation, rules, audit), in one
 * transaction: a failure leaves no half demo. Deterministic: the same data every time.
 */
export async function loadDemo(database: Database): Promise<DemoLogin[]> {
  const actor = system("demo");
  const places = await loadPlaces(database.db);
  const random = seededRandom(20030520);
  await database.db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    const contactIds = new Map<string, string>();
    for (const org of demoOrganisations) {
      const created = await createOrganisation(tx, actor, organisationInput(org, places));
      ids.set(org.key, created.id);
      const people: DemoPerson[] = demoPeople(random, org, org.contacts);
      const account = demoAccounts.find((a) => a.organisation === org.key);
      for (const person of people) {
        // The organisation's demo account holder is its primary contact.
        if (account && "jobTitle" in account && person.primaryContact) {
          const contact = await createContact(tx, actor, created.id, {
            ...person,
            name: account.name,
            jobTitle: account.jobTitle,
            email: account.email,
          });
          contactIds.set(account.email, contact.id);
        } else {
          await createContact(tx, actor, created.id, person);
        }
      }
    }
    for (const account of demoAccounts) {
      const organisationId = account.organisation ? (ids.get(account.organisation) ?? null) : null;
      await createUser(tx, actor, {
        email: account.email,
        name: account.name,
        role: account.role,
        organisationId,
        contactId: contactIds.get(account.email) ?? null,
        password: DEMO_PASSWORD,
      });
    }
    // The bodies' composition: Board, Chair, Vice-chair, Presidium, Audit Committee, Secretariat.
    await loadGovernanceDemo(tx);
    // An example fee schedule for this year and the next (labelled as an example wherever shown).
    await loadFeesDemo(tx);
    // A few membership applications in different states, for the secretariat and the Board to try.
    await loadMembershipDemo(tx);
    // The network's projects since 2007, adding up to the brochure's figures (178 / 130 / 73 % / 20k / EUR 13M).
    await loadProjectsDemo(tx);
    await markDemoLoaded(tx);
  });
  return demoAccounts.map((a) => ({ role: a.role, email: a.email, password: DEMO_PASSWORD }));
}
