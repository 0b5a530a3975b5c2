/**
 * FatturaPA 1.2.1: an EInvoiceDocument as the XML Italy's Sistema di Interscambio (SDI) receives.
 * FPA12 for public administrations (CodiceDestinatario = the office's 6-character IPA code),
 * FPR12 for private parties (their 7-character SDI code, or 0000000 when they have none: SDI then
 * delivers to their PEC or their tax drawer). TD01 invoice, TD04 credit note. Tests validate every
 * document against ./schemas/fatturapa-1.2.
 *
 * The fee is outside the scope of VAT: AliquotaIVA 0.00 with Natura N2 (the code of schema 1.2.1;
 * SDI's 1.2.2 rules ask for N2.2 since 2021, see the decision record). Stamp duty (imposta di bollo,
 * EUR 2.00 on documents without VAT above EUR 77.47) is declared as paid virtually by the seller.
 */
import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";
import { isValidIpaCode, isValidSdiCode } from "~/domains/organisations/identifiers";
import type { Party } from "../party";
import { decimalAmount, type EInvoiceDocument, formatFor, incomplete, membershipVat } from "./document";

const NS = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2";

/** Above this amount a document without VAT bears stamp duty (DPR 642/1972, tariff art. 13). */
const STAMP_DUTY_THRESHOLD_CENTS = 7747;
const STAMP_DUTY = "2.00";

/**
 * Text in FatturaPA's "Latin" fields must be Basic Latin or Latin-1: letters outside it lose their
 * accents (ł → l, ő → o), typographic quotes and dashes become plain ones.
 */
export function latin1(text: string, max: number): string {
  const replaced = text
    .replace(/[‘’‚‛]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/[‐‑‒–—―]/g, "-")
    .replace(/…/g, "...")
    .replace(/[łŁ]/g, (c) => (c === "ł" ? "l" : "L"))
    .replace(/[đĐ]/g, (c) => (c === "đ" ? "d" : "D"));
  let out = "";
  for (const ch of replaced) {
    if (ch.charCodeAt(0) <= 0xff && ch.length === 1) out += ch;
    else
      for (const part of ch.normalize("NFD")) {
        if (part.charCodeAt(0) <= 0xff && part.length === 1) out += part;
      }
  }
  return out.replace(/\s+/g, " ").trim().slice(0, max);
}

/** Digits and letters only (ProgressivoInvio: at most 10 characters). */
function progressivo(number: string): string {
  return number.replace(/[^A-Za-z0-9]/g, "").slice(-10) || "1";
}

const add = (parent: XMLBuilder, name: string, value: string) => parent.ele(name).txt(value).up();

/** IT00162210348 → { IdPaese: IT, IdCodice: 00162210348 }. */
function fiscalId(vatNumber: string): { country: string; code: string } {
  const country = vatNumber.slice(0, 2);
  return { country: country === "EL" ? "GR" : country, code: vatNumber.slice(2) };
}

function addAddress(parent: XMLBuilder, party: Party) {
  const sede = parent.ele("Sede");
  add(sede, "Indirizzo", latin1(party.street ?? "-", 60) || "-");
  // CAP: 5 digits; a foreign address carries 00000 (SDI's convention).
  const cap =
    party.country === "IT" && party.postalCode && /^\d{5}$/.test(party.postalCode) ? party.postalCode : "00000";
  add(sede, "CAP", cap);
  add(sede, "Comune", latin1(party.city ?? "-", 60) || "-");
  add(sede, "Nazione", party.country);
}

/** The recipient code: an IPA office code for FPA12, an SDI code or 0000000 for FPR12. */
function recipientCode(doc: EInvoiceDocument, pa: boolean, missing: string[]): string {
  const code = doc.buyer.ipaCode;
  if (pa) {
    if (code && isValidIpaCode(code)) return code;
    missing.push("buyer.ipaCode");
    return "";
  }
  return code && isValidSdiCode(code) ? code : "0000000";
}

