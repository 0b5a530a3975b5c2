import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config, setConfig } from "~/config/env";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { closeMailer, sendMail } from "./mailer";

let database: TestDatabase;
let server: SMTPServer;
let port = 0;
const received: ParsedMail[] = [];
const original = config();

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  // A real SMTP server on a free local port: what arrives is what a mail server would get.
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  closeMailer();
  setConfig(original);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database?.close();
});

const logged = () =>
  database.query<{ status: string; to_address: string; error: string | null }>(
    "select status, to_address, error from mail_messages order by created_at",
  );

describe("mail through SMTP", () => {
  it("delivers with a UTF-8 subject, a plain-text part and the language, and logs it as sent", async () => {
    setConfig({ ...original, smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: "SERN <segreteria@sern.example>" });
    const result = await sendMail(database.db, {
      kind: "test",
      to: "åsa.öberg@example.org",
      language: "sv",
      subject: "Välkommen till nätverket – Forlì och Västerås",
      text: "Hej Åsa!",
      html: "<p>Hej Åsa!</p>",
    });
    expect(result.status).toBe("sent");
    expect(received).toHaveLength(1);
    const mail = received[0];
    expect(mail?.subject).toBe("Välkommen till nätverket – Forlì och Västerås");
    expect(mail?.text?.trim()).toBe("Hej Åsa!");
    expect(mail?.headers.get("content-language")).toBe("sv");
    expect(mail?.from?.text).toContain("segreteria@sern.example");
    expect((await logged()).at(-1)).toMatchObject({ status: "sent", to_address: "åsa.öberg@example.org" });
  });

  it("delivers attachments and records their names and sizes under the logged text", async () => {
    closeMailer();
    setConfig({ ...original, smtpUrl: `smtp://127.0.0.1:${port}` });
    const content = new Uint8Array(3000).fill(7);
    await sendMail(database.db, {
      kind: "test",
      to: "papers@example.org",
      language: "sv",
      subject: "Handlingar",
      text: "Hej!",
      attachments: [{ filename: "2 - budget-2027.pdf", content, contentType: "application/pdf" }],
    });
    const mail = received.at(-1);
    expect(mail?.attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([
      ["2 - budget-2027.pdf", "application/pdf", 3000],
    ]);
    expect(mail?.text?.trim()).toBe("Hej!");
    const [row] = await database.query<{ text_body: string }>(
      "select text_body from mail_messages where to_address = 'papers@example.org'",
    );
    expect(row?.text_body).toBe("Hej!\n\n📎 2 - budget-2027.pdf (3 kB)");
  });

  it("records a failed send without losing the message", async () => {
    closeMailer();
    setConfig({ ...original, smtpUrl: "smtp://127.0.0.1:1" });
    const result = await sendMail(database.db, {
      kind: "test",
      to: "nobody@example.org",
      language: "it",
      subject: "Prova",
      text: "Ciao",
    });
    expect(result.status).toBe("failed");
    const last = (await logged()).at(-1);
    expect(last?.status).toBe("failed");
    expect(last?.error).toBeTruthy();
  });

  it("keeps mail in the outbox when no SMTP server is configured", async () => {
    closeMailer();
    setConfig({ ...original, smtpUrl: undefined });
    const before = received.length;
    expect(
      (await sendMail(database.db, { kind: "test", to: "a@example.org", language: "en", subject: "Hi", text: "Hi" }))
        .status,
    ).toBe("outbox");
    expect(received.length).toBe(before);
    expect((await logged()).at(-1)?.status).toBe("outbox");
  });
});
