/**
 * The material the demo projects are drawn from (see demo-data.ts): project ideas by kind of
 * programme, and outside organisations from other EU countries. The ideas and the consortia are
 * fictional; the outside organisations are real public bodies, schools and associations named
 * only to make the demo look real (they took part in none of these projects).
 */
import type { ProjectText } from "./schema";

export type Priority =
  | "vulnerable_groups"
  | "active_citizenship"
  | "quality_education"
  | "e_government"
  | "digital_skills"
  | "climate_action"
  | "sustainable_tourism"
  | "smart_mobility";

/** Which programmes an idea fits: citizens' projects go to Europe for Citizens or CERV, and so on. */
export type Family =
  | "citizens"
  | "education"
  | "regional"
  | "research"
  | "climate"
  | "migration"
  | "social"
  | "culture"
  | "digital";

/** The kind of action within a family (mapped to a programme's action by year in demo-data.ts). */
export type Kind =
  | "town_twinning"
  | "networks_of_towns"
  | "civil_society"
  | "remembrance"
  | "mobility"
  | "cooperation"
  | "interregional"
  | "cross_border"
  | "single";

export type Concept = { acronym: string; title: ProjectText; priorities: Priority[]; kind?: Kind };

const c = (
  acronym: string,
  en: string,
  priorities: Priority[],
  extra: { it?: string; sv?: string; kind?: Kind } = {},
): Concept => ({
  acronym,
  title: { en, ...(extra.it ? { it: extra.it } : {}), ...(extra.sv ? { sv: extra.sv } : {}) },
  priorities,
  ...(extra.kind ? { kind: extra.kind } : {}),
});

