/**
 * The filled-in application form as a PDF, in the applicant's language, for the legal
 * representative to sign and upload again.
 */
import type { DbOrTx } from "~/db/client";
import { identifierFields } from "~/domains/organisations/identifiers";
import { listCountries, listOrganisationTypes, listPriorities } from "~/domains/reference/service";
import { formatDate, formatNumber, translator } from "~/i18n/i18n";
import { localized } from "~/i18n/localized";
import { createPdf } from "~/pdf/document";
import type { Application } from "./contract";

export async function applicationFormPdf(db: DbOrTx, app: Application): Promise<Uint8Array> {
  const language = app.language;
  const t = translator(language);
  const [countries, types, priorities] = [
    await listCountries(db),
    await listOrganisationTypes(db),
    await listPriorities(db),
  ];
  const country = countries.find((c) => c.code === app.country);
  const type = types.find((x) => x.code === app.type);
  const priorityNames = app.priorities.map((code) => {
    const p = priorities.find((x) => x.code === code);
    return p ? localized(p.names, language) : code;
  });
  const num = (v: number | null) => (v === null ? "" : formatNumber(language, v));
  const f = (key: string) => t(`membership:fields.${key}`);

  const pdf = await createPdf({ title: `${t("membership:pdf.title")} ${app.reference}`, language, author: "SERN" });
  pdf.title(t("membership:pdf.title"));
  pdf.paragraph(t("membership:pdf.intro", { reference: app.reference, date: formatDate(language, app.createdAt) }));
  pdf.paragraph(t(app.outcome === "member" ? "membership:pdf.outcomeMember" : "membership:pdf.outcomePartner"), {
    bold: true,
  });

  pdf.heading(t("membership:apply.organisationHeading"));
  pdf.fields([
    [f("name"), app.name],
    [f("country"), country ? localized(country.names, language) : app.country],
    [f("type"), type ? localized(type.names, language) : app.type],
    [f("officialCode"), app.officialCode ?? ""],
    [f("nuts3"), app.nuts3 ?? ""],
    [f("inhabitants"), num(app.inhabitants)],
    [f("employees"), num(app.employees)],
    [f("annualBudget"), app.annualBudget === null ? "" : `€ ${formatNumber(language, app.annualBudget)}`],
    [f("website"), app.website ?? ""],
    [f("address"), [app.street, [app.postalCode, app.city].filter(Boolean).join(" ")].filter(Boolean).join(", ")],
    [f("priorities"), priorityNames.join(", ")],
    ...identifierFields
      .filter((field) => app.identifiers[field] !== null)
      .map((field): [string, string] => [f(field), app.identifiers[field] ?? ""]),
  ]);

  pdf.heading(t("membership:apply.legalHeading"));
  pdf.fields([
    [f("personName"), app.legalRepresentative.name],
    [f("jobTitle"), app.legalRepresentative.jobTitle ?? ""],
    [f("email"), app.legalRepresentative.email],
    [f("phone"), app.legalRepresentative.phone ?? ""],
  ]);

  pdf.heading(t("membership:apply.contactHeading"));
  pdf.fields([
    [f("personName"), app.contact.name],
    [f("jobTitle"), app.contact.jobTitle ?? ""],
    [f("email"), app.contact.email],
    [f("phone"), app.contact.phone ?? ""],
    [f("contactLanguage"), t(`common:languages.${app.contact.language}`)],
  ]);

  if (app.letterText) {
    pdf.heading(t("membership:apply.letterHeading"));
    pdf.paragraph(app.letterText);
  }

  pdf.heading(t("membership:pdf.declarationHeading"));
  pdf.paragraph(
    t("membership:pdf.declaration", {
      organisation: app.name,
      statute: app.statute.version,
      privacy: app.privacy.version,
      date: formatDate(language, app.statute.acceptedAt),
    }),
  );
  pdf.paragraph(t("membership:pdf.placeDate"));
  pdf.signatureLine(t("membership:pdf.signature", { name: app.legalRepresentative.name }));
  pdf.footer(`${app.reference} · ${t("membership:pdf.footer")}`);
  return pdf.save();
}
