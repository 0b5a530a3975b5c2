import type { TFunction } from "i18next";
import { AppError } from "~/errors/app-error";

export type FormProblems = { status: number; message: string; fields: Record<string, string> };

/** An expected failure (bad input, wrong password, throttled) as translated texts for the form; anything else rethrows. */
export function formProblems(error: unknown, t: TFunction): FormProblems {
  if (!(error instanceof AppError) || error.code === "internal") throw error;
  const fields: Record<string, string> = {};
  for (const [name, problem] of Object.entries(error.fields)) fields[name] = t(problem.key, problem.values ?? {});
  return { status: error.status, message: t(error.messageKey, error.values), fields };
}
