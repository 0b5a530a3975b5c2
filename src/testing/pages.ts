/**
 * Test helpers for route modules: call a loader or action as React Router calls it for a request
 * (a form posted without JavaScript), and read what it answered. Only imported by tests.
 */
import type { Actor } from "~/auth/actor";
import type { Database } from "~/db/client";
import type { RequestContext } from "~/http/context";
import { type Language, translator } from "~/i18n/i18n";

export function pageContext(database: Database, actor: Actor, language: Language = "en"): RequestContext {
  return {
    database,
    actor,
    language,
    t: translator(language),
    csrfToken: "test",
    secure: false,
    clientAddress: "127.0.0.1",
  };
}

type Args<F> = F extends (args: infer A) => unknown ? A : never;

/** The arguments of a loader or action `F` for this request. */
export const routeArgs = <F>(request: Request, context: RequestContext, params: Record<string, string> = {}) =>
  ({ request, context, params }) as unknown as Args<F>;

/** A GET request, or a POST of these form fields, to a path. */
export const getRequest = (path: string) => new Request(`http://test${path}`);
export function postRequest(path: string, fields: Record<string, string | string[]>): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) form.append(k, value);
  return new Request(`http://test${path}`, { method: "POST", body: form });
}

/** What a loader or action answered (or threw): a redirect's target, or its data and status. */
export async function outcome<T = unknown>(
  run: () => Promise<unknown>,
): Promise<{ status: number; location?: string | null; data: T }> {
  let result: unknown;
  try {
    result = await run();
  } catch (e) {
    const thrown = e as { type?: string } | null;
    if (!(e instanceof Response) && thrown?.type !== "DataWithResponseInit") throw e;
    result = e;
  }
  if (result instanceof Response)
    return { status: result.status, location: result.headers.get("location"), data: null as T };
  const r = result as { data?: unknown; init?: { status?: number } | null; type?: string };
  if (r && r.type === "DataWithResponseInit") return { status: r.init?.status ?? 200, data: r.data as T };
  return { status: 200, data: result as T };
}
