import type { LocalizedText } from "~/db/columns";

/** The SERN network's configuration, seeded on first start; the secretariat can change it. */

type Named = { code: string; names: LocalizedText };

/** The EU member states (partners may come from any of them); IT and SE host members. */
export const euCountries: Named[] = [
  { code: "AT", names: { en: "Austria", sv: "Österrike", it: "Austria" } },
  { code: "BE", names: { en: "Belgium", sv: "Belgien", it: "Belgio" } },
  { code: "BG", names: { en: "Bulgaria", sv: "Bulgarien", it: "Bulgaria" } },
  { code: "HR", names: { en: "Croatia", sv: "Kroatien", it: "Croazia" } },
  { code: "CY", names: { en: "Cyprus", sv: "Cypern", it: "Cipro" } },
  { code: "CZ", names: { en: "Czechia", sv: "Tjeckien", it: "Cechia" } },
  { code: "DK", names: { en: "Denmark", sv: "Danmark", it: "Danimarca" } },
  { code: "EE", names: { en: "Estonia", sv: "Estland", it: "Estonia" } },
  { code: "FI", names: { en: "Finland", sv: "Finland", it: "Finlandia" } },
  { code: "FR", names: { en: "France", sv: "Frankrike", it: "Francia" } },
  { code: "DE", names: { en: "Germany", sv: "Tyskland", it: "Germania" } },
  { code: "GR", names: { en: "Greece", sv: "Grekland", it: "Grecia" } },
  { code: "HU", names: { en: "Hungary", sv: "Ungern", it: "Ungheria" } },
  { code: "IE", names: { en: "Ireland", sv: "Irland", it: "Irlanda" } },
  { code: "IT", names: { en: "Italy", sv: "Italien", it: "Italia" } },
  { code: "LV", names: { en: "Latvia", sv: "Lettland", it: "Lettonia" } },
  { code: "LT", names: { en: "Lithuania", sv: "Litauen", it: "Lituania" } },
  { code: "LU", names: { en: "Luxembourg", sv: "Luxemburg", it: "Lussemburgo" } },
  { code: "MT", names: { en: "Malta", sv: "Malta", it: "Malta" } },
  { code: "NL", names: { en: "Netherlands", sv: "Nederländerna", it: "Paesi Bassi" } },
  { code: "PL", names: { en: "Poland", sv: "Polen", it: "Polonia" } },
  { code: "PT", names: { en: "Portugal", sv: "Portugal", it: "Portogallo" } },
  { code: "RO", names: { en: "Romania", sv: "Rumänien", it: "Romania" } },
  { code: "SK", names: { en: "Slovakia", sv: "Slovakien", it: "Slovacchia" } },
  { code: "SI", names: { en: "Slovenia", sv: "Slovenien", it: "Slovenia" } },
  { code: "ES", names: { en: "Spain", sv: "Spanien", it: "Spagna" } },
  { code: "SE", names: { en: "Sweden", sv: "Sverige", it: "Svezia" } },
];
export const memberCountries = ["IT", "SE"];

export const organisationTypeCodes = [
  "region",
  "province",
  "municipality",
  "municipal_association",
  "county_administrative_board",
  "civil_society",
  "education",
  "private",
  "other_public",
] as const;
export type OrganisationTypeCode = (typeof organisationTypeCodes)[number];

