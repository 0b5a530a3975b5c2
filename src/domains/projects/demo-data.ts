/**
 * The demo data set's projects, built so that the network's figures come out as the brochure
 * publishes them: 178 projects submitted at EU level from 2007 to 2026, 130 approved and 48
 * rejected (every submission decided: a grant rate of 130 / 178 = 73 %), EUR 13,000,000.00 of EU
 * grants awarded and 20,000 participants. Besides them: a few ideas not yet submitted and a few
 * projects funded nationally or by the members (no funding status, so they never count).
 *
 * Pure and deterministic: the same organisations give the same projects every time (a seeded
 * PRNG, a fixed "today" DEMO_PROJECTS_AS_OF for the phases). The projects the brochure names
 * (CREANET, BAGS4YOUTH, EQUAP, MOBEC, MANTT, QLSE) are among the approved ones, with illustrative
 * figures; every other project is fictional (demo-catalogue.ts). loadProjectsDemo (demo.ts)
 * writes them to the database.
 */
import { euCountries, priorities as priorityList } from "~/domains/reference/sern";
import { pick, seededRandom } from "~/seed/demo-people";
import { type Concept, concepts, type Family, type Kind, outsideOrganisations, type Priority } from "./demo-catalogue";
import type { FundingStatus, Phase } from "./pipeline";
import type { ProjectText } from "./schema";

/** The demo's "today": phases (implementation, evaluation, closure) are as of this day. */
export const DEMO_PROJECTS_AS_OF = "2026-11-20";

/** The brochure's figures, which the EU-level submissions add up to. */
export const BROCHURE_FIGURES = {
  submitted: 178,
  approved: 130,
  rejected: 48,
  euGrantAwardedCents: 1_300_000_000,
  participants: 20_000,
} as const;

/** What the generator needs to know of an organisation of the directory (members and partners). */
export type DemoOrganisationInfo = {
  name: string;
  country: string;
  type: string;
  status: string;
  memberSince: string | null;
  priorities: readonly string[];
};

export type DemoPartner =
  | {
      kind: "organisation";
      organisation: string;
      role: "lead" | "partner" | "associated";
      budgetShareCents: number | null;
    }
  | { kind: "network"; role: "lead" | "partner"; budgetShareCents: number | null }
  | {
      kind: "external";
      name: string;
      country: string;
      organisationType: string;
      role: "lead" | "partner" | "associated";
      budgetShareCents: number | null;
    };

export type DemoTransition = {
  fromPhase: Phase | null;
  toPhase: Phase;
  fromFundingStatus: FundingStatus | null;
  toFundingStatus: FundingStatus | null;
  reason: string | null;
  /** ISO timestamp. */
  at: string;
};

export type DemoProject = {
  /** Unique within the demo: year, running number and acronym. */
  key: string;
  /** The key of the idea's first submission (its own key for a first submission). */
  ideaKey: string;
  resubmissionOfKey: string | null;
  submissionNumber: number;
  /** The programme's level: only `eu` submissions count in the brochure's figures. */
  level: "eu" | "national" | "member";
  /** One of the projects the brochure names. */
  named: boolean;
  acronym: string;
  title: ProjectText;
  summary: ProjectText;
  priorities: Priority[];
  programmeCode: string;
  actionCode: string | null;
  callIdentifier: string | null;
  deadline: string;
  submittedOn: string | null;
  /** The member organisation (by name) that started the idea; null: the network. */
  initiator: string | null;
  phase: Phase;
  fundingStatus: FundingStatus | null;
  totalBudgetCents: number | null;
  grantRequestedCents: number | null;
  grantAwardedCents: number | null;
  grantPaidCents: number | null;
  participantsPlanned: number | null;
  participantsActual: number | null;
  startDate: string | null;
  endDate: string | null;
  websiteUrl: string | null;
  internal: boolean;
  partners: DemoPartner[];
  /** From the creation (from null) to the current phase, oldest first. */
  transitions: DemoTransition[];
};

// ---------------------------------------------------------------------------------------------
// Dates

const parseDay = (day: string) => {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
};
const dayOf = (date: Date) => date.toISOString().slice(0, 10);
export const addDays = (day: string, days: number) => dayOf(new Date(parseDay(day).getTime() + days * 86_400_000));
export function addMonths(day: string, months: number): string {
  const d = parseDay(day);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return dayOf(target);
}
const firstOfNextMonth = (day: string) => `${addMonths(day, 1).slice(0, 7)}-01`;

// ---------------------------------------------------------------------------------------------
// The plan: submissions and approvals per deadline year (sums: 178 and 130)

const yearPlan: readonly [year: number, submitted: number, approved: number][] = [
  [2007, 4, 3],
  [2008, 6, 4],
  [2009, 7, 5],
  [2010, 8, 6],
  [2011, 9, 6],
  [2012, 9, 7],
  [2013, 10, 7],
  [2014, 11, 8],
  [2015, 12, 9],
  [2016, 11, 8],
  [2017, 11, 8],
  [2018, 11, 8],
  [2019, 10, 7],
  [2020, 8, 6],
  [2021, 9, 7],
  [2022, 9, 7],
  [2023, 10, 7],
  [2024, 9, 7],
  [2025, 8, 6],
  [2026, 6, 4],
];

/** How often each kind of programme is applied to, by period. */
function familyWeights(year: number): [Family, number][] {
  if (year <= 2013)
    return [
      ["citizens", 55],
      ["education", 33],
      ["regional", 8],
      ["climate", 4],
    ];
  if (year <= 2020)
    return [
      ["citizens", 35],
      ["education", 42],
      ["regional", 8],
      ["climate", 3],
      ["migration", 7],
      ["culture", 5],
    ];
  return [
    ["citizens", 30],
    ["education", 36],
    ["regional", 9],
    ["research", 7],
    ["climate", 4],
    ["migration", 5],
    ["social", 4],
    ["culture", 2],
    ["digital", 3],
  ];
}

/** How much likelier than average a submission of this kind is rejected (competitive calls). */
const rejectionWeight: Record<Family, number> = {
  citizens: 1,
  education: 1,
  regional: 2,
  research: 4,
  climate: 2,
  migration: 1.5,
  social: 1.5,
  culture: 1.5,
  digital: 2,
};

/** Where a kind of project goes in a given year: programme, action, call and its timing. */
type CallInfo = {
  programmeCode: string;
  actionCode: string | null;
  callIdentifier: string;
  /** MM-DD of the deadline (choices). */
  deadlines: string[];
  /** Months from the deadline to the decision. */
  decision: [number, number];
  /** Months the project runs. */
  duration: [number, number];
};