export const concepts: Record<Family, Concept[]> = {
  citizens: [
    c("TWINVOICE", "Twinned towns giving citizens a voice", ["active_citizenship"], {
      it: "Città gemellate che danno voce ai cittadini",
      sv: "Vänorter som ger medborgarna en röst",
      kind: "town_twinning",
    }),
    c("EUROCITIZEN", "European citizenship starts in our town", ["active_citizenship"], {
      it: "La cittadinanza europea comincia nella nostra città",
      sv: "Europeiskt medborgarskap börjar i vår stad",
    }),
    c("YOUNGDEM", "Young people in local democracy", ["active_citizenship", "quality_education"], {
      it: "I giovani nella democrazia locale",
      sv: "Unga i den lokala demokratin",
    }),
    c("SENIORNET", "Active seniors, active citizens", ["vulnerable_groups", "active_citizenship"], {
      it: "Anziani attivi, cittadini attivi",
      sv: "Aktiva seniorer, aktiva medborgare",
      kind: "networks_of_towns",
    }),
    c("GREENTWIN", "Twinning for greener towns", ["climate_action", "active_citizenship"], {
      it: "Gemellaggi per città più verdi",
      sv: "Vänortssamarbete för grönare städer",
      kind: "town_twinning",
    }),
    c("MEMOEUROPE", "Remembering Europe's twentieth century together", ["active_citizenship"], {
      it: "Ricordare insieme il Novecento europeo",
      sv: "Att minnas Europas 1900-tal tillsammans",
      kind: "remembrance",
    }),
    c("VOLTOWN", "Towns of volunteers", ["active_citizenship", "vulnerable_groups"]),
    c("WOMEN4EU", "Women in local politics", ["active_citizenship"], {
      it: "Le donne nella politica locale",
      sv: "Kvinnor i lokalpolitiken",
    }),
    c("INCLUTOWN", "Inclusive towns for citizens with disabilities", ["vulnerable_groups"]),
    c("NEWCOMERS", "Welcoming newcomers in small towns", ["vulnerable_groups", "active_citizenship"]),
    c("RURALVOICE", "Rural towns and the future of Europe", ["active_citizenship", "sustainable_tourism"], {
      kind: "networks_of_towns",
    }),
    c("DEMLAB", "Local democracy labs", ["active_citizenship", "e_government"]),
    c("PBNET", "Participatory budgeting in European towns", ["active_citizenship", "e_government"], {
      it: "Bilancio partecipativo nelle città europee",
      sv: "Medborgarbudget i europeiska städer",
      kind: "networks_of_towns",
    }),
    c("EUDIALOGUE", "Citizens' dialogues on the future of Europe", ["active_citizenship"]),
    c("SOLIDTOWNS", "Solidarity between towns in times of crisis", ["vulnerable_groups", "active_citizenship"]),
    c("FOODHERITAGE", "Food traditions as a common European heritage", ["sustainable_tourism", "active_citizenship"], {
      it: "Le tradizioni alimentari come patrimonio europeo comune",
      kind: "town_twinning",
    }),
    c("CLIMATECITIZENS", "Citizens for climate-neutral towns", ["climate_action", "active_citizenship"], {
      sv: "Medborgare för klimatneutrala städer",
    }),
    c("TRUSTNET", "Towns against disinformation", ["active_citizenship", "digital_skills"], {
      kind: "networks_of_towns",
    }),
    c("JOBNET", "Local networks for youth employment", ["vulnerable_groups", "active_citizenship"]),
    c("GENERATIONS", "Dialogue between generations in European towns", ["active_citizenship", "vulnerable_groups"], {
      it: "Dialogo tra generazioni nelle città europee",
      sv: "Dialog mellan generationer i europeiska städer",
    }),
    c("EUROPEDAY", "Europe Day in every town", ["active_citizenship"], { kind: "town_twinning" }),
    c("TWINSPORT", "Sport as a bridge between twinned towns", ["active_citizenship", "vulnerable_groups"], {
      kind: "town_twinning",
    }),
    c("ARTCITY", "Culture and citizenship in twinned towns", ["active_citizenship", "sustainable_tourism"]),
    c("ROOTS", "Stories of emigration: Italians and Swedes in Europe", ["active_citizenship"], {
      it: "Storie di emigrazione: italiani e svedesi in Europa",
      sv: "Berättelser om emigration: italienare och svenskar i Europa",
      kind: "remembrance",
    }),
    c("WALL89", "After 1989: the fall of the Wall seen from twinned towns", ["active_citizenship"], {
      kind: "remembrance",
    }),
    c("VOTE4EU", "First-time voters and the European elections", ["active_citizenship", "quality_education"], {
      it: "Chi vota per la prima volta e le elezioni europee",
      sv: "Förstagångsväljare och Europaparlamentsvalet",
    }),
    c("GOODGOV", "Good local governance through citizens' participation", ["active_citizenship", "e_government"]),
    c("SAFEHAVEN", "Twinned towns welcoming refugees", ["vulnerable_groups"], { kind: "networks_of_towns" }),
    c("EQUALTOWN", "Gender equality in local public services", ["vulnerable_groups", "active_citizenship"]),
    c("NEIGHBOURS", "Neighbourhoods that care", ["vulnerable_groups", "active_citizenship"], {
      it: "Quartieri che si prendono cura",
      sv: "Grannskap som bryr sig",
    }),
    c("SLOWTOWN", "Slow towns: quality of life in small municipalities", ["sustainable_tourism", "active_citizenship"]),
    c("DEBATEU", "Debating Euroscepticism in our towns", ["active_citizenship"], { kind: "networks_of_towns" }),
    c("RIGHTS4ALL", "Knowing your rights as an EU citizen", ["active_citizenship", "vulnerable_groups"]),
    c("MOVEU", "Free movement and mobile citizens", ["active_citizenship"]),
    c("DIGIDEM", "Digital tools for citizens' participation", ["e_government", "active_citizenship"], {
      it: "Strumenti digitali per la partecipazione dei cittadini",
      sv: "Digitala verktyg för medborgardialog",
    }),
    c("COASTNET", "Coastal towns facing climate change", ["climate_action", "sustainable_tourism"], {
      kind: "networks_of_towns",
    }),
    c("RIVERNET", "Towns along the rivers of Europe", ["climate_action", "sustainable_tourism"]),
    c("HERITAGE4ALL", "The shared heritage of small towns", ["sustainable_tourism", "active_citizenship"], {
      kind: "town_twinning",
    }),
    c("CARE4CARERS", "Supporting family carers", ["vulnerable_groups"], {
      it: "Sostenere chi assiste un familiare",
      sv: "Stöd till anhörigvårdare",
    }),
    c("ACTIVEAGE", "Active ageing in twinned towns", ["vulnerable_groups", "active_citizenship"], {
      kind: "town_twinning",
    }),
    c("SCHOOLTWIN", "Pupils as ambassadors of twinned towns", ["quality_education", "active_citizenship"], {
      kind: "town_twinning",
    }),
    c("PEACEPATHS", "Paths of peace: remembering the wars of the twentieth century", ["active_citizenship"], {
      it: "Sentieri di pace: ricordare le guerre del Novecento",
      kind: "remembrance",
    }),
    c("TOGETHER", "Together against loneliness", ["vulnerable_groups", "active_citizenship"], {
      sv: "Tillsammans mot ensamhet",
    }),
    c("LOCAL2EU", "From local to European: municipal councillors in the EU", ["active_citizenship", "e_government"]),
    c("OPENTOWNHALL", "Open town halls", ["e_government", "active_citizenship"]),
    c("CIVICLAB", "Civic learning labs for young adults", ["active_citizenship", "quality_education"]),
    c("EXILE", "Exile and refuge in European memory", ["active_citizenship", "vulnerable_groups"], {
      kind: "remembrance",
    }),
    c("FAIRTOWNS", "Fair trade towns", ["active_citizenship", "climate_action"]),
    c("MOUNTAINVOICE", "Mountain communities in Europe", ["sustainable_tourism", "active_citizenship"], {
      it: "Le comunità di montagna in Europa",
    }),
    c("LAKESIDE", "Lakeside towns for sustainable living", ["climate_action", "sustainable_tourism"], {
      sv: "Sjöstäder för hållbart liv",
    }),
    c("TWINTRAILS", "Walking trails between twinned towns", ["sustainable_tourism", "active_citizenship"], {
      kind: "town_twinning",
    }),
    c("CITYCOUNCIL4YOUTH", "Youth councils in European towns", ["active_citizenship", "quality_education"], {
      it: "Consigli comunali dei ragazzi nelle città europee",
      sv: "Ungdomsråd i europeiska städer",
    }),
    c("EUROSONG", "Choirs and bands of twinned towns", ["active_citizenship"], { kind: "town_twinning" }),
    c("LIBERATION", "Liberation and reconstruction: 1945 in local memory", ["active_citizenship"], {
      it: "Liberazione e ricostruzione: il 1945 nella memoria locale",
      kind: "remembrance",
    }),
    c("WOMENREMEMBER", "Women's voices in Europe's twentieth century", ["active_citizenship", "vulnerable_groups"], {
      kind: "remembrance",
    }),
    c("DEMOCRACY100", "A hundred years of universal suffrage", ["active_citizenship"], {
      sv: "Hundra år av allmän rösträtt",
      kind: "remembrance",
    }),
    c("SHAREDSPACES", "Public spaces shared by all generations", ["active_citizenship", "vulnerable_groups"]),
    c("URBANGARDENS", "Community gardens in twinned towns", ["climate_action", "active_citizenship"], {
      it: "Orti urbani nelle città gemellate",
      sv: "Stadsodlingar i vänorterna",
    }),
    c("HATEFREE", "Towns free from hate speech", ["active_citizenship", "vulnerable_groups"], {
      kind: "networks_of_towns",
    }),
    c("EUCOMPASS", "Young Europeans finding their way", ["active_citizenship", "quality_education"]),
    c("WATERWISE", "Citizens saving water", ["climate_action", "active_citizenship"]),
    c("ENERGYCOMMUNITY", "Citizens' energy communities", ["climate_action", "active_citizenship"], {
      it: "Comunità energetiche dei cittadini",
      sv: "Medborgarnas energigemenskaper",
      kind: "networks_of_towns",
    }),
    c("SAFECITY", "Feeling safe in our neighbourhoods", ["vulnerable_groups", "active_citizenship"]),
    c("ACCESS4ALL", "Accessible towns for all citizens", ["vulnerable_groups", "smart_mobility"]),
    c("MARKETSQUARE", "The town square as a place of democracy", ["active_citizenship"], {
      it: "La piazza come luogo di democrazia",
    }),
    c("NEWEUROPEANS", "New Europeans: citizens with a migrant background", ["vulnerable_groups", "active_citizenship"]),
    c("TWINGREENDEAL", "The European Green Deal in our towns", ["climate_action", "active_citizenship"], {
      kind: "networks_of_towns",
    }),
    c("CIVICYOUTH", "Young volunteers in civic life", ["active_citizenship", "vulnerable_groups"]),
    c("BORDERSTORIES", "Border stories: Europe's changing frontiers", ["active_citizenship"], { kind: "remembrance" }),
    c("LOCALNEWS", "Local media and citizens' trust", ["active_citizenship", "digital_skills"]),
  ],
  education: [
    c("PRESCHOOLEX", "Job shadowing among pre-school teachers", ["quality_education"], {
      it: "Job shadowing tra insegnanti della scuola dell'infanzia",
      sv: "Auskultation bland förskollärare",
      kind: "mobility",
    }),
    c("OUTDOORKIDS", "Outdoor learning in early childhood", ["quality_education", "climate_action"], {
      it: "Educazione all'aperto nella prima infanzia",
      sv: "Utomhuspedagogik i förskolan",
    }),
    c("READ2GETHER", "Reading together in multilingual classrooms", ["quality_education", "vulnerable_groups"]),
    c("STEAMKIDS", "STEAM in primary schools", ["quality_education", "digital_skills"]),
    c("INCLUSCHOOL", "Inclusive schools for pupils with special needs", ["quality_education", "vulnerable_groups"], {
      it: "Scuole inclusive per alunni con bisogni educativi speciali",
      sv: "Inkluderande skolor för elever i behov av särskilt stöd",
    }),
    c("NEWARRIVALS", "Welcoming newly arrived pupils", ["quality_education", "vulnerable_groups"], {
      sv: "Mottagande av nyanlända elever",
    }),
    c("DIGITEACH", "Digital teaching skills for teachers", ["digital_skills", "quality_education"], {
      kind: "mobility",
    }),
    c("SILVERCLICK", "Digital skills for adults over 55", ["digital_skills", "vulnerable_groups"], {
      it: "Competenze digitali per gli over 55",
      sv: "Digital kompetens för vuxna över 55",
    }),
    c("VETGREEN", "Green skills in vocational education", ["quality_education", "climate_action"]),
    c("STAYIN", "Preventing early school leaving", ["quality_education", "vulnerable_groups"]),
    c("PARENTSIN", "Parents in school life", ["quality_education", "active_citizenship"]),
    c("LANG4ALL", "Language learning for adult migrants", ["vulnerable_groups", "quality_education"]),
    c("TEACHMOB", "Mobility of school staff", ["quality_education"], { kind: "mobility" }),
    c("CAREMOB", "Mobility for social care staff", ["vulnerable_groups", "quality_education"], {
      it: "Mobilità per il personale dei servizi sociali",
      sv: "Mobilitet för personal inom socialtjänsten",
      kind: "mobility",
    }),
    c("QUALITYKIDS", "Quality frameworks for early childhood education", ["quality_education"]),
    c("PLAYLEARN", "Learning through play", ["quality_education"], {
      it: "Imparare giocando",
      sv: "Lärande genom lek",
    }),
    c("MUSICBRIDGE", "Music education as a bridge between cultures", ["quality_education", "vulnerable_groups"]),
    c("CITIZENSCHOOL", "Citizenship education in secondary schools", ["quality_education", "active_citizenship"]),
    c("MEDIALIT", "Media literacy for teenagers", ["digital_skills", "quality_education"]),
    c("CODEKIDS", "Coding in primary school", ["digital_skills", "quality_education"], {
      it: "Il coding nella scuola primaria",
      sv: "Programmering i grundskolan",
    }),
    c("FOLKLEARN", "Folk high school methods for adult learning", ["quality_education", "vulnerable_groups"], {
      sv: "Folkhögskolans metoder för vuxnas lärande",
    }),
    c("LIFELONG", "Learning partnerships for lifelong learning", ["quality_education"]),
    c("ASDCLASS", "Autism-friendly classrooms", ["quality_education", "vulnerable_groups"]),
    c("WELLSCHOOL", "Well-being at school", ["quality_education", "vulnerable_groups"], {
      it: "Il benessere a scuola",
      sv: "Välmående i skolan",
    }),
    c("NOBULLY", "Schools without bullying", ["quality_education", "vulnerable_groups"]),
    c("ENTREVET", "Entrepreneurship education in vocational schools", ["quality_education", "digital_skills"]),
    c("TOURSKILLS", "Skills for sustainable tourism professionals", ["sustainable_tourism", "quality_education"], {
      kind: "mobility",
    }),
    c("ELDERCARE", "Training for elderly care staff", ["vulnerable_groups", "quality_education"], {
      kind: "mobility",
    }),
    c("LEADSCHOOL", "School leadership for change", ["quality_education"], { kind: "mobility" }),
    c("SCIENCEOUT", "Science outside the classroom", ["quality_education", "climate_action"]),
    c("ARTKIDS", "Expressive languages in pre-school", ["quality_education"], {
      it: "I linguaggi espressivi nella scuola dell'infanzia",
    }),
    c("NATURESCHOOL", "Nature-based pre-schools", ["quality_education", "climate_action"], {
      sv: "Naturförskolor",
    }),
    c("DIGIPARENTS", "Parents and children's digital lives", ["digital_skills", "quality_education"]),
    c("INTERCULT", "Intercultural competences for teachers", ["quality_education", "vulnerable_groups"], {
      kind: "mobility",
    }),
    c("MENTORS", "Mentoring new teachers", ["quality_education"]),
    c("ECOSCHOOLS", "A network of eco-schools", ["climate_action", "quality_education"]),
    c("EUROVET", "European mobility for vocational students", ["quality_education"], { kind: "mobility" }),
    c("NEXTSTEP", "Second chances for young people not in education or work", [
      "vulnerable_groups",
      "quality_education",
    ]),
    c("MATHS4ALL", "Maths for all", ["quality_education"]),
    c("HISTORYLAB", "A European history lab for secondary schools", ["quality_education", "active_citizenship"]),
    c("CLIMATECLASS", "Climate education in the classroom", ["climate_action", "quality_education"], {
      it: "Educazione al clima in classe",
      sv: "Klimatundervisning i klassrummet",
    }),
    c("CAREERGUIDE", "Career guidance for young people", ["quality_education", "vulnerable_groups"]),
    c("LIBRARYHUB", "Libraries as learning hubs", ["quality_education", "digital_skills"]),
    c("BASICSKILLS", "Basic skills for low-qualified adults", ["quality_education", "vulnerable_groups"]),
    c("COMMUNITYWORK", "Training social workers in community work", ["vulnerable_groups"], { kind: "mobility" }),
    c("TEACHWELL", "Teachers' well-being", ["quality_education"]),
    c("BLENDVET", "Blended learning in vocational schools", ["digital_skills", "quality_education"]),
    c("EQUITYECEC", "Equity in early childhood education", ["quality_education", "vulnerable_groups"], {
      it: "Equità nell'educazione della prima infanzia",
      sv: "Likvärdighet i förskolan",
    }),
    c("SPORTSCHOOL", "Physical activity in the school day", ["quality_education"]),
    c("BILINGUAL", "Bilingual children in pre-school", ["quality_education", "vulnerable_groups"]),
    c("ADULTDIGI", "Digital citizenship for adult learners", ["digital_skills", "active_citizenship"]),
    c("SMARTSCHOOL", "Digital school administration", ["e_government", "digital_skills"]),
    c("GREENVET", "Renewable energy skills for vocational teachers", ["climate_action", "quality_education"], {
      kind: "mobility",
    }),
    c("DYSLEXIA", "Supporting pupils with dyslexia", ["quality_education", "vulnerable_groups"]),
    c("SCHOOLGARDEN", "School gardens for learning", ["quality_education", "climate_action"], {
      it: "Orti scolastici per imparare",
      sv: "Skolträdgårdar för lärande",
    }),
    c("EARLYMATHS", "Early maths in pre-school", ["quality_education"]),
    c("EUROPEANTEACHER", "Job shadowing for secondary teachers", ["quality_education"], { kind: "mobility" }),
    c("ADULTLEARNERS", "Reaching adult learners in rural areas", ["quality_education", "vulnerable_groups"]),
    c("DIGIPRESCHOOL", "Digital tools in pre-school", ["digital_skills", "quality_education"], {
      sv: "Digitala verktyg i förskolan",
    }),
    c("SENIORLEARN", "Learning in later life", ["quality_education", "vulnerable_groups"], {
      it: "Imparare in età avanzata",
    }),
    c("VETMOB", "Work placements abroad for vocational students", ["quality_education"], { kind: "mobility" }),
    c("TRANSITIONS", "From pre-school to primary school", ["quality_education"], {
      it: "Dalla scuola dell'infanzia alla primaria",
      sv: "Övergången från förskola till skola",
    }),
    c("INCLUSIVESPORT", "Inclusive sport in schools", ["quality_education", "vulnerable_groups"]),
    c("AIINCLASS", "Artificial intelligence in the classroom", ["digital_skills", "quality_education"]),
    c("CAREGIVERS", "Training for staff caring for people with dementia", ["vulnerable_groups", "quality_education"], {
      kind: "mobility",
    }),
    c("STAFFLEARN", "Staff development in municipal services", ["e_government", "quality_education"], {
      kind: "mobility",
    }),
    c("OPENSCHOOL", "The school as a community centre", ["quality_education", "active_citizenship"]),
    c("LANGUAGEBATH", "Early language learning", ["quality_education"]),
  ],
  regional: [
    c("SMARTMOVE", "Smart mobility plans for medium-sized cities", ["smart_mobility"], {
      it: "Piani di mobilità intelligente per le città medie",
      sv: "Smarta mobilitetsplaner för medelstora städer",
    }),
    c("CYCLECITIES", "Cycling cities", ["smart_mobility", "climate_action"]),
    c("ENERGYPUB", "Energy-efficient public buildings", ["climate_action"]),
    c("SLOWTRAILS", "Sustainable tourism in rural regions", ["sustainable_tourism"], {
      it: "Turismo sostenibile nelle aree rurali",
    }),
    c("COASTADAPT", "Climate adaptation for coastal municipalities", ["climate_action"]),
    c("DIGIREGIO", "Digital public services in regions", ["e_government", "digital_skills"]),
    c("CIRCPROC", "Circular economy in public procurement", ["climate_action", "e_government"]),
    c("MOBIHUBS", "Mobility hubs in suburban areas", ["smart_mobility"], { sv: "Mobilitetsnoder i förorter" }),
    c("CULTROUTES", "Cultural routes for sustainable tourism", ["sustainable_tourism"]),
    c("FLOODSAFE", "Flood-safe river valleys", ["climate_action"]),
    c("AGEINPLACE", "Ageing in place: smart homes and services", ["vulnerable_groups", "e_government"]),
    c("INNOPROC", "Innovation procurement for local authorities", ["e_government"]),
    c("BROADRURAL", "Broadband for rural municipalities", ["digital_skills", "e_government"]),
    c("RIDESHARE", "Demand-responsive transport in rural areas", ["smart_mobility", "vulnerable_groups"]),
    c("PORTCITIES", "Green ports in port cities", ["smart_mobility", "climate_action"]),
    c("SMARTFREIGHT", "Clean urban freight", ["smart_mobility", "climate_action"]),
    c("HEALTHYREGIONS", "Digital health services in rural regions", ["e_government", "vulnerable_groups"]),
    c("GREENDESTINATIONS", "Green destinations: measuring tourism's footprint", [
      "sustainable_tourism",
      "climate_action",
    ]),
    c("RENOVATE", "Energy renovation of social housing", ["climate_action", "vulnerable_groups"]),
  ],
  research: [
    c("CITYZERO", "Citizens co-creating climate-neutral cities", ["climate_action", "active_citizenship"]),
    c("LOCALDEM", "Innovations in local democracy", ["active_citizenship", "e_government"]),
    c("FAIRMOVE", "Fair and inclusive urban mobility", ["smart_mobility", "vulnerable_groups"]),
    c("TRUSTGOV", "Trustworthy artificial intelligence in municipal services", ["e_government", "digital_skills"]),
    c("COOLCITIES", "Cool cities: adapting to heatwaves", ["climate_action", "vulnerable_groups"]),
    c("EDUFUTURES", "The future of early childhood education systems", ["quality_education"]),
  ],
  climate: [
    c("LIFE GREENROOF", "Green roofs and nature-based solutions in cities", ["climate_action"]),
    c("LIFE CLIMATOWNS", "Local climate adaptation plans for small towns", ["climate_action"], {
      it: "Piani locali di adattamento al clima per i piccoli comuni",
    }),
    c("LIFE PODELTA", "Restoring the wetlands of the Po delta", ["climate_action", "sustainable_tourism"]),
    c("LIFE ZEROWASTE", "Zero-waste municipalities", ["climate_action"]),
    c("LIFE URBANFOREST", "Urban forests for climate resilience", ["climate_action"], {
      sv: "Stadsskogar för klimatanpassning",
    }),
    c("LIFE COOLSCHOOLS", "Climate-proof schoolyards", ["climate_action", "quality_education"]),
    c("LIFE RIVERSPACE", "Room for the river: flood plains as parks", ["climate_action"]),
    c("LIFE SOILCITY", "Unsealing urban soils", ["climate_action"]),
    c("LIFE BIOWASTE", "Biowaste to energy in small towns", ["climate_action"]),
    c("LIFE POLLINATE", "Pollinator-friendly municipalities", ["climate_action", "sustainable_tourism"]),
  ],
  migration: [
    c("WELCOMEPLAN", "Local welcome plans for refugees", ["vulnerable_groups"], {
      it: "Piani locali di accoglienza per i rifugiati",
      sv: "Lokala mottagandeplaner för flyktingar",
    }),
    c("MENTORIN", "Mentoring for migrant women", ["vulnerable_groups"]),
    c("SAFEPATH", "Support for unaccompanied minors", ["vulnerable_groups"]),
    c("JOBBRIDGE", "Job bridges for newcomers", ["vulnerable_groups", "digital_skills"]),
    c("LANGCAFE", "Language cafés in public libraries", ["vulnerable_groups", "quality_education"], {
      sv: "Språkcaféer på folkbiblioteken",
    }),
    c("HOMEFIRST", "Integrated housing for refugees", ["vulnerable_groups"]),
    c("FAMILYREUNITE", "Support for reunited families", ["vulnerable_groups"]),
    c("CIVICINTRO", "Civic orientation for newcomers", ["vulnerable_groups", "active_citizenship"]),
  ],
  social: [
    c("HOMECARE", "Integrated home care", ["vulnerable_groups"]),
    c("SOCIALLAB", "Social innovation labs in municipalities", ["vulnerable_groups", "e_government"]),
    c("YOUTHPACT", "Local youth guarantee partnerships", ["vulnerable_groups", "quality_education"]),
    c("DIGINCLUDE", "Digital inclusion of older people", ["digital_skills", "vulnerable_groups"], {
      it: "Inclusione digitale delle persone anziane",
    }),
  ],
  culture: [
    c("STREETART", "Street art in European suburbs", ["active_citizenship", "sustainable_tourism"]),
    c("FESTNET", "A network of small festivals", ["sustainable_tourism"]),
    c("BOOKBRIDGE", "Literary translation bridges between Italy and Sweden", ["active_citizenship"], {
      it: "Ponti di traduzione letteraria tra Italia e Svezia",
      sv: "Litterära översättningsbroar mellan Italien och Sverige",
    }),
    c("MUSEUMS4ALL", "Accessible museums", ["vulnerable_groups", "sustainable_tourism"]),
    c("THEATREBRIDGE", "Community theatre across borders", ["active_citizenship"]),
    c("DESIGNHERITAGE", "Design heritage of industrial towns", ["sustainable_tourism"]),
    c("CINEMA4SCHOOLS", "European cinema in schools", ["quality_education", "active_citizenship"]),
  ],
  digital: [
    c("DATACITIES", "Local digital twins for planning", ["e_government", "smart_mobility"]),
    c("EGOVHUB", "Interoperable e-government services", ["e_government"], {
      it: "Servizi di e-government interoperabili",
      sv: "Interoperabla e-förvaltningstjänster",
    }),
    c("CYBERMUNI", "Cyber security for municipalities", ["e_government", "digital_skills"]),
  ],
};

