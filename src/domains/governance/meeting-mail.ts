/**
 * The mails of meetings: the invitation (body, date, time and time zone, place or video link,
 * agenda, link to the meeting's page) and the announcement of a change or a cancellation, each
 * in the recipient's language. Sent with `sendMail` inside the caller's transaction, so a failed
 * change sends nothing (the outbox row is part of the transaction).
 */
import type { DbOrTx } from "~/db/client";
import { formatDate, isLanguage, type Language, translator } from "~/i18n/i18n";
import { sendMail } from "~/mail/mailer";

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
  lines.push(t("meetings:mail.link", { url: `${baseUrl.replace(/\/+$/, "")}/governance/meetings/${meeting.id}` }));
  return lines;
}

const languageOf = (value: string): Language => (isLanguage(value) ? value : "en");

/** The invitation to one recipient, with the agenda's titles. */
export async function mailInvitation(
  db: DbOrTx,
  meeting: MailMeeting,
  to: MailRecipient,
  agenda: readonly string[],
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
    ].join("\n"),
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
