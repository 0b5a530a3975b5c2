/**
 * The minutes as PDF (src/pdf/document.ts over pdf-lib), in the meeting's language: the text as
 * the secretariat finalised it (`# ` and `## ` lines become headings), then the register of the
 * meeting's decisions with their numbers per year, the vote results as recorded, and the approval
 * (when, by whom or at which meeting). A draft says so in its title and on every page.
 */
import { type Language, translator } from "~/i18n/i18n";
import { createPdf } from "~/pdf/document";

export type MinutesPdfInput = {
  language: Language;
  network: string;
  title: string;
  subtitle: string;
  text: string;
  draft: boolean;
  /** The register of decisions: `2027/3` and the decision's text. */
  decisions: { number: string; text: string }[];
  /** Each vote as lines (question, rules, votes per option, outcome). */
  votes: string[][];
  /** The approval statement; null for a draft. */
  approval: string | null;
};

export async function renderMinutesPdf(input: MinutesPdfInput): Promise<Uint8Array> {
  const t = translator(input.language);
  const draftMark = t("minutes:pdf.draft");
  const title = input.draft ? `${input.title} (${draftMark})` : input.title;
  const pdf = await createPdf({ title, language: input.language, author: input.network });
  pdf.doc.setSubject(input.subtitle ? `${input.title} — ${input.subtitle}` : input.title);
  pdf.doc.setKeywords([input.network, ...input.decisions.map((d) => d.number)]);
  if (input.draft) pdf.paragraph(draftMark.toUpperCase(), { size: 14, bold: true, gap: 8 });

  let first = true;
  for (const raw of input.text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trimEnd();
    if (line.startsWith("# ")) {
      const heading = line.slice(2).trim();
      if (first) pdf.title(input.draft ? `${heading} (${draftMark})` : heading);
      else pdf.heading(heading);
    } else if (line.startsWith("## ")) pdf.heading(line.slice(3).trim());
    else if (line.trim() === "") pdf.space(4);
    else pdf.paragraph(line, { gap: 2 });
    if (line.trim() !== "") first = false;
  }

  pdf.heading(t("minutes:pdf.decisions"));
  if (input.decisions.length === 0) pdf.paragraph(t("minutes:pdf.noDecisions"));
  else pdf.fields(input.decisions.map((d) => [d.number, d.text] as const));

  if (input.votes.length > 0) {
    pdf.heading(t("minutes:pdf.votes"));
    for (const lines of input.votes) {
      const [question, ...rest] = lines;
      if (question) pdf.paragraph(question, { bold: true, gap: 2 });
      for (const l of rest) pdf.paragraph(l, { gap: 1 });
      pdf.space(6);
    }
  }

  pdf.heading(t("minutes:pdf.approval"));
  pdf.paragraph(input.approval ?? t("minutes:pdf.notApproved"), { bold: input.approval === null });
  pdf.footer([input.network, input.draft ? draftMark.toUpperCase() : null].filter(Boolean).join(" · "));
  return pdf.save();
}
