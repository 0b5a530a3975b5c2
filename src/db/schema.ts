/** All tables, for Drizzle's relational queries and drizzle-kit. */
export * from "~/audit/schema";
export * from "~/domains/accounts/schema";
export * from "~/domains/fees/schema";
export * from "~/domains/governance/schema";
export * from "~/domains/invoicing/schema";
export * from "~/domains/membership/schema";
export * from "~/domains/organisations/schema";
export * from "~/domains/projects/schema";
export * from "~/domains/reference/schema";
export * from "~/files/schema";
export * from "~/mail/schema";
