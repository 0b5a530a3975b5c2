/**
 * Demo membership applications in different states, for the demo data set: a new one, one the
 * secretariat asked to complete, one on the Board's next agenda and one withdrawn. Loads nothing
 * when applications exist already.
 */
import { count } from "drizzle-orm";
import { system } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import { withLuhnDigit } from "~/domains/organisations/identifiers";
import { createPdf } from "~/pdf/document";
import { membershipApplications } from "./schema";
import { closeApplication, markReady, requestCompletion, submitApplication } from "./service";

const BASE = "http://localhost:3000";

async function signedPdf(name: string) {
  const pdf = await createPdf({ title: name, language: "en" });
  pdf.paragraph(`${name} — signed application form (demo).`);
  return { filename: "signed-form.pdf", contentType: "application/pdf", content: await pdf.save() };
}

const person = (name: string, email: string, jobTitle: string | null = null) => ({ name, email, jobTitle });

export async function loadMembershipDemo(db: DbOrTx): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(membershipApplications);
  if ((existing?.n ?? 0) > 0) return 0;
  const actor = system("demo");
  const demo = [
    {
      language: "it",
      name: "Comune di Brisighella",
      country: "IT",
      type: "municipality",
      officialCode: "039004",
      nuts3: "ITH57",
      inhabitants: "7400",
      // Identifiers valid in form but fictional (as every demo identifier).
      ids: { taxCode: withLuhnDigit("9390040000"), ipaCode: "BRSGH1" },
      legal: person("Massimiliano Pederzoli", "sindaco@brisighella.example", "Sindaco"),
      contact: { ...person("Giulia Ferri", "giulia.ferri@brisighella.example", "Ufficio Europa"), language: "it" },
      priorities: ["sustainable_tourism", "climate_action"],
      letter:
        "Gentile Presidente, il Comune di Brisighella desidera aderire alla rete per sviluppare progetti di turismo sostenibile.",
      signed: true,
      next: "none",
    },
    {
      language: "sv",
      name: "Ånge kommun",
      country: "SE",
      type: "municipality",
      officialCode: "2260",
      nuts3: "SE321",
      inhabitants: "9300",
      ids: { orgNumber: withLuhnDigit("212260000") },
      legal: person("Erik Lindqvist", "kommunstyrelsen@ange.example", "Kommunstyrelsens ordförande"),
      contact: { ...person("Sara Nyström", "sara.nystrom@ange.example", "EU-samordnare"), language: "sv" },
      priorities: ["digital_skills"],
      letter: "Bästa ordförande, Ånge kommun vill gå med i nätverket för att utveckla digital kompetens.",
      signed: false,
      next: "incomplete",
    },
    {
      language: "en",
      name: "Fondazione Scuola Aperta",
      country: "IT",
      type: "education",
      officialCode: null,
      nuts3: "ITH55",
      inhabitants: null,
      ids: { taxCode: withLuhnDigit("9123456780") },
      legal: person("Paola Conti", "presidenza@scuola-aperta.example", "President"),
      contact: { ...person("Marco Galli", "marco.galli@scuola-aperta.example", "Project officer"), language: "en" },
      priorities: ["quality_education", "vulnerable_groups"],
      letter: "Dear Chair, our foundation runs open schools in Bologna and wishes to join the network.",
      signed: true,
      next: "ready",
    },
    {
      language: "en",
      name: "Ville de Nantes",
      country: "FR",
      type: "municipality",
      officialCode: null,
      nuts3: null,
      inhabitants: "320000",
      ids: {},
      legal: person("Jeanne Martin", "maire@nantes.example", "Mayor"),
      contact: { ...person("Luc Bernard", "europe@nantes.example", "Europe office"), language: "en" },
      priorities: ["smart_mobility"],
      letter: "Dear Chair, Nantes would like to work with the network as a partner.",
      signed: false,
      next: "withdrawn",
    },
  ];
  for (const d of demo) {
    const created = await submitApplication(
      db,
      {
        fields: {
          language: d.language,
          name: d.name,
          country: d.country,
          type: d.type,
          officialCode: d.officialCode ?? "",
          nuts3: d.nuts3 ?? "",
          inhabitants: d.inhabitants ?? "",
          priorities: d.priorities,
          ...d.ids,
          legalName: d.legal.name,
          legalJobTitle: d.legal.jobTitle ?? "",
          legalEmail: d.legal.email,
          contactName: d.contact.name,
          contactJobTitle: d.contact.jobTitle ?? "",
          contactEmail: d.contact.email,
          contactLanguage: d.contact.language,
          letterText: d.letter,
          acceptStatute: "on",
          acceptPrivacy: "on",
        },
        signedForm: d.signed ? await signedPdf(d.name) : null,
      },
      { baseUrl: BASE },
    );
    if (d.next === "incomplete") {
      await requestCompletion(
        db,
        actor,
        created.id,
        { message: "Ladda upp den underskrivna ansökningsblanketten och ange antal anställda." },
        { baseUrl: BASE },
      );
    } else if (d.next === "ready") {
      await markReady(db, actor, created.id);
    } else if (d.next === "withdrawn") {
      await closeApplication(db, actor, created.id, "withdrawn", { reason: "Requested by the applicant." });
    }
  }
  return demo.length;
}
