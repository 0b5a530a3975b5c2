/**
 * Peppol BIS Billing 3.0: an EInvoiceDocument as a UBL 2.1 Invoice or CreditNote, as Swedish
 * public bodies must receive it. Elements follow the UBL schema's order (tests validate every
 * document against the OASIS schemas in ./schemas/ubl-2.1).
 *
 * Choices (decision record "e-invoices"): the membership fee is outside the scope of VAT
 * (category O): no VAT identifiers in PartyTaxScheme (EN 16931 rule BR-O-02); the legal
 * registration (organisationsnummer, codice fiscale) in PartyLegalEntity; payment by SEPA credit
 * transfer (code 58) to the seller's IBAN, with the invoice number as payment reference.
 */
import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";
import { splitPeppolId } from "~/domains/organisations/identifiers";
import type { Party } from "../party";
import { decimalAmount, type EInvoiceDocument, incomplete, membershipVat } from "./document";

const NS = {
  invoice: "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
  creditNote: "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
  cac: "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
  cbc: "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
};

export const PEPPOL_CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
export const PEPPOL_PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

type Endpoint = { scheme: string; value: string };

/**
 * The party's Peppol address: its participant ID, else one derived from its identifiers
 * (Swedish organisationsnummer → 0007, Italian VAT number → 0211, codice fiscale → 0210).
 */
export function endpointOf(party: Party): Endpoint | null {
  if (party.peppolId) {
    const split = splitPeppolId(party.peppolId);
    if (split) return split;
  }
  if (party.country === "SE" && party.orgNumber) return { scheme: "0007", value: party.orgNumber.replace("-", "") };
  if (party.country === "IT" && party.vatNumber) return { scheme: "0211", value: party.vatNumber };
  if (party.country === "IT" && party.taxCode) return { scheme: "0210", value: party.taxCode };
  return null;
}

/** The party's legal registration: organisationsnummer (0007) or codice fiscale (0210). */
function legalIdOf(party: Party): Endpoint | null {
  if (party.country === "SE" && party.orgNumber) return { scheme: "0007", value: party.orgNumber.replace("-", "") };
  if (party.country === "IT" && party.taxCode) return { scheme: "0210", value: party.taxCode };
  return null;
}

const cbc = (parent: XMLBuilder, name: string, value: string, attributes: Record<string, string> = {}) =>
  parent.ele(NS.cbc, `cbc:${name}`, attributes).txt(value).up();
const cac = (parent: XMLBuilder, name: string) => parent.ele(NS.cac, `cac:${name}`);

function addParty(parent: XMLBuilder, role: "AccountingSupplierParty" | "AccountingCustomerParty", party: Party) {
  const endpoint = endpointOf(party);
  const partyNode = cac(cac(parent, role), "Party");
  if (endpoint) cbc(partyNode, "EndpointID", endpoint.value, { schemeID: endpoint.scheme });
  cbc(cac(partyNode, "PartyName"), "Name", party.name);
  const address = cac(partyNode, "PostalAddress");
  if (party.street) cbc(address, "StreetName", party.street);
  if (party.city) cbc(address, "CityName", party.city);
  if (party.postalCode) cbc(address, "PostalZone", party.postalCode);
  cbc(cac(address, "Country"), "IdentificationCode", party.country);
  const legal = cac(partyNode, "PartyLegalEntity");
  cbc(legal, "RegistrationName", party.name);
  const legalId = legalIdOf(party);
  if (legalId) cbc(legal, "CompanyID", legalId.value, { schemeID: legalId.scheme });
  if (party.email) cbc(cac(partyNode, "Contact"), "ElectronicMail", party.email);
}

