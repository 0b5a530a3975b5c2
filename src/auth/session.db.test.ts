import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { system } from "~/auth/actor";
import { apiTokens, sessions, users } from "~/domains/accounts/schema";
import { createApiToken, createUser } from "~/domains/accounts/service";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createSession, userForApiToken, userForSession } from "./session";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
});
afterAll(async () => {
  await database?.close();
});

describe("who a session cookie or a token belongs to", () => {
  it("accepts a live session, and not once it has expired or the user is deactivated", async () => {
    const user = await createUser(database.db, system("test"), { email: "s1@test.example", name: "S", role: "board" });
    const { token } = await createSession(database.db, user.id, 1);
    expect((await userForSession(database.db, token))?.email).toBe("s1@test.example");
    expect(await userForSession(database.db, `${token}x`)).toBeUndefined();

    await database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, user.id));
    expect(await userForSession(database.db, token)).toBeUndefined();

    const { token: second } = await createSession(database.db, user.id, 1);
    await database.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect(await userForSession(database.db, second)).toBeUndefined();
  });

  it("accepts an API token until it is revoked", async () => {
    const user = await createUser(database.db, system("test"), { email: "t1@test.example", name: "T", role: "expert" });
    const token = await createApiToken(database.db, system("test"), user.id, "integration");
    expect((await userForApiToken(database.db, token))?.role).toBe("expert");
    await database.db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.userId, user.id));
    expect(await userForApiToken(database.db, token)).toBeUndefined();
  });
});
