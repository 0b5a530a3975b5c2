import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { projectRoot } from "./paths";

/**
 * Every setting Ponte reads from the environment, parsed once at boot.
 * A wrong value stops the start with a message naming the variable.
 */
const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  PONTE_DATA_DIR: z.string().min(1).default("./data"),
  PONTE_DEMO: booleanFlag.optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Ponte <no-reply@ponte.local>"),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  TRUST_PROXY: booleanFlag.default(false),
  LOG_LEVEL: z.enum(["silent", "error", "warn", "info", "debug"]).default("info"),
});

export type Config = {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  database: { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string; poolSize: number };
  demo: boolean | undefined;
  publicUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionDays: number;
  trustProxy: boolean;
  logLevel: "silent" | "error" | "warn" | "info" | "debug";
};

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Ponte cannot start: the configuration is invalid.\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment. Empty strings count as "not set". */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== "") cleaned[key] = value;
  }
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".");
        return `${name}=${JSON.stringify(cleaned[name] ?? "")}: ${issue.message}`;
      }),
    );
  }
  const e = result.data;
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: "postgres", url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: "pglite", dataDir: path.resolve(e.PONTE_DATA_DIR) },
    demo: e.PONTE_DEMO,
    publicUrl: e.PUBLIC_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    sessionDays: e.SESSION_DAYS,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
  };
}

let cached: Config | undefined;

/**
 * The process-wide configuration (parsed on first use). A `.env` file in the project root is
 * read first (variables already set in the environment win), so the server and the `ponte`
 * command always see the same settings.
 */
export function config(): Config {
  if (!cached) {
    const file = path.join(projectRoot(), ".env");
    if (fs.existsSync(file)) process.loadEnvFile(file);
    cached = parseConfig();
  }
  return cached;
}

/** For tests: replace the process-wide configuration. */
export function setConfig(next: Config): void {
  cached = next;
}
