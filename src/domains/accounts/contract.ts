import { z } from "@hono/zod-openapi";
import { roles } from "~/auth/actor";
import { languages } from "~/i18n/i18n";

export const PASSWORD_MIN = 10;
/** Longer inputs are refused before hashing (argon2 on megabytes would be a cheap attack). */
export const PASSWORD_MAX = 1000;

const password = z
  .string()
  .max(PASSWORD_MAX)
  .refine((p) => p.length >= PASSWORD_MIN, { message: "field.passwordTooShort", params: { min: PASSWORD_MIN } });

export const NewUserInput = z
  .object({
    email: z.email().max(254),
    name: z.string().trim().min(1).max(200),
    role: z.enum(roles),
    organisationId: z.uuid().nullish(),
    /** The contact person this account belongs to (a contact of the organisation). */
    contactId: z.uuid().nullish(),
    language: z.enum(languages).nullish(),
    password: password.nullish(),
  })
  .strict()
  .superRefine((u, ctx) => {
    if (u.role === "member_contact" && !u.organisationId) {
      ctx.addIssue({ code: "custom", path: ["organisationId"], message: "field.organisationRequired" });
    }
  });
export type NewUserInput = z.input<typeof NewUserInput>;

/** Sign-in with e-mail and password. No format check: a wrong address is just a wrong credential. */
export const SignInInput = z
  .object({
    email: z.string().trim().min(1).max(254).openapi({ example: "secretariat@sern.example" }),
    password: z.string().min(1).max(PASSWORD_MAX),
  })
  .openapi("SignIn");
export type SignInInput = z.input<typeof SignInInput>;

export const PasswordResetRequestInput = z.object({ email: z.email().max(254) });
export type PasswordResetRequestInput = z.input<typeof PasswordResetRequestInput>;

/** A new password chosen through an e-mailed one-time link; `passwordConfirm` must repeat it. */
export const NewPasswordInput = z.object({
  token: z.string().min(1).max(200),
  password,
  passwordConfirm: z.string().max(PASSWORD_MAX),
});
export type NewPasswordInput = z.input<typeof NewPasswordInput>;

/** The caller's own account, as `GET /api/v1/me` returns it. */
export const Account = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    organisationId: z.uuid().nullable(),
    language: z.enum(languages).nullable(),
  })
  .openapi("Account");
export type Account = z.infer<typeof Account>;

/** `ponte token create`: a bearer token for the account with this e-mail. */
export const IssueTokenInput = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(100).optional(),
});
export type IssueTokenInput = z.input<typeof IssueTokenInput>;

export const RevokeTokenInput = z.object({ id: z.uuid() });
export type RevokeTokenInput = z.input<typeof RevokeTokenInput>;

const pageNumber = z.coerce.number().int().min(1).max(100_000).default(1);

export const OutboxQuery = z.object({
  page: pageNumber,
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type OutboxQuery = z.output<typeof OutboxQuery>;

export const mailStatuses = ["outbox", "sent", "failed"] as const;

export const OutboxMessage = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  to: z.string(),
  language: z.string(),
  kind: z.string(),
  subject: z.string(),
  text: z.string(),
  status: z.string(),
  error: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

/** Kinds of mail the accounts domain sends. */
export const mailKinds = { passwordReset: "password_reset", invite: "invite" } as const;
