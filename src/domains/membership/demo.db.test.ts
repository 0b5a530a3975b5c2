import { afterAll, beforeAll, expect, it } from "vitest";
import { actorAs } from "~/domains/organisations/testing";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { loadMembershipDemo } from "./demo";
import { listApplications } from "./service";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ places: false });
});
afterAll(async () => {
  await database?.close();
});

it("loads demo applications in different states, once", async () => {
  expect(await loadMembershipDemo(database.db)).toBe(4);
  expect(await loadMembershipDemo(database.db)).toBe(0);
  const { items } = await listApplications(database.db, actorAs("secretariat"));
  expect(items.map((i) => i.status).sort()).toEqual(["incomplete", "ready_for_board", "submitted", "withdrawn"]);
  expect(items.find((i) => i.status === "ready_for_board")?.meeting).not.toBeNull();
  expect(items.find((i) => i.country === "FR")?.outcome).toBe("partner");
});
