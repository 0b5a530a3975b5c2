import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./env";

describe("configuration", () => {
  it("defaults to the embedded database in ./data on port 3000", () => {
    const cfg = parseConfig({});
    expect(cfg.port).toBe(3000);
    expect(cfg.database.kind).toBe("pglite");
    expect(cfg.database.kind === "pglite" && cfg.database.dataDir.endsWith("/data")).toBe(true);
  });

  it("uses a PostgreSQL server when DATABASE_URL is set, and honours PORT and HOST", () => {
    const cfg = parseConfig({ DATABASE_URL: "postgres://u@db:5432/ponte", PORT: "8080", HOST: "127.0.0.1" });
    expect(cfg.database).toEqual({ kind: "postgres", url: "postgres://u@db:5432/ponte", poolSize: 10 });
    expect(cfg.port).toBe(8080);
    expect(cfg.host).toBe("127.0.0.1");
  });

  it("stops with a message naming every wrong variable", () => {
    let error: unknown;
    try {
      parseConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", PONTE_DEMO: "maybe" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT="eighty"');
    expect(message).toContain('DATABASE_URL="mysql://x"');
    expect(message).toContain('PONTE_DEMO="maybe"');
  });

  it("reads PONTE_DEMO as a boolean and treats empty values as unset", () => {
    expect(parseConfig({ PONTE_DEMO: "false" }).demo).toBe(false);
    expect(parseConfig({ PONTE_DEMO: "true" }).demo).toBe(true);
    expect(parseConfig({ PONTE_DEMO: "" }).demo).toBeUndefined();
  });
});
