/**
 * The membership certificate: a one-page PDF stating that an organisation has been a member of
 * the network since its member-since date, with the network's name and seat. In the member's
 * language — Italian for Italian members, Swedish for Swedish ones, English otherwise — or the
 * language asked for. Only for current members in good standing: a former member, an applicant,
 * a partner or a suspended member gets 409.
 */
import { type Actor, system } from "~/auth/actor";
import { authorize } from "~/auth/authorize";
import type { DbOrTx } from "~/db/client";
import { getSellerSettings } from "~/domains/invoicing/seller";
import { getMembershipState } from "~/domains/organisations/service";
import { AppError } from "~/errors/app-error";
import { isLanguage, type Language, localeOf, translator } from "~/i18n/i18n";
import { createPdf } from "~/pdf/document";
import { todayInNetwork } from "./changes";
import { canGetCertificate } from "./changes-policy";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The certificate's language: the one asked for, else the member country's, else English. */
export function certificateLanguage(country: string, requested: string | null | undefined): Language {
  if (requested && isLanguage(requested)) return requested;
  if (country === "IT") return "it";
  if (country === "SE") return "sv";
  return "en";
}

function longDate(language: Language, date: string): string {
  return new Intl.DateTimeFormat(localeOf[language], { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

export type Certificate = { filename: string; language: Language; bytes: Uint8Array };

/** The certificate of a current member (secretariat, or the member's own contacts). */
export async function membershipCertificate(
  db: DbOrTx,
  actor: Actor,
  organisationId: string,
  options: { language?: string | null; today?: string } = {},
): Promise<Certificate> {
  if (!UUID.test(organisationId)) throw new AppError("not_found");
  const state = await getMembershipState(db, actor.kind === "user" ? actor : system("membership"), organisationId);
  authorize(actor, canGetCertificate(actor, state.id));
  if (state.status !== "member" || state.memberSince === null) {
    throw new AppError("conflict", "membershipChanges:errors.certificateNotMember");
  }
  if (state.suspendedSince !== null) throw new AppError("conflict", "membershipChanges:errors.certificateSuspended");
  const language = certificateLanguage(state.country, options.language);
  const t = translator(language);
  const network = await getSellerSettings(db);
  const seat = `${network.street}, ${network.postalCode} ${network.city}`;
  const today = options.today ?? todayInNetwork();
  const title = t("membershipChanges:certificate.title");

  const pdf = await createPdf({
    title: `${title} — ${state.name}`,
    language,
    author: network.name,
  });
  pdf.doc.setSubject(`${title}: ${state.name}`);
  pdf.doc.setKeywords([state.name, network.name]);
  pdf.paragraph(network.name, { size: 12, bold: true, gap: 0 });
  pdf.paragraph(t("membershipChanges:certificate.seat", { seat }), { size: 9, gap: 36 });
  pdf.title(title);
  pdf.space(12);
  pdf.paragraph(
    t("membershipChanges:certificate.body", {
      name: state.name,
      network: network.name,
      date: longDate(language, state.memberSince),
    }),
    { size: 12, gap: 24 },
  );
  pdf.paragraph(t("membershipChanges:certificate.issued", { city: network.city, date: longDate(language, today) }), {
    size: 10,
  });
  pdf.signatureLine(t("membershipChanges:certificate.signature", { network: network.name }));
  pdf.footer(`${network.name} · ${seat}`);
  const bytes = await pdf.save();
  const slug = state.name
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .replace(/\s+/g, "-")
    .toLowerCase()
    .slice(0, 60);
  return { filename: `membership-certificate-${slug || state.id}-${language}.pdf`, language, bytes };
}
