import { describe, expect, it } from "vitest";
import { parseInput } from "~/errors/validation";
import { OrganisationInput, OrganisationPatch } from "../contract";
import {
  contactInput,
  contactValuesFromForm,
  editableFields,
  emptyOrganisationValues,
  organisationFormFields,
  organisationInput,
  organisationValuesFromForm,
  parseCount,
  parseLanguageList,
} from "./form-values";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe("numbers as people type them", () => {
  it("reads thousands separators of every language", () => {
    expect(parseCount("117946")).toBe(117946);
    expect(parseCount("117 946")).toBe(117946);
    expect(parseCount("117\u00a0946")).toBe(117946);
    expect(parseCount("117.946")).toBe(117946);
    expect(parseCount("117,946")).toBe(117946);
    expect(parseCount("1.234.567")).toBe(1234567);
  });
  it("leaves empty as null and anything else as typed, for validation to name", () => {
    expect(parseCount("  ")).toBeNull();
    expect(parseCount("about 100")).toBe("about 100");
    expect(parseCount("12.5")).toBe("12.5");
  });
});

describe("working languages", () => {
  it("splits on commas, semicolons and spaces, in lower case", () => {
    expect(parseLanguageList("it, EN;sv  de")).toEqual(["it", "en", "sv", "de"]);
    expect(parseLanguageList(" ")).toEqual([]);
  });
});

describe("organisation form → service input", () => {
  it("turns a complete form into valid input", () => {
    const values = organisationValuesFromForm(
      form([
        ["name", "Comune di Forlì"],
        ["country", "IT"],
        ["type", "municipality"],
        ["publicAuthority", ""],
        ["officialCode", "040012"],
        ["nuts3", "ith58"],
        ["inhabitants", "117.946"],
        ["employees", ""],
        ["website", "https://www.comune.forli.fc.it"],
        ["street", ""],
        ["postalCode", ""],
        ["city", "Forlì"],
        ["workingLanguages", "it, en"],
        ["priorities", "climate_action"],
        ["priorities", "digital_skills"],
        ["status", "member"],
        ["memberSince", "2021-05-20"],
      ]),
    );
    const input = parseInput(OrganisationInput, organisationInput(values, organisationFormFields));
    expect(input).toMatchObject({
      name: "Comune di Forlì",
      country: "IT",
      nuts3: "ITH58",
      inhabitants: 117946,
      employees: null,
      publicAuthority: null,
      street: null,
      workingLanguages: ["it", "en"],
      priorities: ["climate_action", "digital_skills"],
      memberSince: "2021-05-20",
    });
  });

  it("reports an empty name as required and passes letters in a number on for validation", () => {
    const values = { ...emptyOrganisationValues(), country: "IT", inhabitants: "many" };
    expect(() => parseInput(OrganisationInput, organisationInput(values, organisationFormFields))).toThrow(
      expect.objectContaining({
        code: "validation",
        fields: expect.objectContaining({
          name: { key: "errors:field.required" },
          inhabitants: expect.objectContaining({ key: expect.stringMatching(/^errors:field\./) }),
        }),
      }),
    );
  });

  it("sends a member contact's form only the fields they may change", () => {
    const values = { ...emptyOrganisationValues(), name: "Malmö stad", status: "former" };
    const patch = parseInput(OrganisationPatch, organisationInput(values, editableFields(false)));
    expect(Object.keys(patch).sort()).toEqual(
      [
        "city",
        "employees",
        "inhabitants",
        "invoiceEmail",
        "invoiceLanguage",
        "name",
        "postalCode",
        "priorities",
        "street",
        "website",
        "workingLanguages",
      ].sort(),
    );
  });

  it("overrides the public-authority flag only when chosen", () => {
    const base = emptyOrganisationValues();
    expect(organisationInput({ ...base, publicAuthority: "false" }, ["publicAuthority"])).toEqual({
      publicAuthority: false,
    });
    expect(organisationInput({ ...base, publicAuthority: "" }, ["publicAuthority"])).toEqual({ publicAuthority: null });
  });
});

describe("contact form → service input", () => {
  it("reads checkboxes and clears an empty e-mail", () => {
    const values = contactValuesFromForm(
      form([
        ["name", "Anna Berg"],
        ["email", " "],
        ["preferredLanguage", "sv"],
        ["legalRepresentative", "on"],
      ]),
    );
    expect(contactInput(values)).toMatchObject({
      name: "Anna Berg",
      email: "",
      preferredLanguage: "sv",
      legalRepresentative: true,
      primaryContact: false,
    });
  });
});
