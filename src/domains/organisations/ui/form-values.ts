/**
 * The organisation and contact forms' values: what the user typed (strings, kept on error) and
 * how they become the service's input. Pure functions, used on the server and in the browser.
 */
import type { ContactInput, Organisation, OrganisationInput } from "../contract";
import { memberEditableFields } from "../contract";

export const organisationFormFields = [
  "name",
  "country",
  "type",
  "publicAuthority",
  "officialCode",
  "nuts3",
  "inhabitants",
  "employees",
  "website",
  "street",
  "postalCode",
  "city",
  "workingLanguages",
  "priorities",
  "status",
  "memberSince",
  "taxCode",
  "vatNumber",
  "ipaCode",
  "orgNumber",
  "peppolId",
  "invoiceEmail",
  "invoiceLanguage",
  "annualBudget",
] as const satisfies readonly (keyof OrganisationInput)[];
export type OrganisationFormField = (typeof organisationFormFields)[number];

export type OrganisationFormValues = { [K in Exclude<OrganisationFormField, "priorities">]: string } & {
  priorities: string[];
};

/** The fields a form shows: all of them, or only those a member contact may change. */
export function editableFields(editAll: boolean): readonly OrganisationFormField[] {
  return editAll ? organisationFormFields : memberEditableFields;
}

export function emptyOrganisationValues(): OrganisationFormValues {
  return {
    name: "",
    country: "",
    type: "",
    publicAuthority: "",
    officialCode: "",
    nuts3: "",
    inhabitants: "",
    employees: "",
    website: "",
    street: "",
    postalCode: "",
    city: "",
    workingLanguages: "",
    priorities: [],
    status: "member",
    memberSince: "",
    taxCode: "",
    vatNumber: "",
    ipaCode: "",
    orgNumber: "",
    peppolId: "",
    invoiceEmail: "",
    invoiceLanguage: "",
    annualBudget: "",
  };
}

const text = (v: string | null | undefined) => v ?? "";
const count = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));

export function organisationValues(o: Organisation): OrganisationFormValues {
  return {
    name: o.name,
    country: o.country,
    type: o.type,
    publicAuthority: o.publicAuthorityOverridden ? String(o.publicAuthority) : "",
    officialCode: text(o.officialCode),
    nuts3: text(o.nuts3),
    inhabitants: count(o.inhabitants),
    employees: count(o.employees),
    website: text(o.website),
    street: text(o.street),
    postalCode: text(o.postalCode),
    city: text(o.city),
    workingLanguages: o.workingLanguages.join(", "),
    priorities: [...o.priorities],
    status: o.status,
    memberSince: text(o.memberSince),
    taxCode: text(o.taxCode),
    vatNumber: text(o.vatNumber),
    ipaCode: text(o.ipaCode),
    orgNumber: text(o.orgNumber),
    peppolId: text(o.peppolId),
    invoiceEmail: text(o.invoiceEmail),
    invoiceLanguage: text(o.invoiceLanguage),
    annualBudget: o.annualBudget === null ? "" : o.annualBudget.toFixed(2),
  };
}

/** What the user submitted, as strings, so a form with errors shows exactly what was typed. */
export function organisationValuesFromForm(form: FormData): OrganisationFormValues {
  const values = emptyOrganisationValues();
  for (const field of organisationFormFields) {
    if (field === "priorities") {
      values.priorities = form.getAll("priorities").filter((v): v is string => typeof v === "string");
      continue;
    }
    const v = form.get(field);
    values[field] = typeof v === "string" ? v : "";
  }
  return values;
}

/**
 * A whole number as people type it in their locale: "12 345", "12.345", "12,345" and "12'345"
 * all mean 12345. Anything else is passed on as typed, so validation names the problem.
 */
