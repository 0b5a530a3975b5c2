import { OpenAPIHono, z } from "@hono/zod-openapi";
import { AppError } from "~/errors/app-error";
import { issuesToFields } from "~/errors/validation";
import type { AppEnv } from "./context";

/**
 * A router whose request validation failures become 422 errors naming each field, with the
 * value each problem is about. Zod leaves a problem's input out unless asked, which would read a
 * wrong value ("castle") as a missing one ("required"); the validator hands over the request's
 * raw values, so the input is looked up there.
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return undefined;
      const raw = (result as { data?: unknown }).data;
      const issues = result.error.issues.map((issue) =>
        "input" in issue && issue.input !== undefined ? issue : { ...issue, input: valueAt(raw, issue.path) },
      );
      throw new AppError("validation", "errors:validation", issuesToFields(issues as z.core.$ZodIssue[]));
    },
  });
}

/** The raw value at a path; a query string's "IT,SE" stands for each of its list items. */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== "object") return value;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The error shape every API error uses (documented once, referenced by every route). */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation" }),
      message: z.string().openapi({ example: "Some fields need attention." }),
      fields: z.record(z.string(), z.string()).openapi({ example: { name: "This field is required." } }),
    }),
  })
  .openapi("Error");

const errorContent = { "application/json": { schema: ErrorSchema } };

/** Standard error responses, to spread into a route's `responses`. */
export const errorResponses = {
  400: { description: "The request could not be understood", content: errorContent },
  401: { description: "Not signed in", content: errorContent },
  403: { description: "Not allowed", content: errorContent },
  404: { description: "Not found", content: errorContent },
  409: { description: "Conflict", content: errorContent },
  412: { description: "Changed by someone else (If-Match)", content: errorContent },
  413: { description: "Request too large", content: errorContent },
  415: { description: "Unsupported content type", content: errorContent },
  422: { description: "Invalid input, per field", content: errorContent },
  428: { description: "If-Match required", content: errorContent },
  429: { description: "Too many requests", content: errorContent },
} as const;

export function pickErrors<K extends keyof typeof errorResponses>(...codes: K[]): Pick<typeof errorResponses, K> {
  const out = {} as Pick<typeof errorResponses, K>;
  for (const code of codes) out[code] = errorResponses[code];
  return out;
}