/** The UBL document (Invoice or CreditNote) as XML text. */
export function toPeppolUbl(doc: EInvoiceDocument): string {
  const missing: string[] = [];
  if (!endpointOf(doc.seller)) missing.push("seller.peppolId");
  // A Swedish buyer's Peppol address is normally its organisationsnummer: ask for that.
  if (!endpointOf(doc.buyer)) missing.push(doc.buyer.country === "SE" ? "buyer.orgNumber" : "buyer.peppolId");
  if (!doc.buyer.name.trim()) missing.push("buyer.name");
  if (missing.length > 0) throw incomplete(missing);

  const credit = doc.kind === "credit_note";
  const amount = decimalAmount(doc.amountCents);
  const currency = { currencyID: doc.currency };
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele(
    credit ? NS.creditNote : NS.invoice,
    credit ? "CreditNote" : "Invoice",
    { "xmlns:cac": NS.cac, "xmlns:cbc": NS.cbc },
  );
  cbc(root, "CustomizationID", PEPPOL_CUSTOMIZATION_ID);
  cbc(root, "ProfileID", PEPPOL_PROFILE_ID);
  cbc(root, "ID", doc.number);
  cbc(root, "IssueDate", doc.issueDate);
  if (!credit) cbc(root, "DueDate", doc.dueDate);
  // 380 commercial invoice, 381 credit note (UNTDID 1001).
  cbc(root, credit ? "CreditNoteTypeCode" : "InvoiceTypeCode", credit ? "381" : "380");
  cbc(root, "Note", doc.description);
  cbc(root, "DocumentCurrencyCode", doc.currency);
  cbc(root, "BuyerReference", doc.buyerReference?.trim() || doc.number);
  const period = cac(root, "InvoicePeriod");
  cbc(period, "StartDate", `${doc.feeYear}-01-01`);
  cbc(period, "EndDate", `${doc.feeYear}-12-31`);
  if (credit && doc.creditedNumber) {
    const reference = cac(cac(root, "BillingReference"), "InvoiceDocumentReference");
    cbc(reference, "ID", doc.creditedNumber);
    if (doc.creditedIssueDate) cbc(reference, "IssueDate", doc.creditedIssueDate);
  }
  addParty(root, "AccountingSupplierParty", doc.seller);
  addParty(root, "AccountingCustomerParty", doc.buyer);

  const means = cac(root, "PaymentMeans");
  cbc(means, "PaymentMeansCode", doc.seller.iban ? "58" : "30");
  if (credit) cbc(means, "PaymentDueDate", doc.dueDate);
  cbc(means, "PaymentID", doc.number);
  if (doc.seller.iban) {
    const account = cac(means, "PayeeFinancialAccount");
    cbc(account, "ID", doc.seller.iban.replace(/\s/g, ""));
    cbc(account, "Name", doc.seller.name);
    if (doc.seller.bic) cbc(cac(account, "FinancialInstitutionBranch"), "ID", doc.seller.bic);
  }

  const taxTotal = cac(root, "TaxTotal");
  cbc(taxTotal, "TaxAmount", "0.00", currency);
  const subtotal = cac(taxTotal, "TaxSubtotal");
  cbc(subtotal, "TaxableAmount", amount, currency);
  cbc(subtotal, "TaxAmount", "0.00", currency);
  const category = cac(subtotal, "TaxCategory");
  cbc(category, "ID", membershipVat.ublCategory);
  cbc(category, "TaxExemptionReasonCode", membershipVat.ublExemptionCode);
  cbc(category, "TaxExemptionReason", membershipVat.ublExemptionReason);
  cbc(cac(category, "TaxScheme"), "ID", "VAT");

  const totals = cac(root, "LegalMonetaryTotal");
  cbc(totals, "LineExtensionAmount", amount, currency);
  cbc(totals, "TaxExclusiveAmount", amount, currency);
  cbc(totals, "TaxInclusiveAmount", amount, currency);
  cbc(totals, "PayableAmount", amount, currency);

  const line = cac(root, credit ? "CreditNoteLine" : "InvoiceLine");
  cbc(line, "ID", "1");
  // C62 = one (a unit), UN/ECE recommendation 20.
  cbc(line, credit ? "CreditedQuantity" : "InvoicedQuantity", "1", { unitCode: "C62" });
  cbc(line, "LineExtensionAmount", amount, currency);
  const item = cac(line, "Item");
  cbc(item, "Name", doc.description.slice(0, 200));
  const itemCategory = cac(item, "ClassifiedTaxCategory");
  cbc(itemCategory, "ID", membershipVat.ublCategory);
  cbc(cac(itemCategory, "TaxScheme"), "ID", "VAT");
  cbc(cac(line, "Price"), "PriceAmount", amount, currency);

  return root.end({ prettyPrint: true });
}
