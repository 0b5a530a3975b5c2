import type { z } from "zod";
import { AppError, type FieldProblem } from "./app-error";

/**
 * Turns zod issues into field problems with message keys from the `errors` catalog, so each
 * problem is shown in the reader's language. A custom issue whose message is a key
 * (`field.unknownPriority`) keeps it, with its params as interpolation values.
 */
export function issuesToFields(issues: readonly z.core.$ZodIssue[]): Record<string, FieldProblem> {
  const fields: Record<string, FieldProblem> = {};
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[[...issue.path, key].join(".")] ??= { key: "errors:field.unknownField" };
      continue;
    }
    const name = issue.path.length ? issue.path.join(".") : "_";
    if (fields[name]) continue;
    fields[name] = problemFor(issue);
  }
  return fields;
}

function problemFor(issue: z.core.$ZodIssue): FieldProblem {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null || issue.input === "")
        return { key: "errors:field.required" };
      if (issue.expected === "number" || issue.expected === "int") return { key: "errors:field.notNumber" };
      return { key: "errors:field.invalid" };
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string")
        return min <= 1 ? { key: "errors:field.required" } : { key: "errors:field.tooShort", values: { min } };
      if (issue.origin === "array") return { key: "errors:field.required" };
      return { key: "errors:field.tooSmall", values: { min } };
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return { key: "errors:field.tooLong", values: { max } };
      return { key: "errors:field.tooBig", values: { max } };
    }
    case "invalid_format":
      if (issue.message?.startsWith("field.")) return { key: `errors:${issue.message}` };
      if (issue.format === "email") return { key: "errors:field.invalidEmail" };
      if (issue.format === "url") return { key: "errors:field.invalidUrl" };
      if (issue.format === "date") return { key: "errors:field.invalidDate" };
      return { key: "errors:field.invalid" };
    case "invalid_value":
      if (issue.input === undefined || issue.input === null || issue.input === "")
        return { key: "errors:field.required" };
      return { key: "errors:field.invalidChoice", values: { options: issue.values.map(String).join(", ") } };
    case "custom": {
      if (issue.message?.startsWith("field.")) {
        return { key: `errors:${issue.message}`, values: (issue.params ?? {}) as Record<string, string | number> };
      }
      return { key: "errors:field.invalid" };
    }
    default:
      if (issue.message?.startsWith("field.")) return { key: `errors:${issue.message}` };
      return { key: "errors:field.invalid" };
  }
}

/** Parses input with a schema or throws a `validation` AppError naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  // reportInput: issues carry the value, so "about forty" reads "must be a number", not "required".
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw new AppError("validation", "errors:validation", issuesToFields(result.error.issues));
  return result.data;
}
