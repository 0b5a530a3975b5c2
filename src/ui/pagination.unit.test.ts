import { describe, expect, it } from "vitest";
import { hrefForPage, pageWindow } from "./pagination";

describe("pagination", () => {
  it("shows the first and last page and two either side of the current one", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 4)).toEqual([1, 2, 3, 4]);
    expect(pageWindow(10, 40)).toEqual([1, "gap", 8, 9, 10, 11, 12, "gap", 40]);
    expect(pageWindow(40, 40)).toEqual([1, "gap", 38, 39, 40]);
  });

  it("keeps every filter in the page links", () => {
    expect(hrefForPage("/organisations", "?q=forli&country=IT&page=3", 4)).toBe(
      "/organisations?q=forli&country=IT&page=4",
    );
    expect(hrefForPage("/organisations", "?q=forli&page=3", 1)).toBe("/organisations?q=forli");
  });
});