function callFor(family: Family, kind: Kind, year: number, variant: number): CallInfo {
  const yy = String(year).slice(2);
  const v = <T>(items: readonly T[]): T => items[variant % items.length] as T;
  switch (family) {
    case "citizens": {
      if (year <= 2020) {
        const old = year <= 2013;
        const measure = {
          town_twinning: old ? "1.1" : "2.1",
          networks_of_towns: old ? "1.2" : "2.2",
          civil_society: old ? "2.3" : "2.3",
          remembrance: old ? "4" : "1",
        } as Record<string, string>;
        const action = {
          town_twinning: "efc_town_twinning",
          networks_of_towns: "efc_networks_of_towns",
          civil_society: "efc_civil_society",
          remembrance: "efc_remembrance",
        } as Record<string, string>;
        return {
          programmeCode: "europe_for_citizens",
          actionCode: action[kind] ?? "efc_town_twinning",
          callIdentifier: `EFC-${year}-${measure[kind] ?? "2.1"}`,
          deadlines:
            kind === "remembrance" ? (old ? ["06-01"] : ["03-01"]) : old ? ["02-01", "09-01"] : ["03-01", "09-01"],
          decision: [4, 5],
          duration:
            kind === "town_twinning"
              ? [6, 12]
              : kind === "remembrance"
                ? [12, 18]
                : kind === "civil_society"
                  ? [18, 18]
                  : [18, 24],
        };
      }
      const action =
        kind === "town_twinning"
          ? ["cerv_town_twinning", "TT"]
          : kind === "remembrance"
            ? ["cerv_remembrance", "REM"]
            : ["cerv_networks_of_towns", "NT"];
      return {
        programmeCode: "cerv",
        actionCode: action[0] ?? null,
        callIdentifier: action[1] === "REM" ? `CERV-${year}-CITIZENS-REM` : `CERV-${year}-CITIZENS-TOWN-${action[1]}`,
        deadlines: action[1] === "REM" ? ["04-20"] : ["02-22", "09-20"],
        decision: [4, 5],
        duration: kind === "town_twinning" ? [6, 12] : kind === "remembrance" ? [12, 18] : [18, 24],
      };
    }
    case "education": {
      const mobility = kind === "mobility";
      if (year <= 2013)
        return {
          programmeCode: "erasmus_plus",
          actionCode: mobility ? "erasmus_ka1" : "erasmus_ka2",
          callIdentifier: mobility
            ? `LLP-${year}-${v(["LEONARDO-VETPRO", "GRUNDTVIG-IST", "COMENIUS-IST"])}`
            : `LLP-${year}-${v(["COMENIUS-PARTNERSHIPS", "GRUNDTVIG-PARTNERSHIPS", "COMENIUS-REGIO"])}`,
          deadlines: mobility ? ["02-05"] : ["02-21"],
          decision: [4, 5],
          duration: mobility ? [12, 24] : [24, 24],
        };
      const code = year <= 2020 ? v(mobility ? ["KA101", "KA102", "KA104"] : ["KA201", "KA202", "KA204"]) : "";
      const newCode = v(mobility ? ["KA122-SCH", "KA122-VET", "KA122-ADU"] : ["KA220-SCH", "KA220-VET", "KA220-ADU"]);
      return {
        programmeCode: "erasmus_plus",
        actionCode: mobility ? "erasmus_ka1" : "erasmus_ka2",
        callIdentifier: `${year}-${year <= 2020 ? code : newCode}`,
        deadlines: mobility ? (year <= 2020 ? ["02-02"] : ["02-20"]) : year <= 2020 ? ["03-21"] : ["03-05"],
        decision: [3, 4],
        duration: mobility ? [12, 24] : [24, 36],
      };
    }
    case "regional":
      return kind === "cross_border"
        ? {
            programmeCode: "interreg_cross_border",
            actionCode: null,
            callIdentifier: `${v(["INTERREG-OKS", "INTERREG-ITA-AUT", "INTERREG-ITA-SLO", "INTERREG-CENTRAL-BALTIC"])}-${year}`,
            deadlines: ["05-15"],
            decision: [5, 6],
            duration: [30, 36],
          }
        : {
            programmeCode: "interreg_europe",
            actionCode: null,
            callIdentifier: year <= 2013 ? `INTERREG-IVC-${year}` : `INTERREG-EUROPE-${year}`,
            deadlines: ["06-30"],
            decision: [5, 7],
            duration: [36, 48],
          };
    case "research":
      return {
        programmeCode: "horizon_europe",
        actionCode: null,
        callIdentifier: v([
          `HORIZON-CL2-${year}-DEMOCRACY-01`,
          `HORIZON-MISS-${year}-CIT-01-01`,
          `HORIZON-CL5-${year}-D6-01`,
          `HORIZON-CL2-${year}-TRANSFORMATIONS-01`,
        ]),
        deadlines: ["04-10"],
        decision: [5, 5],
        duration: [36, 42],
      };
    case "climate":
      return {
        programmeCode: "life",
        actionCode: null,
        callIdentifier:
          year <= 2013 ? `LIFE+${year}-ENV` : year <= 2020 ? `LIFE${yy}-CCA` : `LIFE-${year}-SAP-CLIMA-CCA`,
        deadlines: year <= 2013 ? ["09-15"] : ["10-04"],
        decision: [7, 8],
        duration: [36, 60],
      };
    case "migration":
      return {
        programmeCode: "amif",
        actionCode: null,
        callIdentifier: year <= 2020 ? `HOME-${year}-AMIF-AG-INTE` : `AMIF-${year}-TF2-AG-INTE`,
        deadlines: ["02-16"],
        decision: [6, 7],
        duration: [24, 36],
      };
    case "social":
      return {
        programmeCode: "esf_plus",
        actionCode: null,
        callIdentifier: `ESF-${year}-SOC-INNOV`,
        deadlines: ["05-25"],
        decision: [5, 6],
        duration: [24, 30],
      };
    case "culture":
      return {
        programmeCode: "creative_europe",
        actionCode: null,
        callIdentifier: year <= 2020 ? `EACEA-${year}-CE-COOP` : `CREA-CULT-${year}-COOP`,
        deadlines: year <= 2020 ? ["10-07"] : ["05-04"],
        decision: [5, 6],
        duration: [24, 36],
      };
    case "digital":
      return {
        programmeCode: "digital_europe",
        actionCode: null,
        callIdentifier: `DIGITAL-${year}-DEPLOY-04`,
        deadlines: ["02-22"],
        decision: [6, 7],
        duration: [24, 36],
      };
  }
}

/** Whether the programmes of a family took applications in that year. */
function familyOpen(family: Family, year: number): boolean {
  if (family === "research" || family === "social") return year >= 2021;
  if (family === "digital") return year >= 2022;
  if (family === "migration" || family === "culture") return year >= 2014;
  return true;
}

const kindsOf: Record<Family, [Kind, number][]> = {
  citizens: [
    ["town_twinning", 40],
    ["networks_of_towns", 35],
    ["civil_society", 15],
    ["remembrance", 10],
  ],
  education: [
    ["mobility", 35],
    ["cooperation", 65],
  ],
  regional: [
    ["interregional", 60],
    ["cross_border", 40],
  ],
  research: [["single", 1]],
  climate: [["single", 1]],
  migration: [["single", 1]],
  social: [["single", 1]],
  culture: [["single", 1]],
  digital: [["single", 1]],
};

/** Grant (EUR) and participants of a kind of project, before scaling to the brochure's totals. */
const sizeOf: Record<string, { grant: [number, number]; people: [number, number] }> = {
  "citizens:town_twinning": { grant: [12_000, 25_000], people: [150, 420] },
  "citizens:networks_of_towns": { grant: [60_000, 150_000], people: [250, 650] },
  "citizens:civil_society": { grant: [70_000, 150_000], people: [150, 380] },
  "citizens:remembrance": { grant: [50_000, 100_000], people: [100, 300] },
  "education:mobility": { grant: [30_000, 110_000], people: [16, 60] },
  "education:cooperation": { grant: [110_000, 300_000], people: [40, 160] },
  "regional:interregional": { grant: [350_000, 800_000], people: [60, 200] },
  "regional:cross_border": { grant: [250_000, 650_000], people: [80, 240] },
  "research:single": { grant: [700_000, 1_300_000], people: [100, 300] },
  "climate:single": { grant: [500_000, 1_100_000], people: [100, 380] },
  "migration:single": { grant: [250_000, 650_000], people: [80, 240] },
  "social:single": { grant: [200_000, 500_000], people: [60, 200] },
  "culture:single": { grant: [120_000, 300_000], people: [200, 600] },
  "digital:single": { grant: [400_000, 900_000], people: [40, 150] },
};

/** Share of the total budget the grant covers (co-financing), by programme. */
const grantRate: Record<string, number> = {
  europe_for_citizens: 1,
  cerv: 1,
  erasmus_plus: 1,
  interreg_europe: 0.8,
  interreg_cross_border: 0.8,
  horizon_europe: 1,
  life: 0.6,
  amif: 0.9,
  esf_plus: 0.85,
  creative_europe: 0.6,
  digital_europe: 0.5,
};

/** Member types that typically lead or join each kind of project. */
const typesFor: Record<Family, string[]> = {
  citizens: ["municipality", "municipal_association", "civil_society", "province"],
  education: ["education", "municipality", "civil_society", "municipal_association"],
  regional: ["region", "municipality", "province", "municipal_association", "county_administrative_board"],
  research: ["region", "municipality", "education", "county_administrative_board"],
  climate: ["municipality", "region", "county_administrative_board", "civil_society", "province"],
  migration: ["municipality", "civil_society", "county_administrative_board", "municipal_association"],
  social: ["municipality", "civil_society", "municipal_association", "region"],
  culture: ["municipality", "civil_society", "region", "education"],
  digital: ["region", "municipality", "municipal_association"],
};

// ---------------------------------------------------------------------------------------------
// The projects the brochure names

type FixedPartner =
  | { org: string; role?: "lead" | "partner" | "associated" }
  | { network: true; role?: "lead" | "partner" }
  | { name: string; country: string; type: string; role?: "lead" | "partner" | "associated" };

