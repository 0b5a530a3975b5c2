/**
 * The network's own seller details, printed on every invoice and written into every e-invoice:
 * the setting `invoicing.seller` (table `settings`, jsonb), edited by the secretariat.
 *
 * Until the secretariat enters them, the defaults describe SERN with its real seat (Stradone
 * Martiri della Libertà 15, 43123 Parma, from the network's brochure) and PLACEHOLDER tax codes
 * and bank account: they pass the format checks but are fictional (`placeholder: true`), and an
 * e-invoice written with them must not be sent.
 */

import { z } from "@hono/zod-openapi";
import { recordAudit } from "~/audit/audit";
import { type Actor, roleOf } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import {
  checkIdentifiers,
  compactCode,
  isValidPeppolId,
  normalizeIdentifiers,
  normalizePeppolId,
} from "~/domains/organisations/identifiers";
import { readSetting, writeSetting } from "~/domains/reference/settings";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import type { Seller } from "./einvoice/document";

export const SELLER_SETTING = "invoicing.seller";

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .default(null);

/** IBAN: country, check digits and up to 30 letters or digits, with a valid mod-97 check. */
export function isValidIban(value: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(value)) return false;
  const rearranged = value.slice(4) + value.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const n = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of n) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

export const SellerSettings = z
  .object({
    name: text(200),
    country: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}$/, "field.unknownCountry")),
    street: text(300),
    postalCode: text(20),
    city: text(120),
    vatNumber: optionalText(20),
    taxCode: optionalText(20),
    peppolId: optionalText(60)
      .transform((v) => (v === null ? null : normalizePeppolId(v)))
      .refine((v) => v === null || isValidPeppolId(v), "field.invalidPeppolId"),
    email: z
      .union([z.email().max(254), z.literal("")])
      .transform((v) => (v === "" ? null : v))
      .nullable()
      .default(null),
    iban: optionalText(40)
      .transform((v) => (v === null ? null : compactCode(v)))
      .refine((v) => v === null || isValidIban(v), "field.invalidIban"),
    bic: optionalText(11)
      .transform((v) => (v === null ? null : compactCode(v)))
      .refine((v) => v === null || /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/.test(v), "field.invalid"),
    bankName: optionalText(80),
    /** FatturaPA RegimeFiscale: RF01 ordinary regime … RF19. */
    regimeFiscale: z
      .string()
      .regex(/^RF(0[1-9]|1[0-9])$/, "field.invalid")
      .default("RF01"),
    /** True while the details are the fictional defaults. */
    placeholder: z.boolean().default(false),
  })
  .strict()
  .superRefine((value, ctx) => {
    const ids = normalizeIdentifiers(value.country, {
      taxCode: value.taxCode,
      vatNumber: value.vatNumber,
      ipaCode: null,
      orgNumber: null,
      peppolId: null,
    });
    for (const [field, problem] of Object.entries(checkIdentifiers(value.country, ids))) {
      ctx.addIssue({
        code: "custom",
        path: [field],
        message: problem.key.replace(/^errors:/, ""),
        params: problem.values,
      });
    }
  })
  .transform((value) => {
    const ids = normalizeIdentifiers(value.country, {
      taxCode: value.taxCode,
      vatNumber: value.vatNumber,
      ipaCode: null,
      orgNumber: null,
      peppolId: null,
    });
    return { ...value, taxCode: ids.taxCode, vatNumber: ids.vatNumber };
  });
export type SellerSettings = z.output<typeof SellerSettings>;
export type SellerSettingsInput = z.input<typeof SellerSettings>;

/**
 * SERN's seat is real; the codes and the account are PLACEHOLDERS (valid in form only): the
 * partita IVA 12345678903 and the IBAN IT60X0542811101000000123456 (the textbook example) are
 * not SERN's. Replace them in the settings before sending any e-invoice.
 */
export const defaultSeller: SellerSettings = {
  name: "Sweden Emilia-Romagna Network (SERN)",
  country: "IT",
  street: "Stradone Martiri della Libertà 15",
  postalCode: "43123",
  city: "Parma",
  vatNumber: "IT12345678903",
  taxCode: "12345678903",
  peppolId: null,
  email: "secretariat@sern.eu",
  iban: "IT60X0542811101000000123456",
  bic: null,
  bankName: null,
  regimeFiscale: "RF01",
  placeholder: true,
};

/** The seller as an e-invoice's party (the network is not a public administration). */
export function sellerParty(value: SellerSettings): Seller {
  return {
    name: value.name,
    country: value.country,
    street: value.street,
    postalCode: value.postalCode,
    city: value.city,
    vatNumber: value.vatNumber,
    taxCode: value.taxCode,
    ipaCode: null,
    orgNumber: null,
    peppolId: value.peppolId,
    email: value.email,
    publicAdministration: false,
    iban: value.iban,
    bic: value.bic,
    bankName: value.bankName,
    regimeFiscale: value.regimeFiscale,
  };
}

/** The stored seller details, or the defaults when none are stored (or the stored ones no longer parse). */
export async function getSellerSettings(db: DbOrTx): Promise<SellerSettings> {
  const stored = await readSetting(db, SELLER_SETTING);
  if (stored === undefined) return defaultSeller;
  const parsed = SellerSettings.safeParse(stored);
  return parsed.success ? parsed.data : defaultSeller;
}

/** The seller as e-invoices and PDFs use it. */
export async function getSeller(db: DbOrTx): Promise<Seller & { placeholder: boolean }> {
  const value = await getSellerSettings(db);
  return { ...sellerParty(value), placeholder: value.placeholder };
}

/** The stored seller details for the secretariat (the page and `GET /api/v1/invoicing/seller`). */
export async function sellerSettingsFor(db: DbOrTx, actor: Actor): Promise<SellerSettings> {
  const role = roleOf(actor);
  if (role !== "secretariat" && role !== "system") {
    throw new AppError(actor.kind === "anonymous" ? "unauthenticated" : "forbidden");
  }
  return getSellerSettings(db);
}

/** The seller details as the API answers them. */
export const SellerDetails = z
  .object({
    name: z.string(),
    country: z.string(),
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    vatNumber: z.string().nullable(),
    taxCode: z.string().nullable(),
    peppolId: z.string().nullable(),
    email: z.string().nullable(),
    iban: z.string().nullable(),
    bic: z.string().nullable(),
    bankName: z.string().nullable(),
    regimeFiscale: z.string(),
    placeholder: z.boolean().openapi({ description: "True while the details are the fictional defaults." }),
  })
  .openapi("SellerDetails");

/** Stores new seller details (the secretariat only); validated, normalised and audited. */
export async function setSeller(db: DbOrTx, actor: Actor, input: SellerSettingsInput): Promise<SellerSettings> {
  const role = roleOf(actor);
  if (role !== "secretariat" && role !== "system") {
    throw new AppError(actor.kind === "anonymous" ? "unauthenticated" : "forbidden");
  }
  const value = parseInput(SellerSettings, input);
  return db.transaction(async (tx) => {
    const before = await getSellerSettings(tx);
    await writeSetting(tx, SELLER_SETTING, value);
    await recordAudit(tx, actor, {
      action: "settings.update",
      entityType: "setting",
      entityId: SELLER_SETTING,
      before: { key: SELLER_SETTING, value: before },
      after: { key: SELLER_SETTING, value },
    });
    return value;
  });
}
