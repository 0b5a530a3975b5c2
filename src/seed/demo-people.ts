import type { OrganisationTypeCode } from "~/domains/reference/sern";
import { normalizeText } from "~/text/normalize";

/**
 * Fictional contact people for the demo data set: names that fit the country, job titles that
 * fit the organisation, e-mails at `.example` domains. Drawn with a seeded PRNG, so every demo
 * data set is the same.
 */

/** mulberry32: a small, fast, seedable PRNG (deterministic across platforms). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

type Gender = "f" | "m";
type NameList = { f: readonly string[]; m: readonly string[]; surnames: readonly string[] };

const names: Record<"IT" | "SE" | "DE" | "ES" | "PL" | "SI" | "FR", NameList> = {
  IT: {
    f: ["Giulia", "Chiara", "Francesca", "Sara", "Elena", "Martina", "Valentina", "Alessandra", "Silvia", "Federica"],
    m: ["Marco", "Luca", "Alessandro", "Matteo", "Davide", "Stefano", "Andrea", "Paolo", "Giovanni", "Lorenzo"],
    surnames: [
      "Rossi",
      "Ferrari",
      "Bianchi",
      "Romano",
      "Colombo",
      "Ricci",
      "Marino",
      "Greco",
      "Bruno",
      "Gallo",
      "Conti",
      "Costa",
      "Mancini",
      "Lombardi",
      "Barbieri",
      "Fontana",
      "Bertolini",
      "Zanetti",
      "Montanari",
      "Bassi",
    ],
  },
  SE: {
    f: ["Anna", "Eva", "Maria", "Karin", "Sara", "Emma", "Linnéa", "Ingrid", "Åsa", "Malin"],
    m: ["Erik", "Lars", "Anders", "Johan", "Karl", "Per", "Björn", "Mikael", "Örjan", "Nils"],
    surnames: [
      "Andersson",
      "Johansson",
      "Karlsson",
      "Nilsson",
      "Eriksson",
      "Larsson",
      "Olsson",
      "Persson",
      "Svensson",
      "Lindqvist",
      "Bergström",
      "Lundgren",
      "Sjöberg",
      "Ekström",
      "Åberg",
      "Holmqvist",
      "Nordin",
      "Wallin",
      "Hedlund",
      "Söderberg",
    ],
  },
  DE: {
    f: ["Katharina", "Julia", "Sabine"],
    m: ["Jürgen", "Stefan", "Matthias"],
    surnames: ["Müller", "Schmidt", "Weiß", "Becker", "Hoffmann"],
  },
  ES: {
    f: ["María", "Lucía", "Carmen"],
    m: ["José", "Javier", "Andrés"],
    surnames: ["García", "Martínez", "López", "Sánchez", "Pérez"],
  },
  PL: {
    f: ["Agnieszka", "Małgorzata", "Katarzyna"],
    m: ["Piotr", "Tomasz", "Michał"],
    surnames: ["Kowalski", "Nowak", "Wiśniewski", "Zieliński", "Wójcik"],
  },
  SI: {
    f: ["Maja", "Nina", "Špela"],
    m: ["Luka", "Matej", "Jure"],
    surnames: ["Novak", "Horvat", "Kovačič", "Zupančič"],
  },
  FR: {
    f: ["Camille", "Élodie", "Chloé"],
    m: ["Julien", "François", "Thomas"],
    surnames: ["Martin", "Bernard", "Dubois", "Lefèvre", "Girard"],
  },
};

/** Job titles: [legal representative, primary contact, a colleague], by gender where the language needs it. */
type Titles = { legal: Record<Gender, string>; primary: Record<Gender, string>; other: Record<Gender, string> };
const same = (title: string): Record<Gender, string> => ({ f: title, m: title });

