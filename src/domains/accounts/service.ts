import { eq, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/audit";
import type { Actor, SignedInUser } from "~/auth/actor";
import { hashPassword, hashToken, randomToken } from "~/auth/secrets";
import { toSignedInUser } from "~/auth/session";
import type { DbOrTx } from "~/db/client";
import { organisations } from "~/domains/organisations/schema";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import type { Language } from "~/i18n/i18n";
import { NewUserInput } from "./contract";
import { apiTokens, users } from "./schema";

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

/** Creates an account (CLI, demo, secretariat). The e-mail is unique, case-insensitively. */
export async function createUser(db: DbOrTx, actor: Actor, input: NewUserInput): Promise<SignedInUser> {
  const data = parseInput(NewUserInput, input);
  const passwordHash = data.password ? await hashPassword(data.password) : null;
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = lower(${data.email})`)
      .limit(1);
    if (existing.length > 0)
      throw new AppError("conflict", "errors:conflict", { email: { key: "errors:field.emailTaken" } });
    if (data.organisationId) await requireOrganisation(tx, data.organisationId);
    const [row] = await tx
      .insert(users)
      .values({
        email: data.email,
        name: data.name,
        role: data.role,
        organisationId: data.organisationId ?? null,
        language: data.language ?? null,
        passwordHash,
      })
      .returning();
    if (!row) throw new AppError("internal");
    await recordAudit(tx, actor, { action: "user.create", entityType: "user", entityId: row.id, after: row });
    return toSignedInUser(row);
  });
}

async function requireOrganisation(db: DbOrTx, organisationId: string): Promise<void> {
  const found = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .limit(1);
  if (found.length === 0)
    throw new AppError("validation", "errors:validation", { organisationId: { key: "errors:not_found" } });
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<SignedInUser | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1);
  return row ? toSignedInUser(row) : undefined;
}

/** Issues an API token for a user. The token is returned once; only its hash is stored. */
export async function createApiToken(db: DbOrTx, actor: Actor, userId: string, name = "api"): Promise<string> {
  const token = `pnt_${randomToken(32)}`;
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId, name, tokenHash: hashToken(token) })
      .returning({ id: apiTokens.id });
    await recordAudit(tx, actor, {
      action: "token.create",
      entityType: "api_token",
      entityId: row?.id ?? null,
      after: { userId, name },
    });
  });
  return token;
}
