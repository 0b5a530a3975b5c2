/**
 * Warnings before terms end: every day the secretariat's staff get, each in their language, one
 * digest of the mandates whose term ends within `governance.termWarningDays` days (default 60),
 * so a successor can be elected in time. Each mandate is announced once: the ids already
 * announced are kept in the setting `governance.termWarningsSent` (no schema change needed); ids
 * of terms that have ended are dropped from it again. The setting's row is locked for the run, so
 * two runs at once (two processes, a repeated job) send one digest, and the mails and the
 * remembered ids are committed together.
 */
import { and, eq, sql } from "drizzle-orm";
import { config } from "~/config/env";
import type { DbOrTx } from "~/db/client";
import { users } from "~/domains/accounts/schema";
import { governanceBodies, settings } from "~/domains/reference/schema";
import { readSetting, writeSetting } from "~/domains/reference/settings";
import { formatDate, isLanguage, type Language, translator } from "~/i18n/i18n";
import { sendMail } from "~/mail/mailer";
import { endsWithin, termWarningDays } from "./bodies";
import type { Mandate } from "./bodies-contract";
import { governanceToday, mandatesOfBodies } from "./mandates";

export const TERM_WARNINGS_SENT_SETTING = "governance.termWarningsSent";

/** Mandates (current or upcoming, not ended early) whose term ends within the window, soonest first. */
export async function mandatesEndingSoon(db: DbOrTx, today: string, days: number): Promise<Mandate[]> {
  const all = await mandatesOfBodies(db, undefined, today, false);
  return all
    .filter((m) => m.status !== "past" && endsWithin(m, today, days))
    .sort((a, b) => (a.endsOn ?? "").localeCompare(b.endsOn ?? "") || a.name.localeCompare(b.name));
}

function sentIds(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * Sends the digest of terms ending soon that were not announced before, to every active
 * secretariat account. Returns the mandates announced now and how many mails went out. Safe to
 * repeat: a second run on the same day finds nothing new.
 */
export async function sendTermWarnings(
  db: DbOrTx,
  today: string = governanceToday(),
): Promise<{ warned: string[]; mails: number }> {
  return db.transaction(async (tx) => {
    // Lock the setting's row (created if missing) before reading it: concurrent runs wait here.
    await tx
      .insert(settings)
      .values({ key: TERM_WARNINGS_SENT_SETTING, value: sql`'[]'::jsonb` })
      .onConflictDoUpdate({ target: settings.key, set: { updatedAt: new Date() } });
    const already = new Set(sentIds(await readSetting(tx, TERM_WARNINGS_SENT_SETTING)));
    const days = await termWarningDays(tx);
    const ending = await mandatesEndingSoon(tx, today, days);
    const fresh = ending.filter((m) => !already.has(m.id));
    // Keep only ids of terms not over yet: an id whose term has ended can never come back.
    const stillOpen = new Set(
      (await mandatesOfBodies(tx, undefined, today, false)).filter((m) => m.status !== "past").map((m) => m.id),
    );
    const keep = [...already].filter((id) => stillOpen.has(id));
    if (fresh.length === 0) {
      if (keep.length !== already.size) await writeSetting(tx, TERM_WARNINGS_SENT_SETTING, keep);
      return { warned: [], mails: 0 };
    }
    const staff = await tx
      .select({ email: users.email, name: users.name, language: users.language })
      .from(users)
      .where(and(eq(users.role, "secretariat"), eq(users.active, true)));
    // Nobody to tell: the mandates stay unannounced until someone can be.
    if (staff.length === 0) return { warned: [], mails: 0 };
    const bodies = new Map(
      (await tx.select({ code: governanceBodies.code, names: governanceBodies.names }).from(governanceBodies)).map(
        (b) => [b.code, b.names],
      ),
    );
    const base = config().publicUrl?.replace(/\/+$/, "");
    for (const person of staff) {
      const language: Language = isLanguage(person.language) ? person.language : "en";
      const t = translator(language);
      const lines = fresh.map((m) =>
        t("governance:mail.termWarning.line", {
          name: m.name,
          organisation: m.organisationName ?? "—",
          body: bodies.get(m.bodyCode)?.[language] ?? m.bodyCode,
          date: formatDate(language, m.endsOn ?? today),
        }),
      );
      const link = base ? `\n\n${t("governance:mail.termWarning.link", { url: `${base}/governance/bodies` })}` : "";
      await sendMail(tx, {
        kind: "governance.term-warning",
        to: person.email,
        language,
        subject: t("governance:mail.termWarning.subject", { count: fresh.length }),
        text: `${t("governance:mail.termWarning.intro", { name: person.name, days })}\n\n${lines.join("\n")}${link}\n\n${t("governance:mail.termWarning.closing")}`,
      });
    }
    await writeSetting(tx, TERM_WARNINGS_SENT_SETTING, [...keep, ...fresh.map((m) => m.id)]);
    return { warned: fresh.map((m) => m.id), mails: staff.length };
  });
}
