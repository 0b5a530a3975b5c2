/**
 * The project form's values: what the form shows (strings as typed, so a refused form comes back
 * as it was sent), read from a posted form or from a project, and turned into the input of
 * createProject / updateProject. Amounts are read in the reader's language (./money.ts); what
 * cannot be read is passed on as typed, so the service refuses it and nothing is saved.
 */
import type { Language } from "~/i18n/i18n";
import { memberEditableFields, type PartnerInput, type ProjectDetail } from "../contract";
import { moneyText, parseCount, parseMoneyCents } from "./money";

export const textLanguages = ["en", "sv", "it"] as const;
type Texts = Record<(typeof textLanguages)[number], string>;

export const moneyFields = ["totalBudgetCents", "grantRequestedCents", "grantAwardedCents", "grantPaidCents"] as const;
export const countFields = ["participantsPlanned", "participantsActual"] as const;
const plainFields = [
  "acronym",
  "programmeCode",
  "actionCode",
  "callIdentifier",
  "deadline",
  "submittedOn",
  "initiatorOrganisationId",
  "startDate",
  "endDate",
  "cordisUrl",
  "erasmusPlusUrl",
  "keepEuUrl",
  "websiteUrl",
] as const;
export const leadKinds = ["none", "organisation", "network", "external"] as const;
export type LeadKind = (typeof leadKinds)[number];

type PlainField = (typeof plainFields)[number];
type MoneyField = (typeof moneyFields)[number];
type CountField = (typeof countFields)[number];

export type ProjectFormValues = Record<PlainField | MoneyField | CountField, string> & {
  title: Texts;
  summary: Texts;
  priorities: string[];
  internal: boolean;
  /** A new project's phase and funding status (the secretariat may enter a past project). */
  phase: string;
  fundingStatus: string;
  leadKind: LeadKind;
  leadOrganisationId: string;
  leadName: string;
  leadCountry: string;
  leadType: string;
};

/** The project's own fields the form can show, as the service names them. */
export type ProjectFormField =
  | PlainField
  | MoneyField
  | CountField
  | "title"
  | "summary"
  | "priorities"
  | "internal"
  | "phase"
  | "fundingStatus"
  | "lead";

export const allFormFields: readonly ProjectFormField[] = [
  "acronym",
  "title",
  "summary",
  "priorities",
  "programmeCode",
  "actionCode",
  "callIdentifier",
  "deadline",
  "submittedOn",
  "initiatorOrganisationId",
  "lead",
  "phase",
  "fundingStatus",
  ...moneyFields,
  ...countFields,
  "startDate",
  "endDate",
  "cordisUrl",
  "erasmusPlusUrl",
  "keepEuUrl",
  "websiteUrl",
  "internal",
];

/**
 * The fields the form offers: everything for the secretariat (a new project's phase and lead
 * included; on an existing project the phase moves on its page); for the lead member contact the
 * fields a member may set (their organisation initiates and leads the idea by itself).
 */
export function formFieldsFor(editAll: boolean, creating: boolean): readonly ProjectFormField[] {
  if (!editAll) return memberEditableFields;
  return creating ? allFormFields : allFormFields.filter((f) => f !== "phase" && f !== "fundingStatus");
}

const emptyTexts = (): Texts => ({ en: "", sv: "", it: "" });

export function emptyValues(): ProjectFormValues {
  return {
    acronym: "",
    title: emptyTexts(),
    summary: emptyTexts(),
    priorities: [],
    programmeCode: "",
    actionCode: "",
    callIdentifier: "",
    deadline: "",
    submittedOn: "",
    initiatorOrganisationId: "",
    totalBudgetCents: "",
    grantRequestedCents: "",
    grantAwardedCents: "",
    grantPaidCents: "",
    participantsPlanned: "",
    participantsActual: "",
    startDate: "",
    endDate: "",
    cordisUrl: "",
    erasmusPlusUrl: "",
    keepEuUrl: "",
    websiteUrl: "",
    internal: false,
    phase: "identification",
    fundingStatus: "",
    leadKind: "none",
    leadOrganisationId: "",
    leadName: "",
    leadCountry: "",
    leadType: "",
  };
}

/** A project's current values as the form shows them, amounts in the reader's language. */
export function valuesOfProject(p: ProjectDetail, language: Language): ProjectFormValues {
  const text = (t: Partial<Texts>): Texts => ({ en: t.en ?? "", sv: t.sv ?? "", it: t.it ?? "" });
  const lead = p.partners.find((x) => x.role === "lead") ?? null;
  return {
    acronym: p.acronym,
    title: text(p.title),
    summary: text(p.summary),
    priorities: [...p.priorities],
    programmeCode: p.programmeCode ?? "",
    actionCode: p.actionCode ?? "",
    callIdentifier: p.callIdentifier ?? "",
    deadline: p.deadline ?? "",
    submittedOn: p.submittedOn ?? "",
    initiatorOrganisationId: p.initiatorOrganisationId ?? "",
    totalBudgetCents: moneyText(p.totalBudgetCents, language),
    grantRequestedCents: moneyText(p.grantRequestedCents, language),
    grantAwardedCents: moneyText(p.grantAwardedCents, language),
    grantPaidCents: moneyText(p.grantPaidCents, language),
    participantsPlanned: p.participantsPlanned === null ? "" : String(p.participantsPlanned),
    participantsActual: p.participantsActual === null ? "" : String(p.participantsActual),
    startDate: p.startDate ?? "",
    endDate: p.endDate ?? "",
    cordisUrl: p.cordisUrl ?? "",
    erasmusPlusUrl: p.erasmusPlusUrl ?? "",
    keepEuUrl: p.keepEuUrl ?? "",
    websiteUrl: p.websiteUrl ?? "",
    internal: p.internal,
    phase: p.phase,
    fundingStatus: p.fundingStatus ?? "",
    leadKind: lead ? lead.kind : "none",
    leadOrganisationId: lead?.kind === "organisation" ? (lead.organisationId ?? "") : "",
    leadName: lead?.kind === "external" ? (lead.name ?? "") : "",
    leadCountry: lead?.kind === "external" ? (lead.country ?? "") : "",
    leadType: lead?.kind === "external" ? (lead.organisationType ?? "") : "",
  };
}