export function parseCount(value: string): number | string | null {
  const trimmed = value.trim();
  if (trimmed === "") return null;
  const compact = trimmed.replace(/[\s\u00a0\u202f]/g, "");
  if (/^\d+$/.test(compact)) return Number(compact);
  if (/^\d{1,3}([.,'’]\d{3})+$/.test(compact)) return Number(compact.replace(/[.,'’]/g, ""));
  return trimmed;
}

/**
 * An amount in euro as people type it: "12 345,67", "12.345,67", "12,345.67", "12345.5" and
 * "€ 12 345" all work. The last `,` or `.` followed by one or two digits is the decimal mark.
 * Anything else is passed on as typed, so validation names the problem.
 */
export function parseAmount(value: string): number | string | null {
  const trimmed = value.trim();
  if (trimmed === "") return null;
  const compact = trimmed.replace(/[\s\u00a0\u202f€]/g, "").replace(/^EUR/i, "");
  const match = /^(\d{1,3}(?:[.,'’]\d{3})*|\d+)(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!match?.[1]) return trimmed;
  const whole = Number(match[1].replace(/[.,'’]/g, ""));
  const cents = match[2] ? Number(match[2].padEnd(2, "0")) : 0;
  return (whole * 100 + cents) / 100;
}

/** "it, en; SV" → ["it", "en", "sv"]. */
export function parseLanguageList(value: string): string[] {
  return value
    .split(/[\s,;]+/)
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * The service input for the given fields. Empty optional fields become null (cleared); an empty
 * required field is left out so validation reports it as required. The result is validated by
 * the service, so values that do not fit (letters in a number) are passed on as typed.
 */
export function organisationInput(
  values: OrganisationFormValues,
  fields: readonly OrganisationFormField[],
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    switch (field) {
      case "priorities":
        input.priorities = values.priorities;
        break;
      case "workingLanguages":
        input.workingLanguages = parseLanguageList(values.workingLanguages);
        break;
      case "inhabitants":
      case "employees":
        input[field] = parseCount(values[field]);
        break;
      case "publicAuthority":
        input.publicAuthority = values.publicAuthority === "" ? null : values.publicAuthority === "true";
        break;
      case "name":
      case "country":
      case "type":
      case "status":
        if (values[field].trim() !== "") input[field] = values[field];
        break;
      case "memberSince":
        input.memberSince = values.memberSince.trim() === "" ? null : values.memberSince.trim();
        break;
      case "annualBudget":
        input.annualBudget = parseAmount(values.annualBudget);
        break;
      case "invoiceEmail":
        input.invoiceEmail = values.invoiceEmail.trim();
        break;
      default:
        input[field] = values[field];
    }
  }
  return input;
}

export type ContactFormValues = {
  name: string;
  jobTitle: string;
  email: string;
  phone: string;
  preferredLanguage: string;
  legalRepresentative: boolean;
  primaryContact: boolean;
};

export function emptyContactValues(preferredLanguage: string): ContactFormValues {
  return {
    name: "",
    jobTitle: "",
    email: "",
    phone: "",
    preferredLanguage,
    legalRepresentative: false,
    primaryContact: false,
  };
}

export function contactValuesFromForm(form: FormData): ContactFormValues {
  const str = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  return {
    name: str("name"),
    jobTitle: str("jobTitle"),
    email: str("email"),
    phone: str("phone"),
    preferredLanguage: str("preferredLanguage"),
    legalRepresentative: form.get("legalRepresentative") === "on",
    primaryContact: form.get("primaryContact") === "on",
  };
}

export function contactInput(values: ContactFormValues): ContactInput {
  const input: ContactInput = {
    name: values.name,
    jobTitle: values.jobTitle,
    email: values.email.trim(),
    phone: values.phone,
    legalRepresentative: values.legalRepresentative,
    primaryContact: values.primaryContact,
  };
  if (values.preferredLanguage !== "")
    input.preferredLanguage = values.preferredLanguage as ContactInput["preferredLanguage"];
  return input;
}
