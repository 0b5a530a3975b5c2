import type { TFunction } from "i18next";
import type { Actor } from "~/auth/actor";
import type { Database } from "~/db/client";
import type { Language } from "~/i18n/i18n";

/** What every request carries, for API handlers (Hono variables) and pages (load context). */
export type RequestContext = {
  database: Database;
  actor: Actor;
  language: Language;
  t: TFunction;
  csrfToken: string;
  /** Whether cookies must be marked Secure (the request came over HTTPS). */
  secure: boolean;
  /** The client's address, for throttling (never logged). */
  clientAddress: string;
};

export type AppEnv = { Variables: { ctx: RequestContext } };

declare module "react-router" {
  interface AppLoadContext extends RequestContext {}
}