export const organisationTypes: (Named & { publicAuthority: boolean })[] = [
  { code: "region", publicAuthority: true, names: { en: "Region", sv: "Region", it: "Regione" } },
  { code: "province", publicAuthority: true, names: { en: "Province", sv: "Provins", it: "Provincia" } },
  { code: "municipality", publicAuthority: true, names: { en: "Municipality", sv: "Kommun", it: "Comune" } },
  {
    code: "municipal_association",
    publicAuthority: true,
    names: { en: "Municipal association", sv: "Kommunalförbund", it: "Unione di comuni" },
  },
  {
    code: "county_administrative_board",
    publicAuthority: true,
    names: { en: "County administrative board", sv: "Länsstyrelse", it: "Prefettura (ente statale territoriale)" },
  },
  {
    code: "civil_society",
    publicAuthority: false,
    names: {
      en: "Civil-society organisation",
      sv: "Civilsamhällesorganisation",
      it: "Organizzazione della società civile",
    },
  },
  {
    code: "education",
    publicAuthority: false,
    names: { en: "Education institution", sv: "Utbildningsinstitution", it: "Istituto di istruzione" },
  },
  {
    code: "private",
    publicAuthority: false,
    names: { en: "Private body", sv: "Privat organisation", it: "Ente privato" },
  },
  {
    code: "other_public",
    publicAuthority: true,
    names: { en: "Other public body", sv: "Annan offentlig organisation", it: "Altro ente pubblico" },
  },
];

export const thematicAreas: Named[] = [
  { code: "inclusive", names: { en: "Inclusive societies", sv: "Inkluderande samhällen", it: "Società inclusive" } },
  { code: "digital", names: { en: "Digitalised societies", sv: "Digitaliserade samhällen", it: "Società digitali" } },
  {
    code: "green",
    names: {
      en: "Green and sustainable societies",
      sv: "Gröna och hållbara samhällen",
      it: "Società verdi e sostenibili",
    },
  },
];

export const priorityCodes = [
  "vulnerable_groups",
  "active_citizenship",
  "quality_education",
  "e_government",
  "digital_skills",
  "climate_action",
  "sustainable_tourism",
  "smart_mobility",
] as const;

export const priorities: (Named & { areaCode: string })[] = [
  {
    code: "vulnerable_groups",
    areaCode: "inclusive",
    names: {
      en: "Services for vulnerable groups",
      sv: "Tjänster för utsatta grupper",
      it: "Servizi per i gruppi vulnerabili",
    },
  },
  {
    code: "active_citizenship",
    areaCode: "inclusive",
    names: { en: "Active citizenship", sv: "Aktivt medborgarskap", it: "Cittadinanza attiva" },
  },
  {
    code: "quality_education",
    areaCode: "inclusive",
    names: { en: "Quality education", sv: "Utbildning av hög kvalitet", it: "Istruzione di qualità" },
  },
  { code: "e_government", areaCode: "digital", names: { en: "E-government", sv: "E-förvaltning", it: "E-government" } },
  {
    code: "digital_skills",
    areaCode: "digital",
    names: { en: "Digital skills", sv: "Digital kompetens", it: "Competenze digitali" },
  },
  {
    code: "climate_action",
    areaCode: "green",
    names: { en: "Climate action", sv: "Klimatåtgärder", it: "Azione per il clima" },
  },
  {
    code: "sustainable_tourism",
    areaCode: "green",
    names: { en: "Sustainable tourism", sv: "Hållbar turism", it: "Turismo sostenibile" },
  },
  {
    code: "smart_mobility",
    areaCode: "green",
    names: { en: "Smart mobility", sv: "Smart mobilitet", it: "Mobilità intelligente" },
  },
];

/** A funding programme and its actions (see projects/schema.ts `fundingProgrammes`, `fundingActions`). */
export type FundingProgramme = Named & {
  /** `eu`, `national` or `member` (funded by the members themselves). */
  level: "eu" | "national" | "member";
  /** Still open to new projects (a programme that has ended stays for the projects it funded). */
  active?: boolean;
  actions?: Named[];
};