/** The FatturaPA document as XML text. */
export function toFatturaPA(doc: EInvoiceDocument): string {
  const { seller, buyer } = doc;
  const pa = formatFor(buyer) === "fatturapa-fpa12";
  const missing: string[] = [];
  if (!seller.vatNumber) missing.push("seller.vatNumber");
  if (!buyer.name.trim()) missing.push("buyer.name");
  if (!buyer.vatNumber && !buyer.taxCode) missing.push("buyer.taxCode");
  const destination = recipientCode(doc, pa, missing);
  if (missing.length > 0 || !seller.vatNumber) throw incomplete(missing);

  const credit = doc.kind === "credit_note";
  const amount = decimalAmount(doc.amountCents);
  const versione = pa ? "FPA12" : "FPR12";
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele(NS, "p:FatturaElettronica", { versione });

  const header = root.ele("FatturaElettronicaHeader");
  const transmission = header.ele("DatiTrasmissione");
  const sellerId = fiscalId(seller.vatNumber);
  // The transmitter is the seller itself, identified by its codice fiscale (or VAT number).
  const transmitter = transmission.ele("IdTrasmittente");
  add(transmitter, "IdPaese", "IT");
  add(transmitter, "IdCodice", seller.taxCode ?? sellerId.code);
  add(transmission, "ProgressivoInvio", progressivo(doc.number));
  add(transmission, "FormatoTrasmissione", versione);
  add(transmission, "CodiceDestinatario", destination);

  const cedente = header.ele("CedentePrestatore");
  const cedenteData = cedente.ele("DatiAnagrafici");
  const cedenteVat = cedenteData.ele("IdFiscaleIVA");
  add(cedenteVat, "IdPaese", sellerId.country);
  add(cedenteVat, "IdCodice", sellerId.code);
  if (seller.taxCode) add(cedenteData, "CodiceFiscale", seller.taxCode);
  add(cedenteData.ele("Anagrafica"), "Denominazione", latin1(seller.name, 80));
  add(cedenteData, "RegimeFiscale", seller.regimeFiscale ?? "RF01");
  addAddress(cedente, seller);
  if (seller.email) add(cedente.ele("Contatti"), "Email", seller.email);

  const cessionario = header.ele("CessionarioCommittente");
  const cessionarioData = cessionario.ele("DatiAnagrafici");
  if (buyer.vatNumber) {
    const buyerId = fiscalId(buyer.vatNumber);
    const buyerVat = cessionarioData.ele("IdFiscaleIVA");
    add(buyerVat, "IdPaese", buyerId.country);
    add(buyerVat, "IdCodice", buyerId.code);
  }
  if (buyer.taxCode) add(cessionarioData, "CodiceFiscale", buyer.taxCode);
  add(cessionarioData.ele("Anagrafica"), "Denominazione", latin1(buyer.name, 80));
  addAddress(cessionario, buyer);

  const body = root.ele("FatturaElettronicaBody");
  const general = body.ele("DatiGenerali");
  const document = general.ele("DatiGeneraliDocumento");
  add(document, "TipoDocumento", credit ? "TD04" : "TD01");
  add(document, "Divisa", doc.currency);
  add(document, "Data", doc.issueDate);
  add(document, "Numero", doc.number.slice(0, 20));
  if (Math.abs(doc.amountCents) > STAMP_DUTY_THRESHOLD_CENTS) {
    const bollo = document.ele("DatiBollo");
    add(bollo, "BolloVirtuale", "SI");
    add(bollo, "ImportoBollo", STAMP_DUTY);
  }
  add(document, "ImportoTotaleDocumento", amount);
  add(document, "Causale", latin1(doc.description, 200));
  if (credit && doc.creditedNumber) {
    const linked = general.ele("DatiFattureCollegate");
    add(linked, "IdDocumento", doc.creditedNumber.slice(0, 20));
    if (doc.creditedIssueDate) add(linked, "Data", doc.creditedIssueDate);
  }

  const goods = body.ele("DatiBeniServizi");
  const line = goods.ele("DettaglioLinee");
  add(line, "NumeroLinea", "1");
  add(line, "Descrizione", latin1(doc.description, 1000));
  add(line, "Quantita", "1.00");
  add(line, "DataInizioPeriodo", `${doc.feeYear}-01-01`);
  add(line, "DataFinePeriodo", `${doc.feeYear}-12-31`);
  add(line, "PrezzoUnitario", amount);
  add(line, "PrezzoTotale", amount);
  add(line, "AliquotaIVA", "0.00");
  add(line, "Natura", membershipVat.fatturapaNatura);
  const summary = goods.ele("DatiRiepilogo");
  add(summary, "AliquotaIVA", "0.00");
  add(summary, "Natura", membershipVat.fatturapaNatura);
  add(summary, "ImponibileImporto", amount);
  add(summary, "Imposta", "0.00");
  add(summary, "RiferimentoNormativo", latin1(membershipVat.fatturapaReference, 100));

  if (!credit) {
    const payment = body.ele("DatiPagamento");
    // TP02: payment in full.
    add(payment, "CondizioniPagamento", "TP02");
    const detail = payment.ele("DettaglioPagamento");
    add(detail, "Beneficiario", latin1(seller.name, 200));
    // MP05: bank transfer.
    add(detail, "ModalitaPagamento", "MP05");
    add(detail, "DataScadenzaPagamento", doc.dueDate);
    add(detail, "ImportoPagamento", amount);
    if (seller.bankName) add(detail, "IstitutoFinanziario", latin1(seller.bankName, 80));
    if (seller.iban) add(detail, "IBAN", seller.iban.replace(/\s/g, ""));
    if (seller.bic) add(detail, "BIC", seller.bic);
  }

  return root.end({ prettyPrint: true });
}
