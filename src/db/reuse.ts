import { PgTransaction } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client";

/** A statement built once, executed with each call's placeholder values. */
export type Reusable<T = unknown> = { execute: (values?: Record<string, unknown>) => Promise<T[]> };

const statements = new WeakMap<object, Map<string, Reusable>>();

/**
 * The statement of this shape for this database handle, built the first time it is needed and
 * kept: for statements on every request's path (sign-in checks, directory searches), where
 * building a statement through the query builder costs more than the database takes to run it.
 * Values go in through `sql.placeholder(name)`. The statement is sent unnamed (`prepare("")`), so
 * PostgreSQL plans it with each call's values, as any other query. Inside a transaction it is
 * built afresh, as a transaction's queries must go to its connection.
 *
 * `shape` must name everything that changes the statement's text (the number of search words,
 * which filters, which sort); two different statements under one shape would be a bug.
 */
export function reuse<T>(db: DbOrTx, shape: string, build: () => { prepare: (name: string) => Reusable<T> }) {
  if (db instanceof PgTransaction) return build().prepare("");
  let byShape = statements.get(db);
  if (!byShape) {
    byShape = new Map();
    statements.set(db, byShape);
  }
  let statement = byShape.get(shape) as Reusable<T> | undefined;
  if (!statement) {
    statement = build().prepare("");
    byShape.set(shape, statement as Reusable);
  }
  return statement;
}
