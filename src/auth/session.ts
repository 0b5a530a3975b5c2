import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "~/db/client";
import { reuse } from "~/db/reuse";
import { apiTokens, sessions, users } from "~/domains/accounts/schema";
import { isLanguage } from "~/i18n/i18n";
import type { Role, SignedInUser } from "./actor";
import { hashToken, randomToken } from "./secrets";

export const SESSION_COOKIE = "ponte_session";

type UserRow = typeof users.$inferSelect;

export function toSignedInUser(row: UserRow): SignedInUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    organisationId: row.organisationId,
    language: isLanguage(row.language) ? row.language : null,
  };
}

/** Starts a server-side session; returns the cookie value (only its hash is stored). */
export async function createSession(
  db: DbOrTx,
  userId: string,
  days: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  await db.insert(sessions).values({ tokenHash: hashToken(token), userId, expiresAt });
  return { token, expiresAt };
}

export async function userForSession(db: DbOrTx, token: string): Promise<SignedInUser | undefined> {
  // Runs on every signed-in request: built once (see ~/db/reuse).
  const statement = reuse(db, "auth:session", () =>
    db
      .select({ user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(
          eq(sessions.tokenHash, sql.placeholder("hash")),
          gt(sessions.expiresAt, sql.placeholder("now")),
          eq(users.active, true),
        ),
      )
      .limit(1),
  );
  const [row] = await statement.execute({ hash: hashToken(token), now: new Date() });
  return row ? toSignedInUser(row.user) : undefined;
}

export async function endSession(db: DbOrTx, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

export async function endAllSessions(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function purgeExpiredSessions(db: DbOrTx): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}

const LAST_USED_PRECISION_MS = 5 * 60_000;

export async function userForApiToken(db: DbOrTx, token: string): Promise<SignedInUser | undefined> {
  // Runs on every request with a bearer token: built once (see ~/db/reuse).
  const statement = reuse(db, "auth:api-token", () =>
    db
      .select({ user: users, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.tokenHash, sql.placeholder("hash")), isNull(apiTokens.revokedAt), eq(users.active, true)))
      .limit(1),
  );
  const [row] = await statement.execute({ hash: hashToken(token) });
  if (!row) return undefined;
  // "Last used" is kept to the minute's precision that matters (5 minutes), so a busy
  // integration does not write a row on every request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId));
  }
  return toSignedInUser(row.user);
}
