import { describe, expect, it } from "vitest";
import { quorumOf } from "./quorum";

const member = (attendance: string | null) => ({ kind: "member", attendance });

describe("quorum", () => {
  it("counts those present and those represented by proxy, never guests", () => {
    const q = quorumOf(
      [
        member("present"),
        member("proxy"),
        member("absent"),
        member("excused"),
        { kind: "guest", attendance: "present" },
      ],
      50,
    );
    expect(q).toEqual({ entitled: 4, present: 1, byProxy: 1, required: 2, reached: true });
  });
  it("rounds the required number up, and needs at least one", () => {
    expect(quorumOf([member("present"), member(null), member(null)], 50)).toMatchObject({
      required: 2,
      reached: false,
    });
    expect(quorumOf([], 50)).toMatchObject({ entitled: 0, required: 1, reached: false });
    expect(quorumOf([member("present"), member(null), member(null)], 0)).toMatchObject({ required: 1, reached: true });
  });
});
