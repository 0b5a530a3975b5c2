import { csvColumns } from "~/domains/organisations/contract";
import { priorityCodes } from "~/domains/reference/sern";
import { pick, seededRandom } from "~/seed/demo-people";
import { normalizeText } from "~/text/normalize";

/**
 * An EU-scale directory for the benchmark: every real Italian and Swedish place from the
 * reference places (comuni, provinces, regions, kommuner, län), and generated local
 * administrative units for the other 25 EU countries, in proportion to their real numbers of
 * LAUs, with the accents and name shapes of each language. Deterministic (seeded PRNG).
 */

export type ReferencePlaceRow = {
  country_code: string;
  official_code: string;
  name: string;
  kind: string;
  nuts3: string | null;
  inhabitants: number | null;
};

export type CsvRow = Record<(typeof csvColumns)[number], string>;

type NameParts = {
  /** Local administrative units in the country (Eurostat LAU 2021, rounded). */
  laus: number;
  codeWidth: number;
  prefixes: string[];
  stems: string[];
  middles: string[];
  endings: string[];
  qualifiers: string[];
};

const countries: Record<string, NameParts> = {
  FR: {
    laus: 34900,
    codeWidth: 5,
    prefixes: ["", "", "", "Saint-", "Sainte-", "Le ", "La ", "Les ", "Villeneuve-", "Fontaine-"],
    stems: ["Bré", "Mont", "Beau", "Châ", "Ro", "Sé", "Val", "Mé", "Ga", "Lé", "Pé", "Cour", "Ver", "Fleu", "Noé"],
    middles: ["", "", "ri", "va", "lan", "ré", "mar", "ge", "ton"],
    endings: ["ville", "court", "ac", "eux", "lès", "ière", "ay", "mont", "gny", "y", "on", "elle"],
    qualifiers: ["", "", "", "", "-sur-Loire", "-en-Provence", "-lès-Bains", "-sur-Mer", "-le-Château", "-d'Aveyron"],
  },
  DE: {
    laus: 10900,
    codeWidth: 8,
    prefixes: ["", "", "", "", "Bad ", "Groß", "Klein", "Neu", "Ober", "Unter"],
    stems: ["Mün", "Würz", "Nürn", "Gött", "Lüne", "Öster", "Höch", "Schön", "Rüdes", "Bär", "Fürs", "Tüb", "Kö"],
    middles: ["", "", "el", "en", "ers", "ling", "ter"],
    endings: ["berg", "burg", "hausen", "heim", "dorf", "feld", "stadt", "ingen", "au", "bach", "stätt"],
    qualifiers: ["", "", "", "", " am Main", " an der Donau", " im Allgäu", " (Oberpfalz)", " in der Pfalz"],
  },
  ES: {
    laus: 8130,
    codeWidth: 5,
    prefixes: ["", "", "San ", "Santa ", "Villa", "Torre", "Fuente", "Castillo de ", "Alcalá de "],
    stems: ["Peña", "Mon", "Almo", "Caña", "Bena", "Mora", "Olí", "Zú", "Alde", "Vald", "Cáce", "Jaé", "Ávi"],
    middles: ["", "", "dó", "ri", "la", "te", "ña"],
    endings: ["nueva", "rrubia", "var", "da", "les", "jar", "res", "ón", "illo", "ejo", "ares"],
    qualifiers: ["", "", "", " de la Sierra", " del Río", " de Henares", " de Campos", " del Páramo", " de Ebro"],
  },
  CZ: {
    laus: 6250,
    codeWidth: 6,
    prefixes: ["", "", "", "Nové ", "Staré ", "Horní ", "Dolní "],
    stems: ["Čes", "Hrad", "Třeb", "Kři", "Žďár", "Říč", "Lho", "Bě", "Plzeň", "Kuř", "Přer", "Šum"],
    middles: ["", "", "ov", "ál", "ěj"],
    endings: ["ov", "ice", "any", "ín", "ec", "á", "ovice", "ná", "ště"],
    qualifiers: ["", "", "", " nad Labem", " u Brna", " nad Sázavou", " pod Smrkem"],
  },
  GR: {
    laus: 6100,
    codeWidth: 6,
    prefixes: ["", "", "Áno ", "Káto ", "Néa ", "Ágios ", "Agía "],
    stems: ["Kalá", "Mes", "Thér", "Lefk", "Xyl", "Péra", "Kast", "Chór", "Myr", "Ámf", "Dráp"],
    middles: ["", "", "o", "i", "an"],
    endings: ["ítsa", "ópoli", "ási", "ída", "ákia", "áki", "ítis", "éa", "ós"],
    qualifiers: ["", "", "", " Kritis", " Achaḯas", " Thessalías"],
  },
  IE: {
    laus: 3440,
    codeWidth: 6,
    prefixes: ["", "", "Bally", "Kil", "Clon", "Dun", "Rath", "Carrick", "Ennis"],
    stems: ["more", "kee", "cor", "lough", "shan", "da", "bran", "mac", "fin"],
    middles: ["", "", "a", "na"],
    endings: ["", "ey", "an", "agh", "own", "ane", "ick", "ard"],
    qualifiers: ["", "", "", "", " (Co. Mayo)", " (Co. Kerry)", " (Co. Galway)"],
  },
  HU: {
    laus: 3150,
    codeWidth: 5,
    prefixes: ["", "", "", "Nagy", "Kis", "Felső", "Alsó", "Tisza", "Balaton"],
    stems: ["szé", "győ", "kecs", "bé", "hód", "sár", "mező", "tö", "fü", "öcs", "dör"],
    middles: ["", "", "ke", "rö", "lá"],
    endings: ["kút", "vár", "háza", "falu", "szeg", "hely", "kő", "berény", "egyháza", "lak"],
    qualifiers: [""],
  },
  RO: {
    laus: 3180,
    codeWidth: 6,
    prefixes: ["", "", "", "Comuna ", "Orașul "],
    stems: ["Bră", "Târ", "Câmp", "Buzău", "Ploieș", "Sălișt", "Dâmb", "Făgăr", "Mărăș", "Ști", "Țăn"],
    middles: ["", "", "ul", "e"],
    endings: ["ești", "ani", "ița", "eni", "ău", "ăuți", "ina", "ești"],
    qualifiers: ["", "", "", " de Sus", " de Jos", " Noi"],
  },
  PT: {
    laus: 3090,
    codeWidth: 6,
    prefixes: ["", "", "São ", "Santa ", "Vila ", "Póvoa de ", "Freguesia de "],
    stems: ["Gui", "Bra", "Vis", "Lou", "Covi", "Águe", "Évo", "Fafe", "Ama", "Óbi", "Sé"],
    middles: ["", "", "ma", "ga", "lhã"],
    endings: ["rães", "ga", "eu", "ra", "lhã", "da", "dos", "ão", "es"],
    qualifiers: ["", "", "", " do Castelo", " da Beira", " de Varzim"],
  },
  SK: {
    laus: 2930,
    codeWidth: 6,
    prefixes: ["", "", "", "Nová ", "Stará ", "Veľké ", "Malé "],
    stems: ["Trnav", "Žil", "Pieš", "Košic", "Ľubo", "Štú", "Púch", "Dolný ", "Bánov"],
    middles: ["", "", "ov", "ín"],
    endings: ["a", "ce", "any", "ina", "ovo", "ov", "ík"],
    qualifiers: ["", "", "", " nad Váhom", " pri Bratislave"],
  },
  PL: {
    laus: 2480,
    codeWidth: 7,
    prefixes: ["Gmina ", "Gmina ", "Gmina Miasto ", "Gmina Nowe ", "Gmina Stary "],
    stems: ["Żółk", "Łęcz", "Wól", "Brzóz", "Sław", "Kęp", "Gródź", "Ścin", "Dąbr", "Świe", "Przemy"],
    middles: ["", "", "ie", "ow", "ań"],
    endings: ["owo", "ów", "ica", "no", "ki", "ec", "sk", "awa", "ce"],
    qualifiers: ["", "", "", " Wielkopolski", " Mazowiecki", " Śląski"],
  },
  AT: {
    laus: 2090,
    codeWidth: 5,
    prefixes: ["", "", "", "Sankt ", "Maria ", "Bad "],
    stems: ["Grö", "Völ", "Kärn", "Zwettl", "Hör", "Pött", "Leo", "Mürz", "Gmü", "Fürsten"],
    middles: ["", "", "ben", "sch"],
    endings: ["ding", "dorf", "bach", "kirchen", "stein", "feld", "brunn", "egg"],
    qualifiers: ["", "", "", " im Mühlkreis", " an der Enns", " am Wörthersee"],
  },
  BG: {
    laus: 265,
    codeWidth: 5,
    prefixes: ["Obshtina "],
    stems: ["Plov", "Kar", "Gab", "Vel", "Sli", "Dob", "Smol", "Kyus"],
    middles: ["", "o", "ri"],
    endings: ["div", "lovo", "rovo", "ven", "ich", "yan", "tendil"],
    qualifiers: [""],
  },
  HR: {
    laus: 556,
    codeWidth: 5,
    prefixes: ["", "", "Grad ", "Općina "],
    stems: ["Čako", "Vara", "Pož", "Đako", "Slat", "Križe", "Šibe", "Ža"],
    middles: ["", "", "ž", "di"],
    endings: ["vec", "din", "ega", "vo", "ina", "vci", "nik"],
    qualifiers: [""],
  },
  SI: {
    laus: 212,
    codeWidth: 3,
    prefixes: ["Občina "],
    stems: ["Črno", "Kranj", "Škof", "Žalec", "Šentj", "Trž", "Ptuj", "Ribn"],
    middles: ["", "e"],
    endings: ["", "a", "ica", "ska", "ur"],
    qualifiers: [""],
  },
  BE: {
    laus: 581,
    codeWidth: 5,
    prefixes: ["", "", "Sint-", "Saint-", "Oost", "West"],
    stems: ["Kort", "Geer", "Ma", "Namu", "Waver", "Hasse", "Lou", "Ou"],
    middles: ["", "", "ri"],
    endings: ["rijk", "aardsbergen", "lmedy", "r", "e", "lt", "vain", "denaarde"],
    qualifiers: [""],
  },
  NL: {
    laus: 352,
    codeWidth: 4,
    prefixes: ["", "", "", "'s-", "Nieuw-", "Oud-"],
    stems: ["Zwol", "Gro", "Hoo", "Ede", "Venl", "Brun", "Leeu"],
    middles: ["", "", "ning"],
    endings: ["le", "en", "rn", "o", "ssum", "warden"],
    qualifiers: [""],
  },
  FI: {
    laus: 309,
    codeWidth: 3,
    prefixes: [""],
    stems: ["Jyväs", "Hämeen", "Kär", "Sää", "Ylö", "Äänek", "Pori", "Lah"],
    middles: ["", "", "ky"],
    endings: ["kylä", "linna", "kölä", "järvi", "koski", "salo", "vaara"],
    qualifiers: [""],
  },
  DK: {
    laus: 98,
    codeWidth: 3,
    prefixes: [""],
    stems: ["Århus", "Køge", "Næst", "Ærø", "Sønder", "Hørs", "Fåbor"],
    middles: [""],
    endings: ["", "ved", "holm", "borg", "g"],
    qualifiers: [""],
  },
  LT: {
    laus: 60,
    codeWidth: 2,
    prefixes: [""],
    stems: ["Šiau", "Kėdai", "Pane", "Ukmer", "Tauragė"],
    middles: [""],
    endings: ["liai", "niai", "vėžys", "gė"],
    qualifiers: [" rajono savivaldybė", " miesto savivaldybė"],
  },
  LV: {
    laus: 119,
    codeWidth: 7,
    prefixes: [""],
    stems: ["Cēs", "Līvā", "Ķeka", "Jūrma", "Tukum", "Ogr"],
    middles: [""],
    endings: ["is", "ni", "va", "la", "s"],
    qualifiers: [" novads", " pilsēta"],
  },
  EE: {
    laus: 79,
    codeWidth: 4,
    prefixes: [""],
    stems: ["Võru", "Pärnu", "Põlva", "Jõgeva", "Türi", "Rõuge"],
    middles: [""],
    endings: [""],
    qualifiers: [" vald", " linn"],
  },
  CY: {
    laus: 615,
    codeWidth: 4,
    prefixes: ["", "Ágios ", "Káto "],
    stems: ["Lefká", "Pérdi", "Tséri", "Kíti", "Lápi"],
    middles: ["", "ra"],
    endings: ["ra", "ma", "on", "thos"],
    qualifiers: [""],
  },
  LU: {
    laus: 102,
    codeWidth: 4,
    prefixes: [""],
    stems: ["Esch", "Dudel", "Diek", "Ettel", "Mersch"],
    middles: [""],
    endings: ["", "ange", "irch", "bruck"],
    qualifiers: ["", "-sur-Alzette", "-sur-Sûre"],
  },
  MT: {
    laus: 68,
    codeWidth: 2,
    prefixes: ["Il-", "Ħal ", "Ix-", ""],
    stems: ["Għarg", "Żebb", "Żejt", "Birkir", "Qormi", "Mosta"],
    middles: [""],
    endings: ["ħur", "uġ", "un", "kara", ""],
    qualifiers: [""],
  },
};

