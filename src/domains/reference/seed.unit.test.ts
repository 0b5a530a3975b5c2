import { describe, expect, it } from "vitest";
import { loadReferencePlaces, pickNuts } from "./seed";

describe("reference places", () => {
  it("keep only NUTS codes that belong to the place, never a pair", () => {
    expect(pickNuts("ITC43|ITC46", "Lecco|Bergamo", "Bergamo")).toBe("ITC46");
    expect(
      pickNuts("ITH1|ITH2", "Provincia Autonoma di Bolzano/Bozen|Provincia Autonoma di Trento", "Trentino"),
    ).toBeNull();
    expect(pickNuts("ITH55", "Bologna", "Bologna")).toBe("ITH55");
    const places = loadReferencePlaces();
    expect(places.filter((p) => p.nuts2?.includes("|") || p.nuts3?.includes("|"))).toEqual([]);
    expect(places.find((p) => p.kind === "province" && p.provinceName === "Bergamo")?.nuts3).toBe("ITC46");
  });
});