/** The funding programmes the network's projects apply to, with their actions (strands). */
export const fundingProgrammes: FundingProgramme[] = [
  {
    code: "erasmus_plus",
    level: "eu",
    names: { en: "Erasmus+", sv: "Erasmus+", it: "Erasmus+" },
    actions: [
      {
        code: "erasmus_ka1",
        names: {
          en: "Key Action 1 (KA1): learning mobility of individuals",
          sv: "Nyckelåtgärd 1 (KA1): mobilitet för lärande",
          it: "Azione chiave 1 (KA1): mobilità individuale per l'apprendimento",
        },
      },
      {
        code: "erasmus_ka2",
        names: {
          en: "Key Action 2 (KA2): cooperation among organisations and institutions",
          sv: "Nyckelåtgärd 2 (KA2): samarbete mellan organisationer och institutioner",
          it: "Azione chiave 2 (KA2): cooperazione tra organizzazioni e istituzioni",
        },
      },
    ],
  },
  {
    code: "cerv",
    level: "eu",
    names: {
      en: "Citizens, Equality, Rights and Values (CERV)",
      sv: "Medborgare, jämlikhet, rättigheter och värden (CERV)",
      it: "Cittadini, uguaglianza, diritti e valori (CERV)",
    },
    actions: [
      {
        code: "cerv_town_twinning",
        names: { en: "Town twinning", sv: "Vänortssamarbete", it: "Gemellaggi tra città" },
      },
      {
        code: "cerv_networks_of_towns",
        names: { en: "Networks of towns", sv: "Nätverk av städer", it: "Reti di città" },
      },
      {
        code: "cerv_remembrance",
        names: { en: "European remembrance", sv: "Europeiskt minne", it: "Memoria europea" },
      },
    ],
  },
  {
    code: "europe_for_citizens",
    level: "eu",
    active: false,
    names: {
      en: "Europe for Citizens (2014–2020)",
      sv: "Ett Europa för medborgarna (2014–2020)",
      it: "Europa per i cittadini (2014–2020)",
    },
    actions: [
      { code: "efc_remembrance", names: { en: "European remembrance", sv: "Europeiskt minne", it: "Memoria europea" } },
      { code: "efc_town_twinning", names: { en: "Town twinning", sv: "Vänortssamarbete", it: "Gemellaggi tra città" } },
      {
        code: "efc_networks_of_towns",
        names: { en: "Networks of towns", sv: "Nätverk av städer", it: "Reti di città" },
      },
      {
        code: "efc_civil_society",
        names: {
          en: "Civil society projects",
          sv: "Projekt inom det civila samhället",
          it: "Progetti della società civile",
        },
      },
    ],
  },
  {
    code: "interreg_europe",
    level: "eu",
    names: { en: "Interreg Europe", sv: "Interreg Europe", it: "Interreg Europe" },
  },
  {
    code: "interreg_cross_border",
    level: "eu",
    names: {
      en: "Interreg cross-border cooperation programmes",
      sv: "Interreg-program för gränsöverskridande samarbete",
      it: "Programmi Interreg di cooperazione transfrontaliera",
    },
  },
  {
    code: "horizon_europe",
    level: "eu",
    names: { en: "Horizon Europe", sv: "Horisont Europa", it: "Orizzonte Europa" },
  },
  {
    code: "life",
    level: "eu",
    names: {
      en: "LIFE (environment and climate action)",
      sv: "LIFE (miljö och klimat)",
      it: "LIFE (ambiente e azione per il clima)",
    },
  },
  {
    code: "amif",
    level: "eu",
    names: {
      en: "Asylum, Migration and Integration Fund (AMIF)",
      sv: "Asyl-, migrations- och integrationsfonden (AMIF)",
      it: "Fondo Asilo, migrazione e integrazione (FAMI)",
    },
  },
  {
    code: "esf_plus",
    level: "eu",
    names: {
      en: "European Social Fund Plus (ESF+)",
      sv: "Europeiska socialfonden+ (ESF+)",
      it: "Fondo sociale europeo Plus (FSE+)",
    },
  },
  {
    code: "creative_europe",
    level: "eu",
    names: { en: "Creative Europe", sv: "Kreativa Europa", it: "Europa creativa" },
  },
  {
    code: "digital_europe",
    level: "eu",
    names: { en: "Digital Europe", sv: "Programmet för ett digitalt Europa", it: "Programma Europa digitale" },
  },
  {
    code: "national",
    level: "national",
    names: { en: "National funding", sv: "Nationell finansiering", it: "Finanziamento nazionale" },
  },
  {
    code: "member_funded",
    level: "member",
    names: { en: "Funded by the members", sv: "Finansierat av medlemmarna", it: "Finanziato dagli enti soci" },
  },
];

