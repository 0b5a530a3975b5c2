/**
 * The mails of meetings: the invitation (body, date, time and time zone, place or video link,
 * agenda, the papers, link to the meeting's page), the announcement of a change or a
 * cancellation, and of papers added after the invitations, each in the recipient's language.
 * Sent with `sendMail` inside the caller's transaction, so a failed change sends nothing (the
 * outbox row is part of the transaction).
 *
 * Papers are the agenda items' documents, named for the mail with the item's number
 * ("2 - budget-2027.pdf"). They are attached in agenda order while they fit in
 * `MAX_ATTACHED_BYTES`; those that do not fit are listed with the meeting page's link instead.
 */
import type { DbOrTx } from "~/db/client";
import { readFile } from "~/files/files";
import { formatDate, formatNumber, isLanguage, type Language, translator } from "~/i18n/i18n";
import { type OutgoingMail, sendMail } from "~/mail/mailer";
import type { AgendaEntry } from "./meetings-contract";

export type MailMeeting = {
  id: string;
  bodyName: Record<string, string>;
  date: string;
  status: string;
  title: string | null;
  startTime: string | null;
  endTime: string | null;
  timeZone: string;
  place: string | null;
  videoUrl: string | null;
};

export type MailRecipient = { name: string; email: string | null; language: string };

export const DEFAULT_START = "10:00";
export const DEFAULT_END = "12:00";

const meetingUrl = (meeting: MailMeeting, baseUrl: string) =>
  `${baseUrl.replace(/\/+$/, "")}/governance/meetings/${meeting.id}`;

function meetingLines(meeting: MailMeeting, language: Language, baseUrl: string): string[] {
  const t = translator(language);
  const body = meeting.bodyName[language] ?? meeting.bodyName.en ?? "";
  const lines = [
    t("meetings:mail.body", { body }),
    ...(meeting.title ? [t("meetings:mail.meetingTitle", { title: meeting.title })] : []),
    t("meetings:mail.when", {
      date: formatDate(language, meeting.date),
      start: meeting.startTime ?? DEFAULT_START,
      end: meeting.endTime ?? DEFAULT_END,
      timeZone: meeting.timeZone,
    }),
  ];
  if (meeting.place) lines.push(t("meetings:mail.place", { place: meeting.place }));
  if (meeting.videoUrl) lines.push(t("meetings:mail.video", { url: meeting.videoUrl }));
  lines.push(t("meetings:mail.link", { url: meetingUrl(meeting, baseUrl) }));
  return lines;
}

const languageOf = (value: string): Language => (isLanguage(value) ? value : "en");

/**
 * The papers one mail may carry, in bytes of the files. Typical mail servers refuse mails over
 * 10 MB, and attachments grow by a third on the way (base64), so 7 MB of PDFs make a mail of
 * about 9.4 MB with its text. Papers beyond this are linked, not attached.
 */
export const MAX_ATTACHED_BYTES = 7 * 1024 * 1024;

/** A document of an agenda item, named for the mail: "2 - budget-2027.pdf". */
export type PaperRef = { fileId: string; filename: string; size: number };

type Attachment = NonNullable<OutgoingMail["attachments"]>[number];

/** The papers of a mail: those attached (with their content) and those only linked. */
export type MailPapers = {
  attached: readonly (Attachment & { size: number })[];
  linked: readonly PaperRef[];
};

/** The documents of these agenda entries, each named with its item's number. */
export function agendaPapers(agenda: readonly AgendaEntry[]): PaperRef[] {
  return agenda.flatMap((entry) =>
    entry.documents.map((d) => ({ fileId: d.id, filename: `${entry.position} - ${d.filename}`, size: d.size })),
  );
}

/** Which papers are attached: in order, each one that still fits in `limit`; the others are linked. */
export function fitPapers(
  papers: readonly PaperRef[],
  limit = MAX_ATTACHED_BYTES,
): { attached: PaperRef[]; linked: PaperRef[] } {
  const attached: PaperRef[] = [];
  const linked: PaperRef[] = [];
  let total = 0;
  for (const paper of papers) {
    if (total + paper.size <= limit) {
      attached.push(paper);
      total += paper.size;
    } else {
      linked.push(paper);
    }
  }
  return { attached, linked };
}

