import { and, count, desc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/audit";
import type { Actor, SignedInUser } from "~/auth/actor";
import { authorize } from "~/auth/authorize";
import { hashPassword, hashToken, randomToken, verifyPassword } from "~/auth/secrets";
import { createSession, endAllSessions, endSession, toSignedInUser } from "~/auth/session";
import { config } from "~/config/env";
import type { DbOrTx } from "~/db/client";
import { contactBelongsTo, organisationExists } from "~/domains/organisations/service";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import { type Language, translator } from "~/i18n/i18n";
import { sendMail } from "~/mail/mailer";
import { mailMessages } from "~/mail/schema";
import {
  type Account,
  IssueTokenInput,
  mailKinds,
  NewPasswordInput,
  NewUserInput,
  type OutboxMessage,
  OutboxQuery,
  PasswordResetRequestInput,
  RevokeTokenInput,
  SignInInput,
} from "./contract";
import { canCreateUsers, canManageApiTokens, canReadOutbox } from "./policy";
import { apiTokens, loginFailures, passwordResets, users } from "./schema";

type UserRow = typeof users.$inferSelect;
type MailStatus = "sent" | "failed" | "outbox";

/** A signed-in user's own language preference (from the switcher). */
export async function setOwnLanguage(db: DbOrTx, actor: Actor, language: Language): Promise<void> {
  if (actor.kind !== "user") return;
  await db.transaction(async (tx) => {
    await tx.update(users).set({ language, updatedAt: new Date() }).where(eq(users.id, actor.user.id));
    await recordAudit(tx, actor, {
      action: "user.language",
      entityType: "user",
      entityId: actor.user.id,
      before: { language: actor.user.language },
      after: { language },
    });
  });
}

export type CreatedUser = SignedInUser & {
  /** Set when the account has no password yet and a link to choose one was mailed. */
  invitation: MailStatus | null;
};

/**
 * Creates an account (CLI, demo, secretariat). The e-mail is unique, case-insensitively.
 * Without a password, and given `inviteBaseUrl`, the person is mailed a link to choose one.
 */
export async function createUser(
  db: DbOrTx,
  actor: Actor,
  input: NewUserInput,
  options: { inviteBaseUrl?: string } = {},
): Promise<CreatedUser> {
  authorize(actor, canCreateUsers(actor));
  const data = parseInput(NewUserInput, input);
  const passwordHash = data.password ? await hashPassword(data.password) : null;
  const user = await db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = lower(${data.email})`)
      .limit(1);
    if (existing.length > 0)
      throw new AppError("conflict", "errors:conflict", { email: { key: "errors:field.emailTaken" } });
    if (data.organisationId) await requireOrganisation(tx, data.organisationId);
    if (data.contactId && !(data.organisationId && (await contactBelongsTo(tx, data.contactId, data.organisationId)))) {
      throw new AppError("validation", "errors:validation", { contactId: { key: "errors:not_found" } });
    }
    const [row] = await tx
      .insert(users)
      .values({
        email: data.email,
        name: data.name,
        role: data.role,
        organisationId: data.organisationId ?? null,
        contactId: data.contactId ?? null,
        language: data.language ?? null,
        passwordHash,
      })
      .returning();
    if (!row) throw new AppError("internal");
    await recordAudit(tx, actor, { action: "user.create", entityType: "user", entityId: row.id, after: row });
    return row;
  });
  let invitation: MailStatus | null = null;
  if (!passwordHash && options.inviteBaseUrl) {
    invitation = await mailSetPasswordLink(db, actor, user, "invite", options.inviteBaseUrl, data.language ?? "en");
  }
  return { ...toSignedInUser(user), invitation };
}

/** An account can be bound only to an organisation that exists (the directory says so). */
async function requireOrganisation(db: DbOrTx, organisationId: string): Promise<void> {
  if (!(await organisationExists(db, organisationId)))
    throw new AppError("validation", "errors:validation", { organisationId: { key: "errors:not_found" } });
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<SignedInUser | undefined> {
  const row = await userRowByEmail(db, email);
  return row ? toSignedInUser(row) : undefined;
}

async function userRowByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1);
  return row;
}

/** The caller's own account (`GET /api/v1/me`). */
export function ownAccount(actor: Actor): Account {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const { id, email, name, role, organisationId, language } = actor.user;
  return { id, email, name, role, organisationId, language };
}

// ---------------------------------------------------------------------------------------------
// Signing in and out

/** Throttling: after this many failures within the window, sign-in answers 429. */
export const THROTTLE = { perEmail: 5, perAddress: 20, windowMinutes: 15 } as const;

// Keys are hashed: the throttling table holds no e-mail addresses or IP addresses.
const emailKey = (email: string) => hashToken(`email:${email.trim().toLowerCase()}`);
const addressKey = (address: string) => hashToken(`address:${address}`);

let dummyHash: Promise<string> | undefined;
/** Verifying against a throw-away hash when the account does not exist keeps the timing alike. */
function timingDummy(): Promise<string> {
  dummyHash ??= hashPassword(randomToken(16));
  return dummyHash;
}

export type SignedIn = { user: SignedInUser; token: string; expiresAt: Date };

/**
 * Checks e-mail and password and starts a session. Wrong credentials answer one generic error
 * (no hint whether the account exists); repeated failures per e-mail or per client address
 * answer `too_many_requests`, even with the right password, until the window has passed.
 */
export async function signIn(
  db: DbOrTx,
  input: SignInInput,
  meta: { clientAddress: string; previousSessionToken?: string | undefined },
): Promise<SignedIn> {
  const data = parseInput(SignInInput, input);
  const keys = { email: emailKey(data.email), address: addressKey(meta.clientAddress) };
  const windowStart = new Date(Date.now() - THROTTLE.windowMinutes * 60_000);
  const [counts] = await db
    .select({
      email: sql<number>`count(*) filter (where ${loginFailures.key} = ${keys.email})::int`,
      address: sql<number>`count(*) filter (where ${loginFailures.key} = ${keys.address})::int`,
    })
    .from(loginFailures)
    .where(and(inArray(loginFailures.key, [keys.email, keys.address]), gt(loginFailures.at, windowStart)));
  if ((counts?.email ?? 0) >= THROTTLE.perEmail || (counts?.address ?? 0) >= THROTTLE.perAddress) {
    throw new AppError("too_many_requests", "accounts:signIn.tooMany", {}, { minutes: THROTTLE.windowMinutes });
  }

  const row = await userRowByEmail(db, data.email);
  const ok = row?.passwordHash
    ? await verifyPassword(row.passwordHash, data.password)
    : (await verifyPassword(await timingDummy(), data.password)) && false;
  if (!row || !ok || !row.active) {
    const now = new Date();
    await db.transaction(async (tx) => {
      await tx
        .delete(loginFailures)
        .where(and(inArray(loginFailures.key, [keys.email, keys.address]), lt(loginFailures.at, windowStart)));
      await tx.insert(loginFailures).values([
        { key: keys.email, at: now },
        { key: keys.address, at: now },
      ]);
    });
    throw new AppError("unauthenticated", "accounts:signIn.invalid");
  }

  await db.delete(loginFailures).where(eq(loginFailures.key, keys.email));
  if (meta.previousSessionToken) await endSession(db, meta.previousSessionToken);
  const session = await createSession(db, row.id, config().sessionDays);
  return { user: toSignedInUser(row), ...session };
}

/** Ends a session (the cookie's token). Unknown tokens are ignored. */
export async function signOut(db: DbOrTx, sessionToken: string | undefined): Promise<void> {
  if (sessionToken) await endSession(db, sessionToken);
}

// ---------------------------------------------------------------------------------------------
// Password reset and invitations: one-time links, stored as SHA-256 only

const LINK_VALIDITY = { password_reset: 60 * 60_000, invite: 7 * 86_400_000 } as const;
type LinkKind = keyof typeof LINK_VALIDITY;
/** At most this many reset mails per account and window (no mail bombing through the form). */
const RESET_MAILS_PER_WINDOW = 3;

/** The base of links in mails: PUBLIC_URL when set, else the origin the request came to. */
export function linkBase(requestOrigin: string): string {
  return (config().publicUrl ?? requestOrigin).replace(/\/+$/, "");
}

async function mailSetPasswordLink(
  db: DbOrTx,
  actor: Actor,
  user: UserRow,
  kind: LinkKind,
  baseUrl: string,
  fallbackLanguage: Language,
): Promise<MailStatus> {
  const token = randomToken(32);
  await db.transaction(async (tx) => {
    await tx.insert(passwordResets).values({
      tokenHash: hashToken(token),
      userId: user.id,
      expiresAt: new Date(Date.now() + LINK_VALIDITY[kind]),
    });
    await recordAudit(tx, actor, {
      action: kind === "invite" ? "user.invite" : "user.password_reset_requested",
      entityType: "user",
      entityId: user.id,
    });
  });
  const language = toSignedInUser(user).language ?? fallbackLanguage;
  const t = translator(language);
  const base = baseUrl.replace(/\/+$/, "");
  const values = { name: user.name, link: `${base}/password-reset/${token}`, resetUrl: `${base}/password-reset` };
  const mailKey = kind === "invite" ? "invite" : "reset";
  const { status } = await sendMail(db, {
    kind: kind === "invite" ? mailKinds.invite : mailKinds.passwordReset,
    to: user.email,
    language,
    subject: t(`accounts:mail.${mailKey}.subject`),
    text: t(`accounts:mail.${mailKey}.text`, values),
  });
  return status;
}

/**
 * Mails a one-time link to choose a new password, in the account's language (else the page's).
 * Always answers the same, whether the account exists or not.
 */
export async function requestPasswordReset(
  db: DbOrTx,
  actor: Actor,
  input: PasswordResetRequestInput,
  options: { baseUrl: string; language: Language },
): Promise<void> {
  const data = parseInput(PasswordResetRequestInput, input);
  const user = await userRowByEmail(db, data.email);
  if (!user?.active) return;
  const windowStart = new Date(Date.now() - THROTTLE.windowMinutes * 60_000);
  const [recent] = await db
    .select({ n: count() })
    .from(passwordResets)
    .where(and(eq(passwordResets.userId, user.id), gt(passwordResets.createdAt, windowStart)));
  if ((recent?.n ?? 0) >= RESET_MAILS_PER_WINDOW) return;
  await mailSetPasswordLink(db, actor, user, "password_reset", options.baseUrl, options.language);
}

export type ResetLinkState =
  | { state: "valid"; firstPassword: boolean }
  | { state: "invalid" }
  | { state: "used" }
  | { state: "expired" };

/** What a set-password link is worth: valid (and whether it sets a first password), used, expired, invalid. */
export async function checkPasswordResetLink(db: DbOrTx, token: string): Promise<ResetLinkState> {
  const [row] = await db
    .select({ reset: passwordResets, passwordHash: users.passwordHash, active: users.active })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, hashToken(token)))
    .limit(1);
  if (!row?.active) return { state: "invalid" };
  if (row.reset.usedAt) return { state: "used" };
  if (row.reset.expiresAt.getTime() <= Date.now()) return { state: "expired" };
  return { state: "valid", firstPassword: row.passwordHash === null };
}

const linkErrors = {
  invalid: new AppError("not_found", "accounts:reset.invalidLink"),
  used: new AppError("conflict", "accounts:reset.usedLink"),
  expired: new AppError("conflict", "accounts:reset.expiredLink"),
} as const;

/**
 * Sets a new password through a one-time link: the link is used up (with every other open link
 * of the account) and every session of the account ends. Returns the account, so the caller can
 * sign it in or send it to the sign-in page.
 */
export async function completePasswordReset(db: DbOrTx, input: NewPasswordInput): Promise<SignedInUser> {
  const data = parseInput(NewPasswordInput, input);
  if (data.password !== data.passwordConfirm) {
    throw new AppError("validation", "errors:validation", { passwordConfirm: { key: "accounts:reset.mismatch" } });
  }
  const state = await checkPasswordResetLink(db, data.token);
  if (state.state !== "valid") throw linkErrors[state.state];
  const passwordHash = await hashPassword(data.password);
  return db.transaction(async (tx) => {
    const now = new Date();
    // Claim the link atomically: of two concurrent uses, only one finds it unused.
    const [claimed] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResets.tokenHash, hashToken(data.token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now),
        ),
      )
      .returning({ userId: passwordResets.userId });
    if (!claimed) throw linkErrors.used;
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, claimed.userId), isNull(passwordResets.usedAt)));
    const [row] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: now })
      .where(eq(users.id, claimed.userId))
      .returning();
    if (!row) throw linkErrors.invalid;
    await endAllSessions(tx, row.id);
    const user = toSignedInUser(row);
    await recordAudit(
      tx,
      { kind: "user", user, via: "token" },
      {
        action: "user.password_set",
        entityType: "user",
        entityId: row.id,
      },
    );
    return user;
  });
}

// ---------------------------------------------------------------------------------------------
// API tokens

/** Issues an API token for a user. The token is returned once; only its hash is stored. */
export async function createApiToken(db: DbOrTx, actor: Actor, userId: string, name = "api"): Promise<string> {
  return (await insertApiToken(db, actor, userId, name)).token;
}

async function insertApiToken(
  db: DbOrTx,
  actor: Actor,
  userId: string,
  name: string,
): Promise<{ id: string; token: string }> {
  authorize(actor, canManageApiTokens(actor));
  const token = `pnt_${randomToken(32)}`;
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId, name, tokenHash: hashToken(token) })
      .returning({ id: apiTokens.id });
    if (!row) throw new AppError("internal");
    await recordAudit(tx, actor, {
      action: "token.create",
      entityType: "api_token",
      entityId: row.id,
      after: { userId, name },
    });
    return row.id;
  });
  return { id, token };
}

/** `ponte token create --email E`: a bearer token for the account with this e-mail. */
export async function issueApiToken(
  db: DbOrTx,
  actor: Actor,
  input: Partial<IssueTokenInput>,
): Promise<{ id: string; token: string; user: SignedInUser }> {
  authorize(actor, canManageApiTokens(actor));
  const data = parseInput(IssueTokenInput, input);
  const row = await userRowByEmail(db, data.email);
  if (!row) throw new AppError("not_found", "errors:not_found", { email: { key: "accounts:cli.userNotFound" } });
  const issued = await insertApiToken(db, actor, row.id, data.name ?? "api");
  return { ...issued, user: toSignedInUser(row) };
}

/** Revokes an API token: it is refused from then on. */
export async function revokeApiToken(db: DbOrTx, actor: Actor, input: Partial<RevokeTokenInput>): Promise<void> {
  authorize(actor, canManageApiTokens(actor));
  const data = parseInput(RevokeTokenInput, input);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, data.id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, userId: apiTokens.userId, name: apiTokens.name });
    if (!row) throw new AppError("not_found", "errors:not_found", { id: { key: "accounts:cli.tokenNotFound" } });
    await recordAudit(tx, actor, {
      action: "token.revoke",
      entityType: "api_token",
      entityId: row.id,
      before: { userId: row.userId, name: row.name, revoked: false },
      after: { userId: row.userId, name: row.name, revoked: true },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The outbox

/** The mails Ponte sent or kept, newest first (the secretariat reads sign-in links here without SMTP). */
export async function listOutbox(
  db: DbOrTx,
  actor: Actor,
  query: Record<string, unknown>,
): Promise<{ items: OutboxMessage[]; total: number; page: number; pageSize: number }> {
  authorize(actor, canReadOutbox(actor));
  const { page, pageSize } = parseInput(OutboxQuery, query);
  const [total] = await db.select({ n: count() }).from(mailMessages);
  const rows = await db
    .select()
    .from(mailMessages)
    .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    items: rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
      to: r.toAddress,
      language: r.language,
      kind: r.kind,
      subject: r.subject,
      text: r.textBody,
      status: r.status,
      error: r.error,
    })),
    total: total?.n ?? 0,
    page,
    pageSize,
  };
}

/** Which of these contacts have an account (for the directory's contact lists). */
export async function contactsWithAccounts(db: DbOrTx, contactIds: readonly string[]): Promise<Set<string>> {
  if (contactIds.length === 0) return new Set();
  const rows = await db
    .select({ contactId: users.contactId })
    .from(users)
    .where(inArray(users.contactId, [...contactIds]));
  return new Set(rows.flatMap((r) => (r.contactId ? [r.contactId] : [])));
}