const statusFor = (random: () => number, memberCountry: boolean) => {
  const r = random();
  if (memberCountry) return r < 0.3 ? "member" : r < 0.36 ? "applicant" : r < 0.42 ? "former" : "partner";
  return r < 0.92 ? "partner" : "former";
};

function prioritiesFor(random: () => number): string {
  const count = Math.floor(random() * 4);
  const chosen = new Set<string>();
  for (let i = 0; i < count; i++) chosen.add(pick(random, priorityCodes));
  return [...chosen].join("|");
}

function memberSince(random: () => number): string {
  const year = 2003 + Math.floor(random() * 23);
  const month = pick(random, ["02", "05", "11"]);
  return `${year}-${month}-${String(10 + Math.floor(random() * 15))}`;
}

/** A plausible inhabitant count: most LAUs are small, a few are cities. */
const inhabitantsFor = (random: () => number) => Math.round(200 * Math.exp(random() * random() * 9));

const slug = (value: string) =>
  value
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

function row(values: Partial<CsvRow>): CsvRow {
  const out = {} as CsvRow;
  for (const c of csvColumns) out[c] = values[c] ?? "";
  return out;
}

function italianName(p: ReferencePlaceRow): string {
  if (p.kind === "municipality") return `Comune di ${p.name}`;
  return p.name; // "Regione …", "Provincia di …" already
}

