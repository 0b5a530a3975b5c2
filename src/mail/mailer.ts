import nodemailer, { type Transporter } from "nodemailer";
import { config } from "~/config/env";
import type { DbOrTx } from "~/db/client";
import { formatNumber, type Language } from "~/i18n/i18n";
import { logger } from "~/logging/logger";
import { mailMessages } from "./schema";

export type OutgoingMail = {
  kind: string;
  to: string;
  language: Language;
  subject: string;
  text: string;
  html?: string;
  /** Files sent with the mail over SMTP (the outbox records their names and sizes, not their content). */
  attachments?: { filename: string; content: Uint8Array; contentType: string }[];
};

let transporter: Transporter | undefined;
let transporterUrl: string | undefined;

function smtp(url: string): Transporter {
  if (!transporter || transporterUrl !== url) {
    transporter = nodemailer.createTransport(`${url}${url.includes("?") ? "&" : "?"}pool=true`);
    transporterUrl = url;
  }
  return transporter;
}

/** Closes the SMTP pool (on shutdown). */
export function closeMailer(): void {
  transporter?.close();
  transporter = undefined;
}

/**
 * The text as the outbox keeps it: with a line per attachment under it ("📎 name (12 kB)"),
 * so the secretariat sees what went with the mail (the files themselves are not kept twice).
 */
function recordedText(mail: OutgoingMail): string {
  if (!mail.attachments?.length) return mail.text;
  const lines = mail.attachments.map(
    (a) => `📎 ${a.filename} (${formatNumber(mail.language, Math.max(1, Math.round(a.content.byteLength / 1024)))} kB)`,
  );
  return `${mail.text}\n\n${lines.join("\n")}`;
}

/**
 * Sends a mail through SMTP when SMTP_URL is set; otherwise keeps it in the outbox the
 * secretariat can read (and, in development, prints it to the console). Every mail is
 * recorded with its outcome, and the names and sizes of its attachments.
 */
export async function sendMail(db: DbOrTx, mail: OutgoingMail): Promise<{ status: "sent" | "failed" | "outbox" }> {
  const cfg = config();
  let status: "sent" | "failed" | "outbox" = "outbox";
  let error: string | null = null;
  if (cfg.smtpUrl) {
    try {
      await smtp(cfg.smtpUrl).sendMail({
        from: cfg.mailFrom,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { "Content-Language": mail.language },
        ...(mail.attachments
          ? {
              attachments: mail.attachments.map((a) => ({
                filename: a.filename,
                content: Buffer.from(a.content),
                contentType: a.contentType,
              })),
            }
          : {}),
      });
      status = "sent";
    } catch (e) {
      status = "failed";
      error = e instanceof Error ? e.message : String(e);
      logger.warn("mail: sending failed", { kind: mail.kind, error });
    }
  } else if (cfg.nodeEnv === "development") {
    // Development only: the developer reads sign-in links here.
    console.info(`\n[mail] ${mail.kind} → ${mail.to}\nSubject: ${mail.subject}\n\n${recordedText(mail)}\n`);
  }
  await db.insert(mailMessages).values({
    kind: mail.kind,
    toAddress: mail.to,
    language: mail.language,
    subject: mail.subject,
    textBody: recordedText(mail),
    htmlBody: mail.html ?? null,
    status,
    error,
    sentAt: status === "sent" ? new Date() : null,
  });
  return { status };
}
