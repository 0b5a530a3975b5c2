/**
 * A party of an invoice (seller or buyer) as it was when the invoice was issued: invoices keep a
 * snapshot, so a later change of the organisation's address or identifiers does not change an
 * issued invoice or its e-invoice.
 */
import type { OrganisationRow } from "~/domains/organisations/dto";

export type Party = {
  name: string;
  /** ISO 3166 alpha-2. */
  country: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  /** With its country prefix: IT00162210348, SE212000112401. */
  vatNumber: string | null;
  /** Italy: codice fiscale. */
  taxCode: string | null;
  /** Italy: IPA office code (6 characters, public administrations) or SDI recipient code (7). */
  ipaCode: string | null;
  /** Sweden: organisationsnummer NNNNNN-NNNN. */
  orgNumber: string | null;
  /** Peppol participant ID, scheme:value (0007:2120001124). */
  peppolId: string | null;
  /** Where invoices are e-mailed. */
  email: string | null;
  /** A public body: Swedish ones receive Peppol, Italian ones FatturaPA FPA12. */
  publicAdministration: boolean;
};

/** The buyer snapshot of an organisation (its invoice e-mail is the party's e-mail). */
export function partyOf(
  row: Pick<
    OrganisationRow,
    | "name"
    | "country"
    | "street"
    | "postalCode"
    | "city"
    | "vatNumber"
    | "taxCode"
    | "ipaCode"
    | "orgNumber"
    | "peppolId"
    | "invoiceEmail"
    | "publicAuthority"
  >,
): Party {
  return {
    name: row.name,
    country: row.country,
    street: row.street,
    postalCode: row.postalCode,
    city: row.city,
    vatNumber: row.vatNumber,
    taxCode: row.taxCode,
    ipaCode: row.ipaCode,
    orgNumber: row.orgNumber,
    peppolId: row.peppolId,
    email: row.invoiceEmail,
    publicAdministration: row.publicAuthority,
  };
}