/** The papers for a mail, with the content of those attached read once (the same for every recipient). */
export async function loadPapers(db: DbOrTx, papers: readonly PaperRef[]): Promise<MailPapers> {
  const fitted = fitPapers(papers);
  const attached = [];
  for (const paper of fitted.attached) {
    const file = await readFile(db, paper.fileId);
    attached.push({ filename: paper.filename, size: file.size, content: file.content, contentType: file.contentType });
  }
  return { attached, linked: fitted.linked };
}

const paperLine = (language: Language, paper: { filename: string; size: number }) =>
  `- ${paper.filename} (${formatNumber(language, Math.max(1, Math.round(paper.size / 1024)))} kB)`;

/** The lines naming the papers: those attached, and those to read on the meeting's page. */
function paperLines(papers: MailPapers, language: Language, url: string): string[] {
  const t = translator(language);
  const lines: string[] = [];
  if (papers.attached.length) {
    lines.push("", t("meetings:mail.papers.attached"), ...papers.attached.map((p) => paperLine(language, p)));
  }
  if (papers.linked.length) {
    lines.push("", t("meetings:mail.papers.linked", { url }), ...papers.linked.map((p) => paperLine(language, p)));
  }
  return lines;
}

const attachmentsOf = (papers: MailPapers): Attachment[] =>
  papers.attached.map(({ filename, content, contentType }) => ({ filename, content, contentType }));

/** The invitation to one recipient, with the agenda's titles and the meeting's papers. */
export async function mailInvitation(
  db: DbOrTx,
  meeting: MailMeeting,
  to: MailRecipient,
  { agenda, papers }: { agenda: readonly string[]; papers: MailPapers },
  baseUrl: string,
): Promise<void> {
  if (!to.email) return;
  const language = languageOf(to.language);
  const t = translator(language);
  const body = meeting.bodyName[language] ?? meeting.bodyName.en ?? "";
  const date = formatDate(language, meeting.date);
  const agendaLines = agenda.length ? agenda.map((title, i) => `${i + 1}. ${title}`) : [t("meetings:mail.agendaLater")];
  await sendMail(db, {
    kind: "meeting.invitation",
    to: to.email,
    language,
    subject: t("meetings:mail.invitation.subject", { body, date }),
    text: [
      t("meetings:mail.invitation.greeting", { name: to.name }),
      "",
      t("meetings:mail.invitation.intro", { body }),
      "",
      ...meetingLines(meeting, language, baseUrl),
      "",
      t("meetings:mail.agenda"),
      ...agendaLines,
      ...paperLines(papers, language, meetingUrl(meeting, baseUrl)),
    ].join("\n"),
    ...(papers.attached.length ? { attachments: attachmentsOf(papers) } : {}),
  });
}

/** The announcement of papers added after the invitations, with them attached (or linked). */
export async function mailNewPapers(
  db: DbOrTx,
  meeting: MailMeeting,
  to: MailRecipient,
  papers: MailPapers,
  baseUrl: string,
): Promise<void> {
  if (!to.email) return;
  const language = languageOf(to.language);
  const t = translator(language);
  const body = meeting.bodyName[language] ?? meeting.bodyName.en ?? "";
  const date = formatDate(language, meeting.date);
  await sendMail(db, {
    kind: "meeting.papers",
    to: to.email,
    language,
    subject: t("meetings:mail.newPapers.subject", { body, date }),
    text: [
      t("meetings:mail.invitation.greeting", { name: to.name }),
      "",
      t("meetings:mail.newPapers.intro", { body }),
      "",
      ...meetingLines(meeting, language, baseUrl),
      ...paperLines(papers, language, meetingUrl(meeting, baseUrl)),
    ].join("\n"),
    ...(papers.attached.length ? { attachments: attachmentsOf(papers) } : {}),
  });
}

/** The announcement of a change (date, time, place, video link) or of the cancellation. */
export async function mailChange(
  db: DbOrTx,
  meeting: MailMeeting,
  to: MailRecipient,
  kind: "changed" | "cancelled",
  baseUrl: string,
): Promise<void> {
  if (!to.email) return;
  const language = languageOf(to.language);
  const t = translator(language);
  const body = meeting.bodyName[language] ?? meeting.bodyName.en ?? "";
  const date = formatDate(language, meeting.date);
  await sendMail(db, {
    kind: `meeting.${kind}`,
    to: to.email,
    language,
    subject: t(`meetings:mail.${kind}.subject`, { body, date }),
    text: [
      t("meetings:mail.invitation.greeting", { name: to.name }),
      "",
      t(`meetings:mail.${kind}.intro`, { body }),
      "",
      ...meetingLines(meeting, language, baseUrl),
    ].join("\n"),
  });
}