/** What the form posted, trimmed; a field not posted keeps its value in `fallback`. */
export function valuesFromForm(form: FormData, fallback: ProjectFormValues = emptyValues()): ProjectFormValues {
  const read = (name: string, keep: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v.trim() : keep;
  };
  const texts = (name: "title" | "summary"): Texts => ({
    en: read(`${name}.en`, fallback[name].en),
    sv: read(`${name}.sv`, fallback[name].sv),
    it: read(`${name}.it`, fallback[name].it),
  });
  const values: ProjectFormValues = { ...fallback, title: texts("title"), summary: texts("summary") };
  for (const f of [...plainFields, ...moneyFields, ...countFields]) values[f] = read(f, fallback[f]);
  // Checkboxes: a form that shows them posts the marker `priorities-shown` / `internal-shown`.
  if (form.has("priorities-shown")) {
    values.priorities = form.getAll("priorities").filter((v): v is string => typeof v === "string" && v !== "");
  }
  if (form.has("internal-shown")) values.internal = form.get("internal") === "on";
  values.phase = read("phase", fallback.phase);
  values.fundingStatus = read("fundingStatus", fallback.fundingStatus);
  const kind = read("leadKind", fallback.leadKind);
  values.leadKind = (leadKinds as readonly string[]).includes(kind) ? (kind as LeadKind) : fallback.leadKind;
  values.leadOrganisationId = read("leadOrganisationId", fallback.leadOrganisationId);
  values.leadName = read("leadName", fallback.leadName);
  values.leadCountry = read("leadCountry", fallback.leadCountry);
  values.leadType = read("leadType", fallback.leadType);
  return values;
}

/** The lead applicant the values name, as a partner's input (null: none). */
export function leadOf(values: ProjectFormValues): PartnerInput | null {
  switch (values.leadKind) {
    case "organisation":
      return { kind: "organisation", organisationId: values.leadOrganisationId || null, role: "lead" };
    case "network":
      return { kind: "network", role: "lead" };
    case "external":
      return {
        kind: "external",
        name: values.leadName,
        country: values.leadCountry || null,
        organisationType: values.leadType || null,
        role: "lead",
      };
    default:
      return null;
  }
}

/** Whether two leads are the same partner (then nothing changes). */
export function sameLead(a: PartnerInput | null, b: PartnerInput | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind !== b.kind) return false;
  if (a.kind === "organisation") return a.organisationId === b.organisationId;
  if (a.kind === "network") return true;
  return a.name === b.name && a.country === b.country && (a.organisationType ?? null) === (b.organisationType ?? null);
}

/**
 * The input of the fields the form offers, and the amounts and counts it could not read (field →
 * message key), which go to the service as typed so that it refuses them with everything else.
 * The lead is not part of it (see leadOf): a new project lists it among its partners, an existing
 * one changes it through its partners.
 */
export function inputOf(
  values: ProjectFormValues,
  fields: readonly ProjectFormField[],
  language: Language,
): { input: Record<string, unknown>; unreadable: Record<string, string> } {
  const input: Record<string, unknown> = {};
  const unreadable: Record<string, string> = {};
  const offered = new Set(fields);
  for (const f of plainFields) {
    if (!offered.has(f)) continue;
    input[f] = f === "acronym" ? values[f] : values[f] === "" ? null : values[f];
  }
  for (const f of moneyFields) {
    if (!offered.has(f)) continue;
    const cents = parseMoneyCents(values[f], language);
    if (cents === "invalid") unreadable[f] = "projects:ui.form.moneyInvalid";
    input[f] = cents === "invalid" ? values[f] : cents;
  }
  for (const f of countFields) {
    if (!offered.has(f)) continue;
    const count = parseCount(values[f]);
    if (count === "invalid") unreadable[f] = "projects:ui.form.countInvalid";
    input[f] = count === "invalid" ? values[f] : count;
  }
  if (offered.has("title")) input.title = { ...values.title };
  if (offered.has("summary")) input.summary = { ...values.summary };
  if (offered.has("priorities")) input.priorities = [...values.priorities];
  if (offered.has("internal")) input.internal = values.internal;
  if (offered.has("phase") && values.phase) input.phase = values.phase;
  if (offered.has("fundingStatus")) input.fundingStatus = values.fundingStatus || null;
  return { input, unreadable };
}

/** The lead's field on the form for a partner's field of the service. */
const leadField: Record<string, string> = {
  kind: "leadKind",
  role: "leadKind",
  organisationId: "leadOrganisationId",
  name: "leadName",
  country: "leadCountry",
  organisationType: "leadType",
};

/**
 * The form field (its id without `field-`) a service field's problem belongs to: a language of the
 * title or summary, the lead's fields for the partners' (a new project's only partner is its lead).
 */
export function formFieldOf(path: string): string {
  const [head = path, second = "", third = ""] = path.split(".");
  if ((head === "title" || head === "summary") && (textLanguages as readonly string[]).includes(second)) {
    return `${head}.${second}`;
  }
  if (head === "partners") return leadField[third] ?? "leadKind";
  if (head === "lead") return leadField[second] ?? "leadKind";
  return head;
}