/** An organisation from outside the network (a partner known by name, country and type only). */
export type OutsideOrganisation = { name: string; country: string; type: string; fits: Family[] };

const o = (name: string, country: string, type: string, fits: Family[]): OutsideOrganisation => ({
  name,
  country,
  type,
  fits,
});

const ALL: Family[] = ["citizens", "education", "regional", "research", "climate", "migration", "social", "culture"];
const TOWN: Family[] = ["citizens", "regional", "climate", "migration", "social", "culture", "digital"];
const SCHOOL: Family[] = ["education", "research", "social"];

export const outsideOrganisations: OutsideOrganisation[] = [
  o("Ville de Grenoble", "FR", "municipality", TOWN),
  o("Conseil départemental de la Gironde", "FR", "province", TOWN),
  o("Ligue de l'enseignement du Rhône", "FR", "civil_society", ["citizens", "education"]),
  o("Université Lumière Lyon 2", "FR", "education", SCHOOL),
  o("Stadt Jena", "DE", "municipality", TOWN),
  o("Volkshochschule Leipzig", "DE", "education", ["education", "migration", "social"]),
  o("Diakonie Württemberg", "DE", "civil_society", ["citizens", "migration", "social"]),
  o("Hochschule Darmstadt", "DE", "education", SCHOOL),
  o("Ayuntamiento de Zaragoza", "ES", "municipality", TOWN),
  o("Diputació de Barcelona", "ES", "province", TOWN),
  o("Fundación Secretariado Gitano", "ES", "civil_society", ["citizens", "migration", "social"]),
  o("Universidad de Granada", "ES", "education", SCHOOL),
  o("Câmara Municipal do Porto", "PT", "municipality", TOWN),
  o("Câmara Municipal de Braga", "PT", "municipality", ["citizens", "education", "culture"]),
  o("Agrupamento de Escolas de Gaia Nascente", "PT", "education", ["education"]),
  o("Urząd Miasta Lublin", "PL", "municipality", TOWN),
  o("Fundacja Rozwoju Demokracji Lokalnej", "PL", "civil_society", ["citizens", "education", "digital"]),
  o("Uniwersytet Wrocławski", "PL", "education", SCHOOL),
  o("Mestna občina Maribor", "SI", "municipality", TOWN),
  o("Grad Rijeka", "HR", "municipality", TOWN),
  o("Udruga SMART Rijeka", "HR", "civil_society", ["citizens", "education", "social"]),
  o("Dimos Thessalonikis", "GR", "municipality", TOWN),
  o("Jelgavas valstspilsētas pašvaldība", "LV", "municipality", ["citizens", "education", "regional"]),
  o("Kauno miesto savivaldybė", "LT", "municipality", TOWN),
  o("Tartu Linnavalitsus", "EE", "municipality", ["citizens", "digital", "regional", "education"]),
  o("Tampereen kaupunki", "FI", "municipality", TOWN),
  o("Turun ammattikorkeakoulu", "FI", "education", SCHOOL),
  o("Aarhus Kommune", "DK", "municipality", TOWN),
  o("VIA University College", "DK", "education", SCHOOL),
  o("Gemeente Utrecht", "NL", "municipality", TOWN),
  o("Movisie", "NL", "civil_society", ["citizens", "migration", "social", "research"]),
  o("Ville de Liège", "BE", "municipality", TOWN),
  o("Stadt Graz", "AT", "municipality", TOWN),
  o("Volkshilfe Steiermark", "AT", "civil_society", ["citizens", "migration", "social"]),
  o("Statutární město Brno", "CZ", "municipality", TOWN),
  o("Mesto Košice", "SK", "municipality", ["citizens", "culture", "regional"]),
  o("Pécs Megyei Jogú Város Önkormányzata", "HU", "municipality", ["citizens", "regional", "culture"]),
  o("Primăria Municipiului Cluj-Napoca", "RO", "municipality", TOWN),
  o("Asociația Pro Democrația", "RO", "civil_society", ["citizens", "education"]),
  o("Obshtina Plovdiv", "BG", "municipality", ["citizens", "culture", "regional"]),
  o("Cork City Council", "IE", "municipality", TOWN),
  o("Malta College of Arts, Science and Technology", "MT", "education", ["education"]),
  o("Dimos Larnakas", "CY", "municipality", ["citizens", "regional"]),
  o("Institut für Klimaschutz, Energie und Mobilität", "DE", "private", ["research", "climate", "regional", "digital"]),
  o("Tecnalia Research & Innovation", "ES", "private", ["research", "climate", "digital"]),
  o("Aalborg Universitet", "DK", "education", ["research", "education", "climate"]),
  o("Politecnico di Milano", "IT", "education", ["research", "digital", "regional"]),
  o("Linköpings universitet", "SE", "education", ALL),
];
