import { randomBytes } from "node:crypto";
import type { Role } from "~/auth/actor";
import { system } from "~/auth/actor";
import type { Database } from "~/db/client";
import { createApiToken, createUser } from "~/domains/accounts/service";
import { createApp } from "~/http/app";

/** The HTTP app over a test database, called in-process, with helpers to act as a role. */
export function createTestApp(database: Database) {
  const app = createApp({ database });
  const request = (path: string, init?: RequestInit) => app.request(path, init);

  /** A new user of the role, with a bearer token: `headers` goes into requests. */
  async function actAs(role: Role, options: { organisationId?: string; language?: "en" | "sv" | "it" } = {}) {
    const email = `${role}-${randomBytes(4).toString("hex")}@test.example`;
    const user = await createUser(database.db, system("test"), {
      email,
      name: `Test ${role}`,
      role,
      organisationId: options.organisationId ?? null,
      language: options.language ?? null,
    });
    const token = await createApiToken(database.db, system("test"), user.id, "test");
    const headers = { authorization: `Bearer ${token}` };
    return { user, token, headers };
  }

  return { app, request, actAs };
}