const italianTitles: Partial<Record<OrganisationTypeCode, Titles>> & { default: Titles } = {
  municipality: {
    legal: { f: "Sindaca", m: "Sindaco" },
    primary: same("Responsabile Ufficio Europa"),
    other: { f: "Assessora alle Politiche europee", m: "Assessore alle Politiche europee" },
  },
  region: {
    legal: same("Presidente della Giunta regionale"),
    primary: same("Dirigente Servizio Relazioni europee e internazionali"),
    other: { f: "Funzionaria Programmazione fondi UE", m: "Funzionario Programmazione fondi UE" },
  },
  province: {
    legal: same("Presidente della Provincia"),
    primary: same("Responsabile Progetti europei"),
    other: { f: "Istruttrice amministrativa", m: "Istruttore amministrativo" },
  },
  municipal_association: {
    legal: same("Presidente dell'Unione"),
    primary: same("Responsabile Servizio Politiche europee"),
    other: same("Project manager"),
  },
  education: {
    legal: { f: "Dirigente scolastica", m: "Dirigente scolastico" },
    primary: same("Docente referente Erasmus+"),
    other: same("Direttore dei servizi amministrativi"),
  },
  default: {
    legal: same("Presidente"),
    primary: same("Coordinatrice progetti europei"),
    other: same("Segretario generale"),
  },
};

const swedishTitles: Partial<Record<OrganisationTypeCode, Titles>> & { default: Titles } = {
  municipality: {
    legal: same("Kommunstyrelsens ordförande"),
    primary: same("EU-samordnare"),
    other: same("Internationell strateg"),
  },
  region: {
    legal: same("Regionstyrelsens ordförande"),
    primary: same("EU-strateg"),
    other: same("Projektledare"),
  },
  county_administrative_board: {
    legal: same("Landshövding"),
    primary: same("Handläggare EU-frågor"),
    other: same("Enhetschef"),
  },
  municipal_association: {
    legal: same("Förbundsdirektör"),
    primary: same("Projektledare EU"),
    other: same("Utredare"),
  },
  education: {
    legal: same("Rektor"),
    primary: same("Internationell samordnare"),
    other: same("Lärare"),
  },
  default: {
    legal: same("Ordförande"),
    primary: same("Verksamhetsledare"),
    other: same("Projektsamordnare"),
  },
};

const englishTitles: Titles = {
  legal: same("Mayor"),
  primary: same("Head of EU Affairs"),
  other: same("Project Manager"),
};

export type DemoPerson = {
  name: string;
  jobTitle: string;
  email: string;
  phone: string;
  preferredLanguage: "en" | "sv" | "it";
  legalRepresentative: boolean;
  primaryContact: boolean;
};

function titlesFor(country: string, type: OrganisationTypeCode): Titles {
  if (country === "IT") return italianTitles[type] ?? italianTitles.default;
  if (country === "SE") return swedishTitles[type] ?? swedishTitles.default;
  if (type === "municipality") return englishTitles;
  return { ...englishTitles, legal: same("President") };
}

function phoneFor(country: string, random: () => number): string {
  const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(random() * 10))).join("");
  if (country === "IT") return `+39 05${digits(2)} ${digits(6)}`;
  if (country === "SE") return `+46 ${digits(2)} ${digits(3)} ${digits(2)} ${digits(2)}`;
  const prefix: Record<string, string> = { DE: "+49", ES: "+34", PL: "+48", SI: "+386", FR: "+33" };
  return `${prefix[country] ?? "+32"} ${digits(3)} ${digits(6)}`;
}

const emailPart = (value: string) => normalizeText(value).replace(/ /g, "");

/**
 * 1–3 contact people for an organisation: the first is its legal representative; the primary
 * contact is the second when there are several (else the first).
 */
export function demoPeople(
  random: () => number,
  org: { key: string; country: string; type: OrganisationTypeCode },
  count: number,
): DemoPerson[] {
  const list = names[org.country as keyof typeof names] ?? names.FR;
  const titles = titlesFor(org.country, org.type);
  const preferredLanguage = org.country === "IT" ? "it" : org.country === "SE" ? "sv" : "en";
  const people: DemoPerson[] = [];
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    let first = "";
    let last = "";
    let gender: Gender = "f";
    do {
      gender = random() < 0.5 ? "f" : "m";
      first = pick(random, list[gender]);
      last = pick(random, list.surnames);
    } while (used.has(`${first} ${last}`));
    used.add(`${first} ${last}`);
    const role = i === 0 ? titles.legal : i === 1 ? titles.primary : titles.other;
    people.push({
      name: `${first} ${last}`,
      jobTitle: role[gender],
      email: `${emailPart(first)}.${emailPart(last)}@${org.key}.example`,
      phone: phoneFor(org.country, random),
      preferredLanguage,
      legalRepresentative: i === 0,
      primaryContact: count === 1 ? true : i === 1,
    });
  }
  return people;
}