function swedishName(p: ReferencePlaceRow): string {
  if (p.kind === "municipality") return `${p.name} kommun`;
  return p.name; // "Region Skåne"
}

/**
 * The directory's organisations as CSV rows (the import's columns): `total` rows, the real
 * Italian and Swedish places first, then generated LAUs of the other EU countries.
 */
export function generateOrganisations(places: ReferencePlaceRow[], total: number): CsvRow[] {
  const random = seededRandom(98_000);
  const rows: CsvRow[] = [];
  const sorted = [...places].sort(
    (a, b) => a.country_code.localeCompare(b.country_code) || a.official_code.localeCompare(b.official_code),
  );
  for (const p of sorted) {
    if (rows.length >= total) return rows;
    const status = statusFor(random, true);
    const name = p.country_code === "IT" ? italianName(p) : swedishName(p);
    const type = p.kind === "municipality" ? "municipality" : p.kind;
    rows.push(
      row({
        name,
        country: p.country_code,
        type,
        official_code: p.official_code,
        // Two provinces straddle NUTS 3 regions ("ITC43|ITC46"): the directory takes one code.
        nuts3: p.nuts3 && /^[A-Z]{2}[A-Z0-9]{3}$/.test(p.nuts3) ? p.nuts3 : "",
        inhabitants: p.inhabitants === null ? "" : String(p.inhabitants),
        website: random() < 0.5 ? `https://www.${slug(name)}.example` : "",
        status,
        member_since: status === "member" ? memberSince(random) : "",
        priorities: prioritiesFor(random),
      }),
    );
  }
  const remaining = total - rows.length;
  const entries = Object.entries(countries);
  const weight = entries.reduce((sum, [, c]) => sum + c.laus, 0);
  entries.forEach(([country, parts], index) => {
    const target = index === entries.length - 1 ? total - rows.length : Math.round((remaining * parts.laus) / weight);
    const seen = new Set<string>();
    for (let i = 0; i < target && rows.length < total; i++) {
      let name = "";
      for (let attempt = 0; attempt < 8; attempt++) {
        const prefix = pick(random, parts.prefixes);
        // "Neu" + "Schön…" is written "Neuschön…", as in real names.
        const glued = /\p{L}$/u.test(prefix);
        const stem = pick(random, parts.stems);
        const head = glued ? stem.charAt(0).toLowerCase() + stem.slice(1) : stem;
        name = `${prefix}${head}${pick(random, parts.middles)}${pick(random, parts.endings)}${pick(random, parts.qualifiers)}`;
        name = name.charAt(0).toUpperCase() + name.slice(1);
        if (!seen.has(normalizeText(name))) break;
      }
      // The import matches rows without an official code on the normalised name: keep those unique.
      if (seen.has(normalizeText(name))) name = `${name} ${i}`;
      seen.add(normalizeText(name));
      const type = random() < 0.96 ? "municipality" : pick(random, ["civil_society", "education", "region"]);
      const status = statusFor(random, false);
      rows.push(
        row({
          name: name.trim(),
          country,
          type,
          official_code: type === "municipality" ? String(i + 1).padStart(parts.codeWidth, "0") : "",
          inhabitants: type === "municipality" ? String(inhabitantsFor(random)) : "",
          employees: type === "municipality" ? "" : String(1 + Math.floor(random() * 200)),
          website: random() < 0.3 ? `https://www.${slug(name)}.example` : "",
          status,
          priorities: prioritiesFor(random),
        }),
      );
    }
  });
  return rows;
}

