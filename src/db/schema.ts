/** All tables, for Drizzle's relational queries and drizzle-kit. */
export * from "~/audit/schema";
export * from "~/domains/accounts/schema";
export * from "~/domains/organisations/schema";
export * from "~/domains/reference/schema";
export * from "~/mail/schema";
