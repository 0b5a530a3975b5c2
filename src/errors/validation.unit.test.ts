import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "./app-error";
import { parseInput } from "./validation";

const schema = z.object({
  name: z.string().trim().min(1).max(5),
  employees: z.number().int().nullish(),
  kind: z.enum(["a", "b"]),
  email: z.email().optional(),
});

function problems(input: unknown) {
  try {
    parseInput(schema, input);
  } catch (e) {
    if (e instanceof AppError) return Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, v.key]));
  }
  return {};
}

describe("parseInput", () => {
  it("names each field and the problem", () => {
    expect(problems({ name: "", employees: "about forty", kind: "c", email: "nope" })).toEqual({
      name: "errors:field.required",
      employees: "errors:field.notNumber",
      kind: "errors:field.invalidChoice",
      email: "errors:field.invalidEmail",
    });
  });

  it("reads a missing value as required, and a too-long one with its limit", () => {
    expect(problems({ name: "abcdefg" })).toEqual({ name: "errors:field.tooLong", kind: "errors:field.required" });
  });
});
