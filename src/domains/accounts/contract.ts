import { z } from "zod";
import { roles } from "~/auth/actor";
import { languages } from "~/i18n/i18n";

export const PASSWORD_MIN = 10;

export const NewUserInput = z
  .object({
    email: z.email().max(254),
    name: z.string().trim().min(1).max(200),
    role: z.enum(roles),
    organisationId: z.uuid().nullish(),
    language: z.enum(languages).nullish(),
    password: z
      .string()
      .max(1000)
      .refine((p) => p.length >= PASSWORD_MIN, { message: "field.passwordTooShort", params: { min: PASSWORD_MIN } })
      .nullish(),
  })
  .strict()
  .superRefine((u, ctx) => {
    if (u.role === "member_contact" && !u.organisationId) {
      ctx.addIssue({ code: "custom", path: ["organisationId"], message: "field.organisationRequired" });
    }
  });
export type NewUserInput = z.input<typeof NewUserInput>;
