import { describe, expect, it } from "vitest";
import { diffFields, displayValue } from "./diff";

describe("the audit log's before/after diff", () => {
  it("lists only the fields that changed, in the order of the record", () => {
    const before = { name: "Comune di Forlì", inhabitants: 117000, website: null, priorities: ["green"] };
    const after = {
      name: "Comune di Forlì",
      inhabitants: 118000,
      website: "https://forli.example",
      priorities: ["green"],
    };
    expect(diffFields(before, after)).toEqual([
      { field: "inhabitants", before: 117000, after: 118000 },
      { field: "website", before: null, after: "https://forli.example" },
    ]);
  });

  it("lists every field with a value for a creation, and every field for a deletion", () => {
    expect(diffFields(null, { name: "Malmö", memberSince: null })).toEqual([
      { field: "name", before: null, after: "Malmö" },
    ]);
    expect(diffFields({ name: "Malmö" }, null)).toEqual([{ field: "name", before: "Malmö", after: null }]);
  });

  it("does not count a different key order inside a value as a change", () => {
    expect(
      diffFields({ address: { city: "Parma", zip: "43121" } }, { address: { zip: "43121", city: "Parma" } }),
    ).toEqual([]);
    expect(diffFields({ tags: ["a", "b"] }, { tags: ["b", "a"] })).toHaveLength(1);
  });

  it("treats a plain value snapshot as one field", () => {
    expect(diffFields("member", "former")).toEqual([{ field: "value", before: "member", after: "former" }]);
  });

  it("shows values as short text", () => {
    expect(displayValue(null)).toBeNull();
    expect(displayValue("")).toBeNull();
    expect(displayValue(["green", "digital"])).toBe('["green","digital"]');
    expect(displayValue("x".repeat(400), 10)).toBe(`${"x".repeat(9)}…`);
  });
});