/** A governance body and its rules (see reference/schema.ts `governanceBodies`). */
export type GovernanceBody = Named & {
  kind: "assembly" | "collegial" | "office" | "staff";
  parentCode?: string | null;
  seats?: number | null;
  termMonths?: number | null;
  quorumPercent?: number;
  balancedCountries?: string[];
  public?: boolean;
  holdsMeetings?: boolean;
};

/**
 * SERN's bodies (statute): the General Assembly of all members meets every year and elects the
 * Board for two years, with as many Italian as Swedish seats; the Board elects its Chair and
 * Vice-chair and decides on new members; the Presidium, the Audit Committee and the Project Group
 * do their part; the Secretariat is the staff. Seat numbers are the demo's assumption.
 */
export const governanceBodies: GovernanceBody[] = [
  {
    code: "general_assembly",
    names: { en: "General Assembly", sv: "Generalförsamling (årsmöte)", it: "Assemblea generale" },
    kind: "assembly",
    quorumPercent: 50,
  },
  {
    code: "board",
    names: { en: "Board", sv: "Styrelse", it: "Consiglio direttivo" },
    kind: "collegial",
    seats: 10,
    termMonths: 24,
    quorumPercent: 50,
    balancedCountries: ["IT", "SE"],
  },
  {
    code: "chair",
    names: { en: "Chair", sv: "Ordförande", it: "Presidente" },
    kind: "office",
    parentCode: "board",
    seats: 1,
    termMonths: 24,
    holdsMeetings: false,
  },
  {
    code: "vice_chair",
    names: { en: "Vice-chair", sv: "Vice ordförande", it: "Vicepresidente" },
    kind: "office",
    parentCode: "board",
    seats: 1,
    termMonths: 24,
    holdsMeetings: false,
  },
  {
    code: "presidium",
    names: { en: "Presidium", sv: "Presidium", it: "Ufficio di presidenza" },
    kind: "collegial",
    seats: 4,
    termMonths: 24,
    balancedCountries: ["IT", "SE"],
  },
  {
    code: "audit_committee",
    names: { en: "Audit Committee", sv: "Revisionsutskott", it: "Collegio dei revisori" },
    kind: "collegial",
    seats: 2,
    termMonths: 24,
    balancedCountries: ["IT", "SE"],
  },
  {
    code: "secretariat",
    names: { en: "Secretariat", sv: "Sekretariat", it: "Segreteria" },
    kind: "staff",
    holdsMeetings: false,
  },
  {
    code: "project_group",
    names: { en: "Project Group", sv: "Projektgrupp", it: "Gruppo progetti" },
    kind: "collegial",
    public: false,
  },
];

export const defaultSettings: Record<string, unknown> = {
  "network.name": "Sweden Emilia-Romagna Network",
  "network.shortName": "SERN",
  "network.seat": "Stradone Martiri della Libertà 15, Parma, Italy",
  "network.languages": ["en", "sv", "it"],
  "board.meetingMonths": [2, 5, 11],
  /** General Assembly votes: `equal` (one vote per member) or weighted by `inhabitants` bands. */
  "governance.voteWeighting": { rule: "equal" },
  /** How many proxies one member organisation may hold at a General Assembly. */
  "governance.maxProxiesPerHolder": 2,
  /** Days before a term ends when the secretariat is warned. */
  "governance.termWarningDays": 60,
};
