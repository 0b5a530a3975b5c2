import { describe, expect, it } from "vitest";
import { type Actor, anonymous } from "~/auth/actor";
import { AppError } from "~/errors/app-error";
import { translator } from "~/i18n/i18n";
import { formProblem, pageError } from "./page.server";

const request = new Request("http://localhost/organisations/new?place=forli");
const board: Actor = {
  kind: "user",
  via: "session",
  user: { id: "u1", email: "b@example.org", name: "B", role: "board", organisationId: null, language: null },
};

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("did not throw");
}

describe("a service error on a form", () => {
  it("names each field's problem in the reader's language, and an empty choice as required", () => {
    const error = new AppError("validation", "errors:validation", {
      country: { key: "errors:field.invalidChoice", values: { options: "IT, SE" } },
      "workingLanguages.1": { key: "errors:field.invalid" },
      website: { key: "errors:field.invalidUrl" },
    });
    const problem = formProblem(error, translator("it"), request, board, { country: "", website: "www.x" });
    expect(problem).toEqual({
      message: translator("it")("errors:validation"),
      fields: {
        country: translator("it")("errors:field.required"),
        workingLanguages: translator("it")("errors:field.invalid"),
        website: translator("it")("errors:field.invalidUrl"),
      },
      stale: false,
    });
  });

  it("asks to reload when someone else changed the record", () => {
    const problem = formProblem(new AppError("precondition_failed"), translator("sv"), request, board);
    expect(problem.stale).toBe(true);
    expect(problem.message).toBe(translator("sv")("organisations:form.conflict"));
  });

  it("turns access errors into the 403 and 404 pages, and sends visitors to sign in", () => {
    const forbidden = thrown(() => formProblem(new AppError("forbidden"), translator("en"), request, board));
    expect(forbidden).toMatchObject({ init: { status: 403 } });
    const missing = thrown(() => pageError(new AppError("not_found"), request, board));
    expect(missing).toMatchObject({ init: { status: 404 } });
    const visitor = thrown(() => pageError(new AppError("unauthenticated"), request, anonymous));
    expect(visitor).toBeInstanceOf(Response);
    expect((visitor as Response).headers.get("Location")).toBe(
      `/login?redirectTo=${encodeURIComponent("/organisations/new?place=forli")}`,
    );
  });

  it("lets unexpected errors through", () => {
    const bug = new TypeError("boom");
    expect(thrown(() => formProblem(bug, translator("en"), request, board))).toBe(bug);
  });
});