type NamedSpec = {
  acronym: string;
  title: ProjectText;
  summary: ProjectText;
  priorities: Priority[];
  family: Family;
  programmeCode: string;
  actionCode: string | null;
  callIdentifier: string;
  deadline: string;
  decision: string;
  startDate: string;
  endDate: string;
  grantEur: number;
  requestedEur: number;
  participants: number;
  websiteUrl?: string;
  initiator: string | null;
  partners: FixedPartner[];
};

const named: NamedSpec[] = [
  {
    acronym: "MANTT",
    title: { en: "Managing networks of twinned towns", it: "Gestire le reti di città gemellate" },
    summary: {
      en: "Training and tools for municipal officers who plan and run thematic networks of twinned towns. Identified by the European Commission as one of 25 high-quality projects of the Europe for Citizens programme 2007–2013.",
    },
    priorities: ["active_citizenship", "e_government"],
    family: "citizens",
    programmeCode: "europe_for_citizens",
    actionCode: "efc_networks_of_towns",
    callIdentifier: "EFC-2008-1.2",
    deadline: "2008-09-01",
    decision: "2008-12-15",
    startDate: "2009-01-15",
    endDate: "2009-12-31",
    grantEur: 96_400,
    requestedEur: 98_900,
    participants: 310,
    initiator: null,
    partners: [
      { network: true, role: "lead" },
      { org: "Comune di Reggio nell'Emilia" },
      { org: "Comune di Forlì" },
      { org: "Uppsala kommun" },
      { org: "Region Skåne" },
      { name: "Ayuntamiento de Zaragoza", country: "ES", type: "municipality" },
      { name: "Tampereen kaupunki", country: "FI", type: "municipality" },
    ],
  },
  {
    acronym: "QLSE",
    title: {
      en: "Quality of life of the seniors in Europe – forward policies and actions for seniors",
      it: "Qualità della vita degli anziani in Europa – politiche e azioni per il futuro",
      sv: "Livskvalitet för äldre i Europa – framåtsyftande politik och åtgärder",
    },
    summary: {
      en: "A network of towns in Italy, France, Germany and Sweden on policies and services for active senior citizens (60+): empowerment, social life, products and services, housing, with a transnational conference on each. Identified by the European Commission as one of 25 high-quality projects of the Europe for Citizens programme 2007–2013.",
      it: "Una rete di città in Italia, Francia, Germania e Svezia sulle politiche e i servizi per gli anziani attivi (60+): empowerment, vita sociale, prodotti e servizi, abitare, con una conferenza transnazionale per ciascun tema.",
    },
    priorities: ["vulnerable_groups", "active_citizenship"],
    family: "citizens",
    programmeCode: "europe_for_citizens",
    actionCode: "efc_networks_of_towns",
    callIdentifier: "EFC-2009-1.2",
    deadline: "2009-06-01",
    decision: "2009-09-25",
    startDate: "2009-11-01",
    endDate: "2011-12-31",
    grantEur: 138_500,
    requestedEur: 142_000,
    participants: 620,
    initiator: "Comune di Parma",
    partners: [
      { network: true, role: "lead" },
      { org: "Comune di Parma" },
      { org: "Provincia di Parma" },
      { org: "Norrköpings kommun" },
      { name: "Skövde kommun", country: "SE", type: "municipality" },
      { name: "Landratsamt Enzkreis", country: "DE", type: "province" },
      { name: "Ville de Tours", country: "FR", type: "municipality" },
      { name: "Comune di Traversetolo", country: "IT", type: "municipality" },
      { name: "Università di Parma", country: "IT", type: "education", role: "associated" },
    ],
  },
  {
    acronym: "CREANET",
    title: {
      en: "Creativity in pre-school education – a European network",
      it: "La creatività nella scuola dell'infanzia – una rete europea",
      sv: "Kreativitet i förskolan – ett europeiskt nätverk",
    },
    summary: {
      en: "A Comenius multilateral network of the Lifelong Learning Programme (the predecessor of Erasmus+, under which the demo files it): a European forum on creativity in pre-school – contexts, materials and expressive languages – with action research, exchanges between pre-schools and annual conferences. For its results as coordinator, EACEA invited SERN to advise other Comenius coordinators on project management.",
      sv: "Ett Comenius-nätverk inom programmet för livslångt lärande: ett europeiskt forum om kreativitet i förskolan, med aktionsforskning, utbyten mellan förskolor och årliga konferenser.",
    },
    priorities: ["quality_education"],
    family: "education",
    programmeCode: "erasmus_plus",
    actionCode: "erasmus_ka2",
    callIdentifier: "LLP-2010-COMENIUS-NETWORKS",
    deadline: "2010-02-26",
    decision: "2010-08-30",
    startDate: "2010-12-01",
    endDate: "2013-11-30",
    grantEur: 412_650,
    requestedEur: 449_800,
    participants: 480,
    initiator: "Comune di Reggio nell'Emilia",
    partners: [
      { network: true, role: "lead" },
      { org: "Comune di Reggio nell'Emilia" },
      { org: "Comune di Modena" },
      { org: "Göteborgs Stad" },
      { org: "Uppsala kommun" },
      { name: "Universidad de Granada", country: "ES", type: "education" },
      { name: "Uniwersytet Wrocławski", country: "PL", type: "education" },
      { name: "Turun ammattikorkeakoulu", country: "FI", type: "education" },
      { name: "Linköpings universitet", country: "SE", type: "education" },
    ],
  },
  {
    acronym: "EQUAP",
    title: {
      en: "Enhancing quality in early childhood education and care through participation",
      it: "Migliorare la qualità dei servizi educativi per la prima infanzia attraverso la partecipazione",
      sv: "Ökad kvalitet i förskolan genom delaktighet",
    },
    summary: {
      en: "An Erasmus+ strategic partnership in school education coordinated by SERN: better quality in early childhood education and care through the participation of families, with job shadowing among pre-school teachers, quality indicators and a toolbox in nine languages. Selected as best practice by INDIRE, the Italian Erasmus+ agency, and included in the Toolkit for inclusive early childhood education and care published by the Commission's DG EAC.",
      it: "Partenariato strategico Erasmus+ coordinato da SERN sulla partecipazione delle famiglie come chiave della qualità dei servizi per la prima infanzia. Selezionato come buona pratica da INDIRE.",
      sv: "Ett strategiskt partnerskap inom Erasmus+ som SERN samordnade: föräldrarnas delaktighet som nyckel till kvalitet i förskolan. Utvalt som god praxis av INDIRE.",
    },
    priorities: ["quality_education", "vulnerable_groups"],
    family: "education",
    programmeCode: "erasmus_plus",
    actionCode: "erasmus_ka2",
    callIdentifier: "2015-KA201",
    deadline: "2015-03-31",
    decision: "2015-07-20",
    startDate: "2015-09-01",
    endDate: "2017-08-31",
    grantEur: 298_760,
    requestedEur: 312_400,
    participants: 140,
    websiteUrl: "https://www.equap.eu",
    initiator: "Comune di Forlì",
    partners: [
      { network: true, role: "lead" },
      { org: "Comune di Forlì" },
      { name: "Linköpings kommun", country: "SE", type: "municipality" },
      { name: "VBJK – Centre for Innovation in the Early Years", country: "BE", type: "civil_society" },
      { name: "Elmer vzw", country: "BE", type: "civil_society" },
      { name: "Escola Superior de Educação de Paula Frassinetti", country: "PT", type: "education" },
      { name: "Colégio do Sardão", country: "PT", type: "education" },
      { name: "Liepājas Universitāte", country: "LV", type: "education" },
      { name: "Pedagoški inštitut", country: "SI", type: "other_public" },
      { name: "Vrtec Otona Župančiča Slovenska Bistrica", country: "SI", type: "education" },
      { name: "University of Crete", country: "GR", type: "education" },
    ],
  },
  {
    acronym: "MOBEC",
    title: {
      en: "Mobility in elderly care (Italian application)",
      it: "Mobilità nell'assistenza agli anziani (candidatura italiana)",
      sv: "Mobilitet inom äldreomsorgen (den italienska ansökan)",
    },
    summary: {
      en: "One of the two Erasmus+ KA1 applications, in Italy and in Sweden, behind MOBEC: job shadowing for elderly care staff in the partner countries' municipal social services and a course in case management in Finland, to strengthen the trainers of care staff. Selected as best practice by INDIRE.",
      it: "Una delle due candidature Erasmus+ KA1, in Italia e in Svezia: job shadowing per il personale dell'assistenza agli anziani e un corso sulla gestione dei casi in Finlandia. Selezionato come buona pratica da INDIRE.",
    },
    priorities: ["vulnerable_groups", "quality_education"],
    family: "education",
    programmeCode: "erasmus_plus",
    actionCode: "erasmus_ka1",
    callIdentifier: "2015-KA102",
    deadline: "2015-02-04",
    decision: "2015-05-29",
    startDate: "2015-06-01",
    endDate: "2017-05-31",
    grantEur: 86_420,
    requestedEur: 91_300,
    participants: 45,
    initiator: "Unione delle Terre d'Argine",
    partners: [
      { network: true, role: "lead" },
      { org: "Unione delle Terre d'Argine" },
      { org: "Comune di Reggio nell'Emilia" },
      { org: "Västerås stad" },
      { name: "Satakunnan ammattikorkeakoulu", country: "FI", type: "education" },
    ],
  },
  {
    acronym: "MOBEC",
    title: {
      en: "Mobility in elderly care (Swedish application)",
      it: "Mobilità nell'assistenza agli anziani (candidatura svedese)",
      sv: "Mobilitet inom äldreomsorgen (den svenska ansökan)",
    },
    summary: {
      en: "The Swedish one of the two Erasmus+ KA1 applications behind MOBEC: job shadowing for elderly care staff in Italian municipal services and a course in case management in Finland.",
      sv: "Den svenska av de två Erasmus+ KA1-ansökningarna bakom MOBEC: jobbskuggning för personal inom äldreomsorgen i Italien och en kurs i ärendehantering i Finland.",
    },
    priorities: ["vulnerable_groups", "quality_education"],
    family: "education",
    programmeCode: "erasmus_plus",
    actionCode: "erasmus_ka1",
    callIdentifier: "2015-KA102",
    deadline: "2015-02-04",
    decision: "2015-05-27",
    startDate: "2015-06-01",
    endDate: "2017-05-31",
    grantEur: 97_350,
    requestedEur: 99_800,
    participants: 54,
    initiator: "Västerås stad",
    partners: [
      { org: "Västerås stad", role: "lead" },
      { org: "Region Västmanland" },
      { network: true },
      { org: "Unione delle Terre d'Argine" },
      { name: "Satakunnan ammattikorkeakoulu", country: "FI", type: "education" },
    ],
  },
  {
    acronym: "BAGS4YOUTH",
    title: {
      en: "Building actions of guidance services for youth employment network",
      it: "Rete per azioni di orientamento al lavoro dei giovani",
      sv: "Nätverk för vägledningstjänster för ungas sysselsättning",
    },
    summary: {
      en: "A network of twinned towns (Europe for Citizens, measure 2.2) exchanging practice on guidance services for young people's employment and self-employment, with attention to young people at risk of marginalisation, and on the dialogue between young people and local institutions. Selected by EACEA as best practice and presented at the European Week of Regions and Cities.",
      it: "Una rete di città gemellate sui servizi di orientamento al lavoro per i giovani, con attenzione ai più svantaggiati. Selezionata da EACEA come buona pratica.",
    },
    priorities: ["vulnerable_groups", "active_citizenship"],
    family: "citizens",
    programmeCode: "europe_for_citizens",
    actionCode: "efc_networks_of_towns",
    callIdentifier: "EFC-2016-2.2",
    deadline: "2016-09-01",
    decision: "2017-01-20",
    startDate: "2017-03-01",
    endDate: "2019-02-28",
    grantEur: 148_500,
    requestedEur: 149_800,
    participants: 820,
    initiator: null,
    partners: [
      { network: true, role: "lead" },
      { org: "Comune di Forlì" },
      { org: "Unione della Romagna Faentina" },
      { org: "Cooperativa Sociale Il Faro" },
      { org: "Malmö stad" },
      { org: "Örebro kommun" },
      { name: "Ayuntamiento de Zaragoza", country: "ES", type: "municipality" },
      { name: "Câmara Municipal de Braga", country: "PT", type: "municipality" },
      { name: "Grad Rijeka", country: "HR", type: "municipality" },
      { name: "Stadt Jena", country: "DE", type: "municipality" },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Ideas not yet submitted, and projects funded nationally or by the members (no funding status)

type IdeaSpec = {
  acronym: string;
  title: ProjectText;
  summary: string;
  priorities: Priority[];
  level: "eu" | "national" | "member";
  programmeCode: string;
  actionCode: string | null;
  callIdentifier: string | null;
  deadline: string;
  phase: "identification" | "formulation";
  created: string;
  formulated?: string;
  initiator: string | null;
  partners: FixedPartner[];
  totalEur: number | null;
  requestedEur: number | null;
  participantsPlanned: number;
};

const ideas: IdeaSpec[] = [
  {
    acronym: "TWINFUTURE",
    title: { en: "Twinned towns imagining 2040", it: "Città gemellate immaginano il 2040" },
    summary: "Citizens of twinned towns imagine their town in 2040 and bring their proposals to their councils.",
    priorities: ["active_citizenship", "climate_action"],
    level: "eu",
    programmeCode: "cerv",
    actionCode: "cerv_town_twinning",
    callIdentifier: "CERV-2027-CITIZENS-TOWN-TT",
    deadline: "2027-02-23",
    phase: "identification",
    created: "2026-10-12",
    initiator: "Comune di Parma",
    partners: [{ org: "Comune di Parma", role: "lead" }, { org: "Uppsala kommun" }],
    totalEur: null,
    requestedEur: null,
    participantsPlanned: 240,
  },
  {
    acronym: "DIGICARE",
    title: { en: "Digital skills for home-care workers", sv: "Digital kompetens för hemtjänstpersonal" },
    summary: "Home-care workers learn to use digital tools with and for the older people they care for.",
    priorities: ["digital_skills", "vulnerable_groups"],
    level: "eu",
    programmeCode: "erasmus_plus",
    actionCode: "erasmus_ka2",
    callIdentifier: "2027-KA220-ADU",
    deadline: "2027-03-04",
    phase: "formulation",
    created: "2026-06-15",
    formulated: "2026-10-01",
    initiator: "Västerås stad",
    partners: [
      { org: "Västerås stad", role: "lead" },
      { network: true },
      { org: "Comune di Modena" },
      { org: "Circolo Anziani Attivi Modena" },
      { name: "Volkshochschule Leipzig", country: "DE", type: "education" },
    ],
    totalEur: 250_000,
    requestedEur: 250_000,
    participantsPlanned: 120,
  },
  {
    acronym: "LIFE HEATSAFE",
    title: { en: "Heat-safe neighbourhoods", it: "Quartieri al riparo dal caldo" },
    summary: "Shade, water and green spaces against heatwaves in dense neighbourhoods, planned with the residents.",
    priorities: ["climate_action", "vulnerable_groups"],
    level: "eu",
    programmeCode: "life",
    actionCode: null,
    callIdentifier: "LIFE-2027-SAP-CLIMA-CCA",
    deadline: "2027-09-23",
    phase: "identification",
    created: "2026-11-03",
    initiator: "Regione Emilia-Romagna",
    partners: [{ org: "Regione Emilia-Romagna", role: "lead" }],
    totalEur: null,
    requestedEur: null,
    participantsPlanned: 300,
  },
  {
    acronym: "RURALMOVE",
    title: { en: "Shared mobility for rural areas", sv: "Delad mobilitet på landsbygden" },
    summary: "Demand-responsive transport and car sharing for villages without regular bus lines.",
    priorities: ["smart_mobility", "vulnerable_groups"],
    level: "eu",
    programmeCode: "interreg_europe",
    actionCode: null,
    callIdentifier: "INTERREG-EUROPE-2027",
    deadline: "2027-05-31",
    phase: "formulation",
    created: "2026-04-20",
    formulated: "2026-09-14",
    initiator: "Region Skåne",
    partners: [
      { org: "Region Skåne", role: "lead" },
      { org: "Provincia di Modena" },
      { network: true },
      { name: "Conseil départemental de la Gironde", country: "FR", type: "province" },
    ],
    totalEur: 1_250_000,
    requestedEur: 1_000_000,
    participantsPlanned: 150,
  },
  {
    acronym: "WELCOMEWORK",
    title: { en: "From welcome to work" },
    summary: "A first job within a year of arrival: municipalities, employers and language schools together.",
    priorities: ["vulnerable_groups"],
    level: "eu",
    programmeCode: "amif",
    actionCode: null,
    callIdentifier: null,
    deadline: "2027-04-15",
    phase: "identification",
    created: "2026-09-08",
    initiator: "Malmö stad",
    partners: [{ org: "Malmö stad", role: "lead" }, { org: "Associazione Mosaico Interculturale" }],
    totalEur: null,
    requestedEur: null,
    participantsPlanned: 200,
  },
  {
    acronym: "CIVICAI",
    title: { en: "Citizens and artificial intelligence in local government" },
    summary: "How municipalities can use artificial intelligence in their services with their citizens' trust.",
    priorities: ["e_government", "active_citizenship"],
    level: "eu",
    programmeCode: "horizon_europe",
    actionCode: null,
    callIdentifier: "HORIZON-CL2-2027-DEMOCRACY-01",
    deadline: "2027-04-08",
    phase: "formulation",
    created: "2026-05-11",
    formulated: "2026-10-20",
    initiator: null,
    partners: [
      { network: true, role: "lead" },
      { org: "Comune di Bologna" },
      { org: "Helsingborgs stad" },
      { name: "Politecnico di Milano", country: "IT", type: "education" },
      { name: "Aalborg Universitet", country: "DK", type: "education" },
      { name: "Tecnalia Research & Innovation", country: "ES", type: "private" },
    ],
    totalEur: 2_900_000,
    requestedEur: 2_900_000,
    participantsPlanned: 250,
  },
  {
    acronym: "SERN ACADEMY",
    title: {
      en: "SERN Academy: project management for members' staff",
      it: "SERN Academy: progettazione europea per il personale degli enti soci",
      sv: "SERN Academy: projektledning för medlemmarnas personal",
    },
    summary: "Three training days a year on EU project design and management for the staff of member organisations.",
    priorities: ["quality_education", "e_government"],
    level: "member",
    programmeCode: "member_funded",
    actionCode: null,
    callIdentifier: null,
    deadline: "2027-01-31",
    phase: "formulation",
    created: "2026-03-02",
    formulated: "2026-06-10",
    initiator: null,
    partners: [{ network: true, role: "lead" }, { org: "Regione Emilia-Romagna" }, { org: "Region Uppsala" }],
    totalEur: 24_000,
    requestedEur: null,
    participantsPlanned: 60,
  },
  {
    acronym: "PRESCHOOL VISITS",
    title: {
      en: "Study visits between pre-schools in Reggio Emilia and Uppsala",
      it: "Visite di studio tra scuole dell'infanzia di Reggio Emilia e Uppsala",
      sv: "Studiebesök mellan förskolor i Reggio Emilia och Uppsala",
    },
    summary: "Pre-school teachers visit each other's schools for a week, paid by the two municipalities.",
    priorities: ["quality_education"],
    level: "member",
    programmeCode: "member_funded",
    actionCode: null,
    callIdentifier: null,
    deadline: "2027-03-31",
    phase: "identification",
    created: "2026-10-05",
    initiator: "Uppsala kommun",
    partners: [{ org: "Uppsala kommun", role: "lead" }, { org: "Comune di Reggio nell'Emilia" }],
    totalEur: 18_000,
    requestedEur: null,
    participantsPlanned: 24,
  },
  {
    acronym: "NORDITALIA",
    title: {
      en: "Swedish–Italian days of culture and enterprise",
      it: "Giornate italo-svedesi della cultura e dell'impresa",
      sv: "Svensk-italienska kultur- och företagardagar",
    },
    summary: "Two days of culture and business meetings in Göteborg, with national funding for cultural exchange.",
    priorities: ["sustainable_tourism", "active_citizenship"],
    level: "national",
    programmeCode: "national",
    actionCode: null,
    callIdentifier: null,
    deadline: "2027-02-15",
    phase: "formulation",
    created: "2026-07-01",
    formulated: "2026-09-21",
    initiator: "Göteborgs Stad",
    partners: [{ org: "Göteborgs Stad", role: "lead" }, { network: true }, { org: "Comune di Bologna" }],
    totalEur: 60_000,
    requestedEur: 30_000,
    participantsPlanned: 400,
  },
];

// ---------------------------------------------------------------------------------------------
// The generator

type Slot = {
  year: number;
  index: number;
  family: Family;
  kind: Kind;
  approved: boolean;
  namedSpec?: NamedSpec;
  concept?: Concept;
  acronym?: string;
  title?: ProjectText;
  resubmissionOf?: Slot;
  resubmitted?: boolean;
  submissionNumber: number;
  ideaSlot?: Slot;
  call?: CallInfo;
  deadline?: string;
  decisionDate?: string;
  partners?: DemoPartner[];
  initiator?: string | null;
};

function weighted<T>(random: () => number, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  const last = items[items.length - 1];
  if (!last) throw new Error("weighted pick from an empty list");
  return last[0];
}

const between = (random: () => number, [min, max]: readonly [number, number]) => min + random() * (max - min);
const intBetween = (random: () => number, range: readonly [number, number]) =>
  Math.floor(between(random, [range[0], range[1] + 1]));

/** A time of day in working hours (UTC), so transitions read as made in an office. */
function at(random: () => number, day: string): string {
  const hour = 7 + Math.floor(random() * 9);
  const minute = Math.floor(random() * 60);
  return `${day}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00.000Z`;
}

/** Two moves on the same day keep their order: each comes at least an hour after the one before. */
function inOrder(transitions: DemoTransition[]): void {
  for (let i = 1; i < transitions.length; i++) {
    const previous = transitions[i - 1];
    const current = transitions[i];
    if (!previous || !current) continue;
    const before = Date.parse(previous.at);
    if (Date.parse(current.at) <= before) current.at = new Date(before + 3_600_000).toISOString();
  }
}

const countryName = (code: string) => euCountries.find((c) => c.code === code)?.names.en ?? code;
const priorityName = (code: string) => priorityList.find((p) => p.code === code)?.names.en.toLowerCase() ?? code;

function listOf(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function summaryFor(family: Family, kind: Kind, countries: string[], priorities: Priority[]): string {
  const where = listOf(countries.map(countryName));
  const what = listOf(priorities.map(priorityName));
  switch (family) {
    case "citizens":
      if (kind === "town_twinning")
        return `Citizens of twinned towns in ${where} meet for a week of debates, visits and workshops on ${what}.`;
      if (kind === "remembrance")
        return `Schools, archives and citizens in ${where} collect and share memories of Europe's recent history, with exhibitions and public readings.`;
      return `A network of towns and civil-society organisations in ${where} working on ${what}: public events, exchanges of practice and local recommendations.`;
    case "education":
      return kind === "mobility"
        ? `Staff of schools and local authorities learn abroad through job shadowing and courses in ${where}, then share what they learnt on ${what}.`
        : `Schools, local authorities and universities in ${where} develop and test methods and open materials on ${what}.`;
    case "regional":
      return `Regions and municipalities in ${where} improve their policies on ${what} through peer learning, pilot actions and action plans.`;
    case "research":
      return `Researchers, municipalities and citizens in ${where} co-create and test solutions on ${what} in local living labs.`;
    case "climate":
      return `Municipalities and partners in ${where} demonstrate nature-based and technical solutions for ${what}.`;
    case "migration":
      return `Municipalities and associations in ${where} improve the reception and integration of third-country nationals.`;
    case "social":
      return `Social services and civil society in ${where} test new ways of working on ${what}.`;
    case "culture":
      return `Cultural organisations and municipalities in ${where} work with artists and audiences on ${what}.`;
    case "digital":
      return `Municipalities and technology partners in ${where} deploy shared digital services for ${what}.`;
  }
}

/**
 * Builds the demo projects from the directory's organisations (the demo members and partners).
 * Deterministic. Throws if the plan does not add up to the brochure's figures.
 */
export function demoProjects(organisations: readonly DemoOrganisationInfo[]): DemoProject[] {
  const random = seededRandom(178_130_73);
  const orgs = [...organisations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const known = new Set(orgs.map((o) => o.name));

  const planned = yearPlan.reduce((s, [, n, a]) => ({ n: s.n + n, a: s.a + a }), { n: 0, a: 0 });
  if (planned.n !== BROCHURE_FIGURES.submitted || planned.a !== BROCHURE_FIGURES.approved)
    throw new Error("demo projects: the year plan does not add up to the brochure's figures");

  // 1. Slots: one per submission, by deadline year; the named projects take their year's first slots.
  const slots: Slot[] = [];
  for (const [year, submitted, approved] of yearPlan) {
    const fixed = named.filter((n) => Number(n.deadline.slice(0, 4)) === year);
    const yearSlots: Slot[] = fixed.map((spec, index) => ({
      year,
      index,
      family: spec.family,
      kind:
        spec.actionCode === "erasmus_ka1"
          ? "mobility"
          : spec.family === "education"
            ? "cooperation"
            : "networks_of_towns",
      approved: true,
      namedSpec: spec,
      submissionNumber: 1,
    }));
    const open = familyWeights(year).filter(([f]) => familyOpen(f, year));
    for (let index = fixed.length; index < submitted; index++) {
      const family = weighted(random, open);
      yearSlots.push({
        year,
        index,
        family,
        kind: weighted(random, kindsOf[family]),
        approved: true,
        submissionNumber: 1,
      });
    }
    // The rejected ones: weighted towards competitive calls; never a named project.
    const candidates = yearSlots
      .filter((s) => !s.namedSpec)
      .map((s) => ({ s, key: random() ** (1 / rejectionWeight[s.family]) }))
      .sort((a, b) => b.key - a.key);
    for (const { s } of candidates.slice(0, submitted - approved)) s.approved = false;
    slots.push(...yearSlots);
  }

  // 2. Ideas: each slot gets a concept; some rejected submissions come back, reworked, the next year.
  const pools = new Map<Family, { items: Concept[]; next: number }>();
  const usedAcronyms = new Set(named.map((n) => n.acronym));
  for (const idea of ideas) usedAcronyms.add(idea.acronym);
  const drawConcept = (family: Family): { concept: Concept; acronym: string; title: ProjectText } => {
    let pool = pools.get(family);
    if (!pool) {
      const items = [...concepts[family]];
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [items[i], items[j]] = [items[j] as Concept, items[i] as Concept];
      }
      pool = { items, next: 0 };
      pools.set(family, pool);
    }
    const round = Math.floor(pool.next / pool.items.length);
    const concept = pool.items[pool.next % pool.items.length] as Concept;
    pool.next += 1;
    // A second round is the follow-up of an earlier project: "NTT" → "NTT+".
    const acronym = round === 0 ? concept.acronym : `${concept.acronym}${"+".repeat(round)}`;
    if (usedAcronyms.has(acronym)) throw new Error(`demo projects: acronym ${acronym} twice`);
    usedAcronyms.add(acronym);
    const suffix = round === 0 ? null : { en: " – follow-up", it: " – seguito", sv: " – uppföljning" };
    const title: ProjectText = {};
    for (const lang of ["en", "it", "sv"] as const) {
      const text = concept.title[lang];
      if (text) title[lang] = suffix ? `${text}${suffix[lang]}` : text;
    }
    return { concept, acronym, title };
  };

  const cutoff = addDays(DEMO_PROJECTS_AS_OF, -10);
  const timeline = (slot: Slot, variant: number) => {
    const call = callFor(slot.family, slot.kind, slot.year, variant);
    let deadline = `${slot.year}-${pick(random, call.deadlines)}`;
    let decision = addDays(addMonths(deadline, call.decision[1]), -intBetween(random, [0, 20]));
    // Every submission is decided by the demo's today: a late deadline of this year moves earlier.
    while (decision > cutoff) {
      deadline = addMonths(deadline, -1);
      decision = addMonths(decision, -1);
    }
    if (Number(deadline.slice(0, 4)) !== slot.year) throw new Error("demo projects: a deadline left its year");
    return { call, deadline, decision };
  };

  // Each slot's call and dates; the named projects have their own.
  const setTimeline = (slot: Slot) => {
    const t = timeline(slot, Math.floor(random() * 12));
    slot.call = t.call;
    slot.deadline = t.deadline;
    slot.decisionDate = t.decision;
  };
  for (const slot of slots) {
    if (slot.namedSpec) {
      slot.acronym = slot.namedSpec.acronym;
      slot.title = slot.namedSpec.title;
      slot.deadline = slot.namedSpec.deadline;
      slot.decisionDate = slot.namedSpec.decision;
    } else setTimeline(slot);
  }
  // Resubmissions: a rejected submission is reworked for a call of the same kind a year or two later
  // (decided at least two months before that call's deadline); that later slot becomes its resubmission.
  let resubmissions = 0;
  for (const rejected of slots) {
    if (rejected.approved || rejected.namedSpec || resubmissions >= 9 || random() > 0.3) continue;
    const decided = rejected.decisionDate;
    if (!decided) continue;
    const target = slots.find(
      (s) =>
        !s.namedSpec &&
        !s.resubmissionOf &&
        s.family === rejected.family &&
        (s.year === rejected.year + 1 || s.year === rejected.year + 2) &&
        // Mostly approved the second time; now and then rejected again (and perhaps reworked once more).
        (s.approved || resubmissions % 4 === 3),
    );
    if (!target) continue;
    const kind = target.kind;
    target.kind = rejected.kind;
    const t = timeline(target, Math.floor(random() * 12));
    if (addMonths(decided, 2) >= t.deadline) {
      target.kind = kind;
      continue;
    }
    target.call = t.call;
    target.deadline = t.deadline;
    target.decisionDate = t.decision;
    target.resubmissionOf = rejected;
    target.submissionNumber = rejected.submissionNumber + 1;
    rejected.resubmitted = true;
    resubmissions += 1;
  }
  // Ideas: each first submission draws one; a resubmission takes its original's.
  for (const slot of slots) {
    slot.ideaSlot = slot.resubmissionOf ? (slot.resubmissionOf.ideaSlot ?? slot.resubmissionOf) : slot;
    if (slot.namedSpec) continue;
    if (slot.resubmissionOf) {
      slot.concept = slot.resubmissionOf.concept;
      slot.acronym = slot.resubmissionOf.acronym;
      slot.title = slot.resubmissionOf.title;
      continue;
    }
    const drawn = drawConcept(slot.family);
    slot.concept = drawn.concept;
    slot.acronym = drawn.acronym;
    slot.title = drawn.title;
    // An idea made for a kind of action (a remembrance project, a mobility) goes to that action,
    // unless its submission already has a resubmission of the kind it was given.
    const preferred = drawn.concept.kind;
    if (
      preferred &&
      preferred !== slot.kind &&
      !slot.resubmitted &&
      kindsOf[slot.family].some(([k]) => k === preferred)
    ) {
      slot.kind = preferred;
      setTimeline(slot);
    }
  }

  // 3. Consortia.
  const eligible = (day: string) => orgs.filter((o) => o.status === "member" && (o.memberSince ?? "9999") <= day);
  const outsidePartners = orgs.filter((o) => o.status === "partner" && o.country !== "IT" && o.country !== "SE");
  const chooseMember = (pool: DemoOrganisationInfo[], family: Family, priorities: Priority[], exclude: Set<string>) => {
    const fits = pool.filter((o) => !exclude.has(o.name) && typesFor[family].includes(o.type));
    const candidates = fits.length > 0 ? fits : pool.filter((o) => !exclude.has(o.name));
    if (candidates.length === 0) return undefined;
    return weighted(
      random,
      candidates.map((o): [DemoOrganisationInfo, number] => [
        o,
        o.priorities.some((p) => priorities.includes(p as Priority)) ? 4 : 1,
      ]),
    );
  };
  const buildConsortium = (slot: Slot): { partners: DemoPartner[]; initiator: string | null } => {
    const priorities = slot.concept?.priorities ?? [];
    const day = slot.deadline ?? `${slot.year}-01-01`;
    const pool = eligible(day);
    const used = new Set<string>();
    const partners: DemoPartner[] = [];
    const networkLeads = slot.kind !== "mobility" && random() < 0.3;
    let lead: DemoOrganisationInfo | undefined;
    if (networkLeads) partners.push({ kind: "network", role: "lead", budgetShareCents: null });
    else {
      lead = chooseMember(pool, slot.family, priorities, used);
      if (lead) {
        used.add(lead.name);
        partners.push({ kind: "organisation", organisation: lead.name, role: "lead", budgetShareCents: null });
      } else partners.push({ kind: "network", role: "lead", budgetShareCents: null });
    }
    const leadCountry = lead?.country ?? (random() < 0.5 ? "IT" : "SE");
    const other = leadCountry === "IT" ? "SE" : "IT";
    const fromOther = slot.kind === "mobility" ? intBetween(random, [1, 2]) : intBetween(random, [1, 3]);
    const fromSame = slot.kind === "mobility" ? 0 : intBetween(random, [0, 2]);
    for (const [country, n] of [
      [other, fromOther],
      [leadCountry, fromSame],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const m = chooseMember(
          pool.filter((o) => o.country === country),
          slot.family,
          priorities,
          used,
        );
        if (!m) break;
        used.add(m.name);
        partners.push({ kind: "organisation", organisation: m.name, role: "partner", budgetShareCents: null });
      }
    }
    if (!networkLeads && random() < 0.5) partners.push({ kind: "network", role: "partner", budgetShareCents: null });
    if (outsidePartners.length > 0 && random() < 0.25) {
      const p = pick(random, outsidePartners);
      partners.push({ kind: "organisation", organisation: p.name, role: "partner", budgetShareCents: null });
    }
    const externalCount = {
      citizens: slot.kind === "town_twinning" ? [1, 2] : [2, 4],
      education: slot.kind === "mobility" ? [1, 2] : [2, 4],
      regional: [3, 5],
      research: [4, 6],
      climate: [2, 3],
      migration: [2, 3],
      social: [2, 3],
      culture: [2, 3],
      digital: [3, 4],
    }[slot.family] as [number, number];
    const fitting = outsideOrganisations.filter(
      (x) => x.fits.includes(slot.family) && x.country !== "IT" && x.country !== "SE",
    );
    const n = intBetween(random, externalCount);
    const chosen = new Set<string>();
    for (let i = 0; i < n && chosen.size < fitting.length; i++) {
      let x = pick(random, fitting);
      while (chosen.has(x.name)) x = pick(random, fitting);
      chosen.add(x.name);
      const associated = i === n - 1 && n > 2 && random() < 0.3;
      partners.push({
        kind: "external",
        name: x.name,
        country: x.country,
        organisationType: x.type,
        role: associated ? "associated" : "partner",
        budgetShareCents: null,
      });
    }
    const members = partners.flatMap((p) => (p.kind === "organisation" && known.has(p.organisation) ? [p] : []));
    const memberNames = members.map((p) => (p.kind === "organisation" ? p.organisation : ""));
    const initiator = lead
      ? random() < 0.8
        ? lead.name
        : (memberNames[1] ?? lead.name)
      : random() < 0.35
        ? (memberNames.find((m) => orgs.find((o) => o.name === m)?.status === "member") ?? null)
        : null;
    return { partners, initiator };
  };
  const fixedPartners = (list: FixedPartner[]): DemoPartner[] =>
    list.flatMap((p): DemoPartner[] => {
      const role = p.role ?? "partner";
      if ("network" in p)
        return [{ kind: "network", role: role === "lead" ? "lead" : "partner", budgetShareCents: null }];
      if ("org" in p)
        return known.has(p.org) ? [{ kind: "organisation", organisation: p.org, role, budgetShareCents: null }] : [];
      return [
        { kind: "external", name: p.name, country: p.country, organisationType: p.type, role, budgetShareCents: null },
      ];
    });
  for (const slot of slots) {
    if (slot.namedSpec) {
      slot.partners = fixedPartners(slot.namedSpec.partners);
      slot.initiator =
        slot.namedSpec.initiator && known.has(slot.namedSpec.initiator) ? slot.namedSpec.initiator : null;
    } else if (slot.resubmissionOf?.partners) {
      // The reworked proposal keeps its consortium (as the service copies it).
      slot.partners = slot.resubmissionOf.partners.map((p) => ({ ...p }));
      slot.initiator = slot.resubmissionOf.initiator ?? null;
    } else {
      const c = buildConsortium(slot);
      slot.partners = c.partners;
      slot.initiator = c.initiator;
    }
  }

  // 4. Money and people: drawn per kind of project, then scaled so the approved ones add up to the
  // brochure's totals exactly (the named projects keep their own figures).
  type Sized = { slot: Slot; grant: number; people: number; progress: number; start: string; end: string };
  const sized: Sized[] = [];
  for (const slot of slots) {
    const size = sizeOf[`${slot.family}:${slot.kind}`] ?? sizeOf["education:cooperation"];
    if (!size) throw new Error("demo projects: no size");
    const decision = slot.decisionDate ?? `${slot.year}-12-01`;
    let start: string;
    let end: string;
    if (slot.namedSpec) {
      start = slot.namedSpec.startDate;
      end = slot.namedSpec.endDate;
    } else {
      const call = slot.call;
      if (!call) throw new Error("demo projects: slot without call");
      start = addMonths(firstOfNextMonth(decision), intBetween(random, [0, 2]));
      const months = intBetween(random, call.duration);
      end = addDays(addMonths(start, months), -1);
    }
    const total = parseDay(end).getTime() - parseDay(start).getTime();
    const done = parseDay(DEMO_PROJECTS_AS_OF).getTime() - parseDay(start).getTime();
    const progress = Math.max(0, Math.min(1, done / total));
    sized.push({
      slot,
      grant: slot.namedSpec ? slot.namedSpec.grantEur : between(random, size.grant),
      people: slot.namedSpec ? slot.namedSpec.participants : between(random, size.people),
      progress,
      start,
      end,
    });
  }
  const approvedSized = sized.filter((s) => s.slot.approved);
  const namedGrant = approvedSized.filter((s) => s.slot.namedSpec).reduce((sum, s) => sum + s.grant * 100, 0);
  const namedPeople = approvedSized.filter((s) => s.slot.namedSpec).reduce((sum, s) => sum + s.people, 0);
  const scalable = approvedSized.filter((s) => !s.slot.namedSpec);
  const grantScale =
    (BROCHURE_FIGURES.euGrantAwardedCents - namedGrant) / scalable.reduce((sum, s) => sum + s.grant * 100, 0);
  // Running projects count the participants so far; the ones not started yet, none.
  const actualRaw = (s: Sized) => s.people * (s.progress >= 1 ? between(random, [0.9, 1.15]) : s.progress);
  const actualRaws = new Map(scalable.map((s) => [s, actualRaw(s)]));
  const peopleScale =
    (BROCHURE_FIGURES.participants - namedPeople) / [...actualRaws.values()].reduce((sum, v) => sum + v, 0);

  const awarded = new Map<Sized, number>();
  const actual = new Map<Sized, number>();
  for (const s of approvedSized) {
    awarded.set(s, s.slot.namedSpec ? s.grant * 100 : Math.round(s.grant * grantScale) * 100);
    actual.set(s, s.slot.namedSpec ? s.people : Math.round((actualRaws.get(s) ?? 0) * peopleScale));
  }
  // The rounding's remainder goes to the largest generated project, so the sums are exact.
  const largest = (values: Map<Sized, number>) =>
    [...values.entries()].filter(([s]) => !s.slot.namedSpec).sort((a, b) => b[1] - a[1])[0]?.[0];
  const fix = (values: Map<Sized, number>, target: number) => {
    const diff = target - [...values.values()].reduce((sum, v) => sum + v, 0);
    const biggest = largest(values);
    if (!biggest) throw new Error("demo projects: nothing to scale");
    values.set(biggest, (values.get(biggest) ?? 0) + diff);
  };
  fix(awarded, BROCHURE_FIGURES.euGrantAwardedCents);
  fix(actual, BROCHURE_FIGURES.participants);

  // 5. The projects, with their phase and moves.
  const asOf = DEMO_PROJECTS_AS_OF;
  const byslot = new Map<Slot, DemoProject>();
  const result: DemoProject[] = [];
  for (const s of sized) {
    const { slot } = s;
    const spec = slot.namedSpec;
    const call = slot.call;
    const programmeCode = spec?.programmeCode ?? call?.programmeCode ?? "";
    const actionCode = spec ? spec.actionCode : (call?.actionCode ?? null);
    const deadline = slot.deadline ?? "";
    const decision = slot.decisionDate ?? "";
    const submittedOn = addDays(deadline, -intBetween(random, [0, 3]));
    const rate = grantRate[programmeCode] ?? 1;
    const key = `${slot.year}-${String(slot.index + 1).padStart(2, "0")}-${(slot.acronym ?? "").replace(/[^A-Za-z0-9+]/g, "")}`;
    const ideaKey = slot.ideaSlot && slot.ideaSlot !== slot ? (byslot.get(slot.ideaSlot)?.key ?? key) : key;

    let grantAwardedCents: number | null = null;
    let grantRequestedCents: number;
    let grantPaidCents: number | null = null;
    let participantsPlanned: number;
    let participantsActual: number | null = null;
    let phase: Phase = "financing";
    let startDate: string | null = null;
    let endDate: string | null = null;
    const transitions: DemoTransition[] = [];
    const move = (
      from: Phase | null,
      to: Phase,
      fromStatus: FundingStatus | null,
      toStatus: FundingStatus | null,
      day: string,
    ) =>
      transitions.push({
        fromPhase: from,
        toPhase: to,
        fromFundingStatus: fromStatus,
        toFundingStatus: toStatus,
        reason: null,
        at: at(random, day),
      });

    // Before the submission: the idea and the proposal (a resubmission starts in formulation).
    const formulationDay = addDays(addMonths(deadline, -intBetween(random, [1, 3])), -intBetween(random, [0, 20]));
    if (slot.resubmissionOf) {
      const previousDecision = slot.resubmissionOf.decisionDate ?? deadline;
      const reworkDay = addDays(previousDecision, intBetween(random, [7, 40]));
      move(null, "formulation", null, null, reworkDay < formulationDay ? reworkDay : addDays(previousDecision, 3));
    } else {
      const ideaDay = addDays(addMonths(formulationDay, -intBetween(random, [2, 6])), -intBetween(random, [0, 25]));
      move(null, "identification", null, null, ideaDay);
      move("identification", "formulation", null, null, formulationDay);
    }
    move("formulation", "financing", null, "submitted", submittedOn);

    if (slot.approved) {
      const a = awarded.get(s) ?? 0;
      grantAwardedCents = a;
      // Lump-sum citizens' grants are seldom cut; other budgets often are, a little.
      const cut = programmeCode === "cerv" || programmeCode === "europe_for_citizens" ? 0.97 : 0.88;
      grantRequestedCents = spec ? spec.requestedEur * 100 : Math.ceil(a / 100 / between(random, [cut, 1])) * 100;
      if (grantRequestedCents < a) grantRequestedCents = a;
      participantsActual = actual.get(s) ?? 0;
      startDate = s.start;
      endDate = s.end;
      move("financing", "financing", "submitted", "approved", decision);
      if (s.start > asOf) {
        phase = "financing";
        participantsPlanned = Math.max(participantsActual, Math.round(s.people * peopleScale));
      } else if (s.end >= asOf) {
        phase = "implementation";
        move("financing", "implementation", "approved", "approved", s.start);
        participantsPlanned = Math.max(
          participantsActual,
          s.progress > 0.05 ? Math.round(participantsActual / s.progress) : Math.round(s.people * peopleScale),
        );
        grantPaidCents = Math.round((a * (s.progress > 0.5 ? 0.7 : 0.4)) / 100) * 100;
      } else {
        move("financing", "implementation", "approved", "approved", s.start);
        const evaluationDay = addDays(s.end, intBetween(random, [1, 20]));
        move("implementation", "evaluation", "approved", "approved", [evaluationDay, asOf].sort()[0] ?? asOf);
        const closeDay = addMonths(s.end, intBetween(random, [3, 7]));
        participantsPlanned = spec
          ? spec.participants
          : Math.max(1, Math.round(participantsActual / between(random, [0.9, 1.15])));
        if (closeDay <= asOf) {
          phase = "closure";
          move("evaluation", "closure", "approved", "approved", closeDay);
          grantPaidCents = random() < 0.8 ? a : Math.round((a * between(random, [0.95, 0.995])) / 100) * 100;
        } else {
          phase = "evaluation";
          grantPaidCents = Math.round((a * 0.8) / 100) * 100;
        }
      }
    } else {
      grantRequestedCents = Math.round(s.grant * grantScale * between(random, [1, 1.08])) * 100;
      participantsPlanned = Math.max(10, Math.round(s.people * peopleScale));
      move("financing", "financing", "submitted", "rejected", decision);
    }
    const totalBudgetCents = Math.ceil(grantRequestedCents / rate / 100) * 100;
    inOrder(transitions);

    // Budget shares: the grant (or, if rejected, the request) split among the partners with a budget.
    const partners = (slot.partners ?? []).map((p) => ({ ...p }));
    const base = grantAwardedCents ?? grantRequestedCents;
    const paying = partners.filter((p) => p.role !== "associated");
    const weights = paying.map(
      (p) => (p.role === "lead" ? 2.5 : p.kind === "network" ? 1.2 : 1) * between(random, [0.7, 1.3]),
    );
    const weightSum = weights.reduce((x, y) => x + y, 0);
    let assigned = 0;
    paying.forEach((p, i) => {
      const share = Math.floor((base * (weights[i] ?? 1)) / weightSum / 100) * 100;
      p.budgetShareCents = share;
      assigned += share;
    });
    const leadPartner = paying.find((p) => p.role === "lead") ?? paying[0];
    if (leadPartner) leadPartner.budgetShareCents = (leadPartner.budgetShareCents ?? 0) + (base - assigned);

    const project: DemoProject = {
      key,
      ideaKey,
      resubmissionOfKey: slot.resubmissionOf ? (byslot.get(slot.resubmissionOf)?.key ?? null) : null,
      submissionNumber: slot.submissionNumber,
      level: "eu",
      named: Boolean(spec),
      acronym: slot.acronym ?? "",
      title: slot.title ?? {},
      summary: spec
        ? spec.summary
        : {
            en: summaryFor(
              slot.family,
              slot.kind,
              [
                ...new Set(
                  partners.map((p) =>
                    p.kind === "external"
                      ? p.country
                      : p.kind === "network"
                        ? "IT"
                        : (orgs.find((o) => o.name === p.organisation)?.country ?? "IT"),
                  ),
                ),
              ].sort(),
              slot.concept?.priorities ?? [],
            ),
          },
      priorities: spec?.priorities ?? slot.concept?.priorities ?? [],
      programmeCode,
      actionCode,
      callIdentifier: spec?.callIdentifier ?? call?.callIdentifier ?? null,
      deadline,
      submittedOn,
      initiator: slot.initiator ?? null,
      phase,
      fundingStatus: slot.approved ? "approved" : "rejected",
      totalBudgetCents,
      grantRequestedCents,
      grantAwardedCents,
      grantPaidCents,
      participantsPlanned,
      participantsActual,
      startDate,
      endDate,
      websiteUrl: spec?.websiteUrl ?? null,
      internal: false,
      partners,
      transitions,
    };
    byslot.set(slot, project);
    result.push(project);
  }

  // 6. Ideas not yet submitted and projects outside the EU figures.
  for (const [i, idea] of ideas.entries()) {
    const key = `idea-${String(i + 1).padStart(2, "0")}-${idea.acronym.replace(/[^A-Za-z0-9+]/g, "")}`;
    const transitions: DemoTransition[] = [
      {
        fromPhase: null,
        toPhase: "identification",
        fromFundingStatus: null,
        toFundingStatus: null,
        reason: null,
        at: at(random, idea.created),
      },
    ];
    if (idea.phase === "formulation")
      transitions.push({
        fromPhase: "identification",
        toPhase: "formulation",
        fromFundingStatus: null,
        toFundingStatus: null,
        reason: null,
        at: at(random, idea.formulated ?? addDays(idea.created, 30)),
      });
    const partners = fixedPartners(idea.partners);
    const budget = idea.requestedEur ?? idea.totalEur;
    const paying = partners.filter((p) => p.role !== "associated");
    if (budget !== null && paying.length > 0) {
      const each = Math.floor((budget * 100) / paying.length / 100) * 100;
      for (const p of paying) p.budgetShareCents = each;
      const first = paying[0];
      if (first) first.budgetShareCents = budget * 100 - each * (paying.length - 1);
    }
    result.push({
      key,
      ideaKey: key,
      resubmissionOfKey: null,
      submissionNumber: 1,
      level: idea.level,
      named: false,
      acronym: idea.acronym,
      title: idea.title,
      summary: { en: idea.summary },
      priorities: idea.priorities,
      programmeCode: idea.programmeCode,
      actionCode: idea.actionCode,
      callIdentifier: idea.callIdentifier,
      deadline: idea.deadline,
      submittedOn: null,
      initiator: idea.initiator && known.has(idea.initiator) ? idea.initiator : null,
      phase: idea.phase,
      fundingStatus: null,
      totalBudgetCents: idea.totalEur === null ? null : idea.totalEur * 100,
      grantRequestedCents: idea.requestedEur === null ? null : idea.requestedEur * 100,
      grantAwardedCents: null,
      grantPaidCents: null,
      participantsPlanned: idea.participantsPlanned,
      participantsActual: null,
      startDate: null,
      endDate: null,
      websiteUrl: null,
      // Ideas are worked on among the members before they are made public.
      internal: idea.phase === "identification",
      partners,
      transitions,
    });
  }
  return result;
}