/** The rows as a CSV file the way an Italian spreadsheet program writes it: UTF-8 BOM, `;`. */
export function toCsv(rows: CsvRow[]): string {
  const quote = (v: string) => (/[";\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [csvColumns.join(";")];
  for (const r of rows) lines.push(csvColumns.map((c) => quote(r[c])).join(";"));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/**
 * SQL that adds `perOrganisation` fictional contact people to every organisation, in one
 * statement on the server (names that fit the country, the first a legal representative, the
 * second the primary contact). Contacts are not what the benchmark measures, so they are
 * written directly rather than through the service one by one.
 */
export function contactsSql(perOrganisation: number): string {
  const firstNames = {
    IT: ["Giulia", "Marco", "Chiara", "Luca", "Francesca", "Matteo", "Elena", "Paolo"],
    SE: ["Anna", "Erik", "Karin", "Lars", "Åsa", "Björn", "Linnéa", "Örjan"],
    other: ["Maria", "Jürgen", "Élodie", "Piotr", "Lucía", "Jan", "Zsófia", "Nikolaos"],
  };
  const surnames = {
    IT: ["Rossi", "Ferrari", "Bianchi", "Romano", "Colombo", "Ricci", "Montanari", "Zanetti"],
    SE: ["Andersson", "Johansson", "Lindqvist", "Bergström", "Sjöberg", "Åberg", "Söderberg", "Nilsson"],
    other: ["Müller", "García", "Dubois", "Kowalski", "Novák", "Horvat", "Papadopoulos", "Nagy"],
  };
  const arr = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]`;
  const byCountry = (kind: "first" | "last") => {
    const lists = kind === "first" ? firstNames : surnames;
    return `CASE o.country WHEN 'IT' THEN ${arr(lists.IT)} WHEN 'SE' THEN ${arr(lists.SE)} ELSE ${arr(lists.other)} END`;
  };
  return `
    INSERT INTO contacts (organisation_id, name, job_title, email, phone, preferred_language, legal_representative, primary_contact)
    SELECT o.id,
           (${byCountry("first")})[1 + (o.n * 7 + g.i * 3) % 8] || ' ' || (${byCountry("last")})[1 + (o.n * 5 + g.i) % 8],
           CASE g.i WHEN 1 THEN 'Legal representative' WHEN 2 THEN 'EU project officer' ELSE 'Staff' END,
           'contact' || g.i || '.' || o.n || '@org' || o.n || '.example',
           '+00 ' || lpad((o.n * 31 + g.i)::text, 9, '0'),
           CASE o.country WHEN 'IT' THEN 'it' WHEN 'SE' THEN 'sv' ELSE 'en' END,
           g.i = 1,
           g.i = 2
    FROM (SELECT id, country, row_number() OVER (ORDER BY country, official_code, name) AS n FROM organisations) o
    CROSS JOIN generate_series(1, ${Math.max(1, Math.floor(perOrganisation))}) AS g(i)`;
}
