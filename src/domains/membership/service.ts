/**
 * Membership applications: the public application, the applicant's private link, the
 * secretariat's review, the Board's agenda and decision. Every change runs in one transaction
 * with its event (membership_application_events) and its audit entry.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/audit";
import { type Actor, actorLabel, actorUserId, anonymous, system } from "~/auth/actor";
import { authorize } from "~/auth/authorize";
import { hashToken, randomToken } from "~/auth/secrets";
import type { DbOrTx } from "~/db/client";
import { createUser, findUserByEmail } from "~/domains/accounts/service";
import { recordDecisionInRegister } from "~/domains/governance/decisions";
import {
  getMeeting,
  leadDays,
  type Meeting,
  meetingLanguage,
  nextMeetingFor,
  upcomingMeeting,
} from "~/domains/governance/meetings";
import {
  checkIdentifiers,
  type Identifiers,
  identifierFields,
  normalizeIdentifiers,
} from "~/domains/organisations/identifiers";
import {
  createContact,
  createOrganisation,
  getOrganisation,
  listOrganisations,
  organisationsWithIdentifiers,
  updateOrganisation,
} from "~/domains/organisations/service";
import { listCountries, listOrganisationTypes, listPriorities } from "~/domains/reference/service";
import { readSetting } from "~/domains/reference/settings";
import { AppError, type FieldProblem } from "~/errors/app-error";
import { issuesToFields, parseInput } from "~/errors/validation";
import { fileInfo, MAX_UPLOAD_BYTES, readFile, type StoredFile, storeFile } from "~/files/files";
import { formatDate, type Language, translator } from "~/i18n/i18n";
import { sendMail } from "~/mail/mailer";
import { isRealPdf } from "~/pdf/document";
import { normalizeText } from "~/text/normalize";
import {
  type Application,
  ApplicationFields,
  type ApplicationOutcome,
  ApplicationQuery,
  type ApplicationStatus,
  type ApplicationSummary,
  CompletionFields,
  DecisionInput,
  type ParsedApplicationFields,
  PRIVACY_VERSION,
  ReasonInput,
  RequestCompletionInput,
  STATUTE_VERSION,
  type Upload,
} from "./contract";
import { eligibility, missingIdentifiers } from "./eligibility";
import { createFirstInvoice } from "./first-invoice";
import { canReadApplications, canRecordDecision, canReviewApplications } from "./policy";
import { membershipApplicationEvents, membershipApplications } from "./schema";
import { canMove } from "./status";

type Row = typeof membershipApplications.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const mailKinds = {
  confirmation: "membership_confirmation",
  completion: "membership_completion_request",
  decision: "membership_decision",
  closed: "membership_closed",
} as const;

function wrongStatus(status: string): AppError {
  return new AppError("conflict", "membership:errors.wrongStatus", {}, { status });
}

export { canMove };

// ---------------------------------------------------------------------------------------------
// Input

/** Parses the application's fields: every bad field named, acceptances with their own message. */
function parseFields<S extends typeof ApplicationFields | typeof CompletionFields>(
  schema: S,
  input: unknown,
): ReturnType<S["parse"]> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data as ReturnType<S["parse"]>;
  const fields = issuesToFields(result.error.issues);
  for (const name of ["acceptStatute", "acceptPrivacy"]) {
    if (fields[name]) fields[name] = { key: "membership:errors.mustAccept" };
  }
  throw new AppError("validation", "errors:validation", fields);
}

/** A PDF upload checked: at most 10 MB, really a PDF (header and readable). */
async function checkPdf(upload: Upload, field: string): Promise<FieldProblem | null> {
  if (upload.content.byteLength === 0) return { key: "membership:errors.emptyFile" };
  if (upload.content.byteLength > MAX_UPLOAD_BYTES)
    return { key: "membership:errors.fileTooLarge", values: { max: 10 } };
  if (!(await isRealPdf(upload.content))) return { key: "membership:errors.notPdf", values: { field } };
  return null;
}

/** The identifiers of parsed fields (absent ones kept as null), normalised for the country. */
function identifiersOf(country: string, fields: Partial<Record<keyof Identifiers, string | null | undefined>>) {
  const raw = Object.fromEntries(identifierFields.map((f) => [f, fields[f] ?? null])) as Identifiers;
  return normalizeIdentifiers(country, raw);
}

/** Every problem of an application's identifiers: wrong form first, then the ones it must give. */
async function identifierProblems(
  db: DbOrTx,
  country: string,
  type: string,
  ids: Identifiers,
): Promise<Record<string, FieldProblem>> {
  const types = await listOrganisationTypes(db);
  const publicAuthority = types.find((t) => t.code === type)?.publicAuthority ?? false;
  return { ...missingIdentifiers(country, publicAuthority, ids), ...checkIdentifiers(country, ids) };
}

/** Only the identifiers that were given (stored as the application's jsonb). */
function givenIdentifiers(ids: Identifiers): Partial<Identifiers> {
  return Object.fromEntries(Object.entries(ids).filter(([, v]) => v !== null));
}

type Uploads = { letterFile?: Upload | null | undefined; signedForm?: Upload | null | undefined };

async function checkUploads(uploads: Uploads, t: ReturnType<typeof translator>): Promise<Record<string, FieldProblem>> {
  const problems: Record<string, FieldProblem> = {};
  for (const key of ["letterFile", "signedForm"] as const) {
    const upload = uploads[key];
    if (!upload) continue;
    const problem = await checkPdf(upload, t(`membership:fields.${key}`));
    if (problem) problems[key] = problem;
  }
  return problems;
}

async function storeUpload(db: DbOrTx, upload: Upload, filename: string): Promise<string> {
  const stored = await storeFile(db, { filename, contentType: "application/pdf", content: upload.content });
  return stored.id;
}

// ---------------------------------------------------------------------------------------------
// Presenting

async function duplicatesOf(
  db: DbOrTx,
  ids: readonly string[],
): Promise<{ id: string; name: string; status: string }[]> {
  const out: { id: string; name: string; status: string }[] = [];
  for (const id of ids) {
    try {
      const org = await getOrganisation(db, system("membership"), id);
      out.push({ id: org.id, name: org.name, status: org.status });
    } catch {
      // An organisation deleted since: no longer a duplicate.
    }
  }
  return out;
}

async function documentsOf(db: DbOrTx, row: Row): Promise<Application["documents"]> {
  const docs: Application["documents"] = [];
  for (const [kind, id] of [
    ["letter", row.letterFileId],
    ["signedForm", row.signedFormFileId],
  ] as const) {
    if (!id) continue;
    const info = await fileInfo(db, id);
    if (info) docs.push({ kind, fileId: info.id, filename: info.filename, size: info.size });
  }
  return docs;
}

async function meetingOf(db: DbOrTx, row: Row): Promise<Meeting | null> {
  return row.meetingId ? getMeeting(db, row.meetingId) : null;
}

async function toApplication(db: DbOrTx, row: Row): Promise<Application> {
  const meeting = await meetingOf(db, row);
  return {
    id: row.id,
    reference: row.reference,
    status: row.status as ApplicationStatus,
    outcome: row.outcome as ApplicationOutcome,
    language: row.language as Language,
    name: row.name,
    country: row.country,
    type: row.type,
    officialCode: row.officialCode,
    nuts3: row.nuts3,
    inhabitants: row.inhabitants,
    employees: row.employees,
    annualBudget: row.budgetCents === null ? null : row.budgetCents / 100,
    website: row.website,
    street: row.street,
    postalCode: row.postalCode,
    city: row.city,
    priorities: row.priorities,
    identifiers: {
      taxCode: row.identifiers.taxCode ?? null,
      vatNumber: row.identifiers.vatNumber ?? null,
      ipaCode: row.identifiers.ipaCode ?? null,
      orgNumber: row.identifiers.orgNumber ?? null,
      peppolId: row.identifiers.peppolId ?? null,
    },
    legalRepresentative: row.legalRepresentative,
    contact: { ...row.contact, language: row.contact.language as Language },
    letterText: row.letterText,
    documents: await documentsOf(db, row),
    statute: { version: row.statuteVersion, acceptedAt: row.statuteAcceptedAt.toISOString() },
    privacy: { version: row.privacyVersion, acceptedAt: row.privacyAcceptedAt.toISOString() },
    possibleDuplicates: await duplicatesOf(db, row.possibleDuplicates),
    completionRequest: row.completionRequest,
    readyAt: row.readyAt?.toISOString() ?? null,
    meeting: meeting ? { id: meeting.id, date: meeting.date, status: meeting.status } : null,
    decision: row.decision === "approve" || row.decision === "reject" ? row.decision : null,
    decisionReason: row.decisionReason,
    decidedOn: row.decidedOn,
    organisationId: row.organisationId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The application's fields as form values (text), for the applicant's completion form. */
export function formValuesOf(app: Application): Record<string, string> {
  const s = (v: string | number | null) => (v === null ? "" : String(v));
  return {
    language: app.language,
    name: app.name,
    country: app.country,
    type: app.type,
    officialCode: s(app.officialCode),
    nuts3: s(app.nuts3),
    inhabitants: s(app.inhabitants),
    employees: s(app.employees),
    annualBudget: s(app.annualBudget),
    website: s(app.website),
    street: s(app.street),
    postalCode: s(app.postalCode),
    city: s(app.city),
    priorities: app.priorities.join(","),
    ...Object.fromEntries(identifierFields.map((f) => [f, s(app.identifiers[f])])),
    legalName: app.legalRepresentative.name,
    legalJobTitle: s(app.legalRepresentative.jobTitle),
    legalEmail: app.legalRepresentative.email,
    legalPhone: s(app.legalRepresentative.phone),
    contactName: app.contact.name,
    contactJobTitle: s(app.contact.jobTitle),
    contactEmail: app.contact.email,
    contactPhone: s(app.contact.phone),
    contactLanguage: app.contact.language,
    letterText: s(app.letterText),
  };
}

// ---------------------------------------------------------------------------------------------
// Events and mail

async function recordStep(
  tx: DbOrTx,
  actor: Actor,
  row: Row,
  toStatus: ApplicationStatus,
  note: string | null,
  action: string,
  after: Record<string, unknown> = {},
): Promise<void> {
  await tx.insert(membershipApplicationEvents).values({
    applicationId: row.id,
    actorId: actorUserId(actor),
    fromStatus: action === "membership.submit" ? null : row.status,
    toStatus,
    note,
  });
  await recordAudit(tx, actor, {
    action,
    entityType: "membership_application",
    entityId: row.id,
    before: { status: row.status },
    after: { status: toStatus, reference: row.reference, ...(note ? { note } : {}), ...after },
  });
}

function privateLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/join/applications/${token}`;
}

async function mailApplicant(
  db: DbOrTx,
  row: Row,
  kind: string,
  key: string,
  values: Record<string, string> = {},
): Promise<void> {
  const language = (row.contact.language || row.language) as Language;
  const t = translator(language);
  const all = { name: row.contact.name, organisation: row.name, reference: row.reference, ...values };
  await sendMail(db, {
    kind,
    to: row.contact.email,
    language,
    subject: t(`membership:mail.${key}.subject`, all),
    text: t(`membership:mail.${key}.text`, all),
  });
}

// ---------------------------------------------------------------------------------------------
// Applying (public)

/** Existing organisations this application may duplicate: same country and official code, or a similar name. */
export async function findPossibleDuplicates(
  db: DbOrTx,
  facts: { name: string; country: string; officialCode: string | null; identifiers?: Identifiers },
): Promise<string[]> {
  const actor = system("membership");
  const found = new Set<string>();
  if (facts.identifiers) {
    for (const id of await organisationsWithIdentifiers(db, facts.country, facts.identifiers)) found.add(id);
  }
  if (facts.officialCode) {
    const byCode = await listOrganisations(db, actor, { q: facts.officialCode, country: facts.country, pageSize: 10 });
    for (const o of byCode.items)
      if (o.officialCode === facts.officialCode && o.country === facts.country) found.add(o.id);
  }
  const name = normalizeText(facts.name);
  const words = name.split(" ").filter((w) => w.length > 2);
  if (words.length > 0) {
    const byName = await listOrganisations(db, actor, { q: facts.name, pageSize: 10 });
    for (const o of byName.items) {
      const other = normalizeText(o.name);
      const otherWords = other.split(" ").filter((w) => w.length > 2);
      const contains = (a: string[], b: string[]) => a.length > 0 && a.every((w) => b.includes(w));
      if (other === name || contains(words, otherWords) || contains(otherWords, words)) found.add(o.id);
    }
  }
  return [...found];
}

async function nextReference(tx: DbOrTx, now: Date): Promise<string> {
  const shortName = await readSetting(tx, "network.shortName");
  const prefix = `${typeof shortName === "string" && shortName ? shortName : "SERN"}-${now.getUTCFullYear()}-`;
  // One reference at a time: the lock lasts until the transaction ends.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('membership_applications.reference'))`);
  const [last] = await tx
    .select({ reference: membershipApplications.reference })
    .from(membershipApplications)
    .where(sql`${membershipApplications.reference} like ${`${prefix}%`}`)
    .orderBy(desc(membershipApplications.reference))
    .limit(1);
  const n = last ? Number(last.reference.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(n).padStart(4, "0")}`;
}

export type Submitted = {
  id: string;
  reference: string;
  token: string;
  outcome: ApplicationOutcome;
  status: "submitted";
};

/**
 * The public application: checks every field (and the PDFs), decides member or partner, flags
 * possible duplicates, stores it with its private link (hashed) and mails the link to the
 * contact person in their language.
 */
export async function submitApplication(
  db: DbOrTx,
  input: { fields: Record<string, unknown>; letterFile?: Upload | null; signedForm?: Upload | null },
  options: { baseUrl: string; now?: Date },
): Promise<Submitted> {
  const now = options.now ?? new Date();
  const language = typeof input.fields.language === "string" ? input.fields.language : "en";
  const t = translator(language === "sv" || language === "it" ? language : "en");
  let data: ParsedApplicationFields | undefined;
  let problems: Record<string, FieldProblem> = {};
  try {
    data = parseFields(ApplicationFields, input.fields);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    problems = { ...e.fields };
  }
  Object.assign(problems, await checkUploads(input, t));
  let outcome: ApplicationOutcome | null = null;
  if (data) {
    const countries = await listCountries(db);
    outcome = eligibility(
      countries.find((c) => c.code === data?.country),
      data.type,
    );
    if (!outcome) problems.country = { key: "membership:errors.countryNotEligible" };
    const known = new Set((await listPriorities(db)).map((p) => p.code));
    if (data.priorities.some((p) => !known.has(p))) problems.priorities = { key: "errors:field.invalid" };
    Object.assign(problems, await identifierProblems(db, data.country, data.type, identifiersOf(data.country, data)));
  }
  if (!data || !outcome || Object.keys(problems).length > 0) {
    throw new AppError("validation", "errors:validation", problems);
  }
  const fields = data;
  const result = outcome;
  const identifiers = identifiersOf(fields.country, fields);
  const duplicates = await findPossibleDuplicates(db, {
    name: fields.name,
    country: fields.country,
    officialCode: fields.officialCode ?? null,
    identifiers,
  });
  const token = randomToken(32);
  const created = await db.transaction(async (tx) => {
    const reference = await nextReference(tx, now);
    const letterFileId = input.letterFile
      ? await storeUpload(tx, input.letterFile, input.letterFile.filename || `${reference}-letter.pdf`)
      : null;
    const signedFormFileId = input.signedForm
      ? await storeUpload(tx, input.signedForm, input.signedForm.filename || `${reference}-signed.pdf`)
      : null;
    const [row] = await tx
      .insert(membershipApplications)
      .values({
        reference,
        accessTokenHash: hashToken(token),
        status: "submitted",
        language: fields.language,
        outcome: result,
        name: fields.name,
        country: fields.country,
        type: fields.type,
        officialCode: fields.officialCode ?? null,
        nuts3: fields.nuts3 ?? null,
        inhabitants: fields.inhabitants ?? null,
        employees: fields.employees ?? null,
        budgetCents: fields.annualBudget == null ? null : Math.round(fields.annualBudget * 100),
        website: fields.website ?? null,
        street: fields.street ?? null,
        postalCode: fields.postalCode ?? null,
        city: fields.city ?? null,
        priorities: [...new Set(fields.priorities)],
        identifiers: givenIdentifiers(identifiers),
        legalRepresentative: {
          name: fields.legalName,
          jobTitle: fields.legalJobTitle ?? null,
          email: fields.legalEmail,
          phone: fields.legalPhone ?? null,
        },
        contact: {
          name: fields.contactName,
          jobTitle: fields.contactJobTitle ?? null,
          email: fields.contactEmail,
          phone: fields.contactPhone ?? null,
          language: fields.contactLanguage,
        },
        letterText: fields.letterText ?? null,
        letterFileId,
        signedFormFileId,
        statuteAcceptedAt: now,
        statuteVersion: STATUTE_VERSION,
        privacyAcceptedAt: now,
        privacyVersion: PRIVACY_VERSION,
        possibleDuplicates: duplicates,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new AppError("internal");
    await recordStep(tx, anonymous, { ...row, status: "submitted" }, "submitted", null, "membership.submit", {
      outcome: result,
      possibleDuplicates: duplicates,
    });
    await mailApplicant(tx, row, mailKinds.confirmation, "confirmation", { link: privateLink(options.baseUrl, token) });
    return row;
  });
  return { id: created.id, reference: created.reference, token, outcome: result, status: "submitted" };
}

// ---------------------------------------------------------------------------------------------
// The applicant's private link

async function rowByToken(db: DbOrTx, token: string, lock = false): Promise<Row> {
  if (!token || token.length > 200) throw new AppError("not_found", "membership:errors.unknownLink");
  const q = db
    .select()
    .from(membershipApplications)
    .where(eq(membershipApplications.accessTokenHash, hashToken(token)))
    .limit(1);
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw new AppError("not_found", "membership:errors.unknownLink");
  return row;
}

/** The application as its applicant sees it through the private link. */
export async function applicationByToken(db: DbOrTx, token: string): Promise<Application> {
  return toApplication(db, await rowByToken(db, token));
}

/** One of the application's documents, through the private link. */
export async function applicantFile(db: DbOrTx, token: string, fileId: string): Promise<StoredFile> {
  const row = await rowByToken(db, token);
  if (fileId !== row.letterFileId && fileId !== row.signedFormFileId) throw new AppError("not_found");
  return readFile(db, fileId);
}

/** The signed application form, uploaded through the private link (while the application is open). */
export async function uploadSignedForm(db: DbOrTx, token: string, upload: Upload | null): Promise<Application> {
  const row0 = await rowByToken(db, token);
  const t = translator(row0.language as Language);
  if (!upload) {
    throw new AppError("validation", "errors:validation", { signedForm: { key: "errors:field.required" } });
  }
  const problems = await checkUploads({ signedForm: upload }, t);
  if (Object.keys(problems).length > 0) throw new AppError("validation", "errors:validation", problems);
  return db.transaction(async (tx) => {
    const row = await rowByToken(tx, token, true);
    if (!["submitted", "incomplete", "ready_for_board"].includes(row.status)) throw wrongStatus(row.status);
    const fileId = await storeUpload(tx, upload, upload.filename || `${row.reference}-signed.pdf`);
    const [updated] = await tx
      .update(membershipApplications)
      .set({ signedFormFileId: fileId, version: row.version + 1, updatedAt: new Date() })
      .where(eq(membershipApplications.id, row.id))
      .returning();
    if (!updated) throw new AppError("internal");
    await tx.insert(membershipApplicationEvents).values({
      applicationId: row.id,
      fromStatus: row.status,
      toStatus: row.status,
      note: "signed form uploaded",
    });
    await recordAudit(tx, anonymous, {
      action: "membership.signed_form",
      entityType: "membership_application",
      entityId: row.id,
      after: { signedFormFileId: fileId },
    });
    return toApplication(tx, updated);
  });
}

/**
 * The applicant completes an application the secretariat asked about (status `incomplete`): the
 * fields given replace the old ones, a note and new documents may be added; it goes back to
 * `submitted` for the secretariat.
 */
export async function completeApplication(
  db: DbOrTx,
  token: string,
  input: { fields: Record<string, unknown>; letterFile?: Upload | null; signedForm?: Upload | null },
): Promise<Application> {
  const row0 = await rowByToken(db, token);
  const t = translator(row0.language as Language);
  let data: ReturnType<typeof CompletionFields.parse> | undefined;
  let problems: Record<string, FieldProblem> = {};
  try {
    data = parseFields(CompletionFields, input.fields);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    problems = { ...e.fields };
  }
  Object.assign(problems, await checkUploads(input, t));
  if (!data || Object.keys(problems).length > 0) throw new AppError("validation", "errors:validation", problems);
  const fields = data;
  return db.transaction(async (tx) => {
    const row = await rowByToken(tx, token, true);
    if (row.status !== "incomplete") throw wrongStatus(row.status);
    const set: Partial<typeof membershipApplications.$inferInsert> = {};
    const simple = [
      "name",
      "officialCode",
      "nuts3",
      "inhabitants",
      "employees",
      "website",
      "street",
      "postalCode",
      "city",
      "letterText",
    ] as const;
    for (const key of simple) {
      const value = fields[key];
      if (value !== undefined) Object.assign(set, { [key]: value });
    }
    if (fields.annualBudget !== undefined)
      set.budgetCents = fields.annualBudget === null ? null : Math.round(fields.annualBudget * 100);
    if (fields.priorities !== undefined) set.priorities = [...new Set(fields.priorities)];
    if (identifierFields.some((f) => fields[f] !== undefined)) {
      const merged = identifiersOf(row.country, { ...row.identifiers, ...fields });
      const problems = await identifierProblems(tx, row.country, row.type, merged);
      if (Object.keys(problems).length > 0) throw new AppError("validation", "errors:validation", problems);
      set.identifiers = givenIdentifiers(merged);
    }
    const legal = row.legalRepresentative;
    set.legalRepresentative = {
      name: fields.legalName ?? legal.name,
      jobTitle: fields.legalJobTitle !== undefined ? fields.legalJobTitle : legal.jobTitle,
      email: fields.legalEmail ?? legal.email,
      phone: fields.legalPhone !== undefined ? fields.legalPhone : legal.phone,
    };
    const contact = row.contact;
    set.contact = {
      name: fields.contactName ?? contact.name,
      jobTitle: fields.contactJobTitle !== undefined ? fields.contactJobTitle : contact.jobTitle,
      email: fields.contactEmail ?? contact.email,
      phone: fields.contactPhone !== undefined ? fields.contactPhone : contact.phone,
      language: fields.contactLanguage ?? contact.language,
    };
    if (input.letterFile) set.letterFileId = await storeUpload(tx, input.letterFile, input.letterFile.filename);
    if (input.signedForm) set.signedFormFileId = await storeUpload(tx, input.signedForm, input.signedForm.filename);
    const [updated] = await tx
      .update(membershipApplications)
      .set({ ...set, status: "submitted", version: row.version + 1, updatedAt: new Date() })
      .where(eq(membershipApplications.id, row.id))
      .returning();
    if (!updated) throw new AppError("internal");
    await recordStep(tx, anonymous, row, "submitted", fields.note ?? null, "membership.complete");
    return toApplication(tx, updated);
  });
}

/** The applicant withdraws their application (while it is open). */
export async function withdrawByApplicant(db: DbOrTx, token: string): Promise<Application> {
  return db.transaction(async (tx) => {
    const row = await rowByToken(tx, token, true);
    if (!canMove(row.status, "withdrawn")) throw wrongStatus(row.status);
    const updated = await setStatus(tx, row, "withdrawn", {});
    await recordStep(tx, anonymous, row, "withdrawn", null, "membership.withdraw");
    return toApplication(tx, updated);
  });
}

async function setStatus(
  tx: DbOrTx,
  row: Row,
  status: ApplicationStatus,
  set: Partial<typeof membershipApplications.$inferInsert>,
): Promise<Row> {
  const [updated] = await tx
    .update(membershipApplications)
    .set({ ...set, status, version: row.version + 1, updatedAt: new Date() })
    .where(and(eq(membershipApplications.id, row.id), eq(membershipApplications.version, row.version)))
    .returning();
  if (!updated) throw new AppError("precondition_failed");
  return updated;
}

// ---------------------------------------------------------------------------------------------
// The secretariat's review

async function rowById(db: DbOrTx, id: string, lock = false): Promise<Row> {
  if (!UUID.test(id)) throw new AppError("not_found");
  const q = db.select().from(membershipApplications).where(eq(membershipApplications.id, id)).limit(1);
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw new AppError("not_found");
  return row;
}

/** Applications, newest first, optionally of one status (secretariat, Board). */
export async function listApplications(
  db: DbOrTx,
  actor: Actor,
  rawQuery: Record<string, unknown> = {},
): Promise<{ items: ApplicationSummary[]; total: number }> {
  authorize(actor, canReadApplications(actor));
  const query = parseInput(ApplicationQuery, rawQuery);
  const rows = await db
    .select()
    .from(membershipApplications)
    .where(query.status ? eq(membershipApplications.status, query.status) : undefined)
    .orderBy(desc(membershipApplications.createdAt), desc(membershipApplications.reference))
    .limit(500);
  const meetingIds = [...new Set(rows.flatMap((r) => (r.meetingId ? [r.meetingId] : [])))];
  const meetings = new Map<string, Meeting>();
  for (const id of meetingIds) {
    const m = await getMeeting(db, id);
    if (m) meetings.set(id, m);
  }
  const items = rows.map((r) => {
    const m = r.meetingId ? meetings.get(r.meetingId) : undefined;
    return {
      id: r.id,
      reference: r.reference,
      status: r.status as ApplicationStatus,
      outcome: r.outcome as ApplicationOutcome,
      name: r.name,
      country: r.country,
      type: r.type,
      createdAt: r.createdAt.toISOString(),
      meeting: m ? { id: m.id, date: m.date, status: m.status } : null,
      duplicates: r.possibleDuplicates.length,
    };
  });
  return { items, total: items.length };
}

export type ApplicationHistoryEntry = {
  at: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
};

/** One application with its documents, duplicates and history (secretariat, Board). */
export async function getApplication(
  db: DbOrTx,
  actor: Actor,
  id: string,
): Promise<Application & { history: ApplicationHistoryEntry[] }> {
  authorize(actor, canReadApplications(actor));
  const row = await rowById(db, id);
  const events = await db
    .select()
    .from(membershipApplicationEvents)
    .where(eq(membershipApplicationEvents.applicationId, row.id))
    .orderBy(asc(membershipApplicationEvents.at), asc(membershipApplicationEvents.id));
  return {
    ...(await toApplication(db, row)),
    history: events.map((e) => ({
      at: e.at.toISOString(),
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      note: e.note,
    })),
  };
}

/** One of an application's documents (secretariat, Board). */
export async function applicationFile(db: DbOrTx, actor: Actor, id: string, fileId: string): Promise<StoredFile> {
  authorize(actor, canReadApplications(actor));
  const row = await rowById(db, id);
  if (fileId !== row.letterFileId && fileId !== row.signedFormFileId) throw new AppError("not_found");
  return readFile(db, fileId);
}

/** Asks the applicant to complete the application (→ `incomplete`); the message is mailed to them with the link. */
export async function requestCompletion(
  db: DbOrTx,
  actor: Actor,
  id: string,
  input: { message: string },
  options: { baseUrl: string },
): Promise<Application & { token: string }> {
  authorize(actor, canReviewApplications(actor));
  const { message } = parseInput(RequestCompletionInput, input);
  return db.transaction(async (tx) => {
    const row = await rowById(tx, id, true);
    if (!canMove(row.status, "incomplete")) throw wrongStatus(row.status);
    // Only the link's hash is kept, so the mail carries a new private link (the old one stops working).
    const token = randomToken(32);
    const updated = await setStatus(tx, row, "incomplete", {
      completionRequest: message,
      meetingId: null,
      readyAt: null,
      accessTokenHash: hashToken(token),
    });
    await recordStep(tx, actor, row, "incomplete", message, "membership.request_completion");
    await mailApplicant(tx, row, mailKinds.completion, "completion", {
      message,
      link: privateLink(options.baseUrl, token),
    });
    return { ...(await toApplication(tx, updated)), token };
  });
}

/**
 * The application is complete and goes to the Board (→ `ready_for_board`): on the agenda of the
 * first planned Board meeting at least `membership.leadDays` days (default 14) after today.
 * It needs the signed application form.
 */
export async function markReady(
  db: DbOrTx,
  actor: Actor,
  id: string,
  options: { now?: Date } = {},
): Promise<Application> {
  authorize(actor, canReviewApplications(actor));
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const row = await rowById(tx, id, true);
    if (!canMove(row.status, "ready_for_board")) throw wrongStatus(row.status);
    if (!row.signedFormFileId) {
      throw new AppError("conflict", "membership:errors.signedFormMissing", {
        signedForm: { key: "membership:errors.signedFormMissing" },
      });
    }
    const meeting = await nextMeetingFor(tx, now, await leadDays(tx));
    const updated = await setStatus(tx, row, "ready_for_board", { readyAt: now, meetingId: meeting.id });
    await recordStep(tx, actor, row, "ready_for_board", meeting.date, "membership.ready", { meeting: meeting.date });
    return toApplication(tx, updated);
  });
}

/**
 * After the secretariat cancels or moves a Board meeting: the applications on its agenda go to
 * the meeting that now fits — the first planned one at least the lead days after they became
 * ready, and not in the past. Returns how many moved.
 */
export async function reassignAgenda(
  db: DbOrTx,
  actor: Actor,
  meetingId: string,
  options: { now?: Date } = {},
): Promise<number> {
  authorize(actor, canReviewApplications(actor));
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    if (!(await getMeeting(tx, meetingId))) return 0;
    const rows = await tx
      .select()
      .from(membershipApplications)
      .where(and(eq(membershipApplications.meetingId, meetingId), eq(membershipApplications.status, "ready_for_board")))
      .for("update");
    const lead = await leadDays(tx);
    let moved = 0;
    for (const row of rows) {
      const readyAt = row.readyAt ?? now;
      const notBefore = new Date(now.getTime() - lead * 86_400_000);
      const target = await nextMeetingFor(tx, readyAt > notBefore ? readyAt : notBefore, lead);
      if (target.id === row.meetingId) continue;
      await tx
        .update(membershipApplications)
        .set({ meetingId: target.id, version: row.version + 1, updatedAt: new Date() })
        .where(eq(membershipApplications.id, row.id));
      await recordStep(tx, actor, row, "ready_for_board", target.date, "membership.reassign", { meeting: target.date });
      moved++;
    }
    return moved;
  });
}

/** The secretariat closes an application before the Board: rejected (e.g. not eligible) or withdrawn (on request). */
export async function closeApplication(
  db: DbOrTx,
  actor: Actor,
  id: string,
  to: "rejected" | "withdrawn",
  input: { reason?: string | null },
): Promise<Application> {
  authorize(actor, canReviewApplications(actor));
  const { reason } = parseInput(ReasonInput, input);
  return db.transaction(async (tx) => {
    const row = await rowById(tx, id, true);
    if (!canMove(row.status, to)) throw wrongStatus(row.status);
    const updated = await setStatus(tx, row, to, to === "rejected" ? { decisionReason: reason ?? null } : {});
    await recordStep(tx, actor, row, to, reason ?? null, `membership.${to === "rejected" ? "reject" : "withdraw"}`);
    await mailApplicant(tx, row, mailKinds.closed, to, { reason: reason ?? "" });
    return toApplication(tx, updated);
  });
}

// ---------------------------------------------------------------------------------------------
// The Board

async function chairEmail(db: DbOrTx): Promise<string | null> {
  const value = await readSetting(db, "board.chairEmail");
  return typeof value === "string" && value.trim() ? value : null;
}

/** Whether the actor may record decisions (for the pages). */
export async function mayRecordDecision(db: DbOrTx, actor: Actor): Promise<boolean> {
  return canRecordDecision(actor, await chairEmail(db));
}

/**
 * The Board's agenda: its next planned meeting (today or later, or the one asked for) with the
 * applications on it, each with every document.
 */
export async function boardAgenda(
  db: DbOrTx,
  actor: Actor,
  options: { meetingId?: string; today?: string } = {},
): Promise<{ meeting: Meeting | null; applications: Application[] }> {
  authorize(actor, canReadApplications(actor));
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const meeting = options.meetingId ? await getMeeting(db, options.meetingId) : await upcomingMeeting(db, today);
  if (!meeting) return { meeting: null, applications: [] };
  const rows = await db
    .select()
    .from(membershipApplications)
    .where(
      and(
        eq(membershipApplications.meetingId, meeting.id),
        inArray(membershipApplications.status, ["ready_for_board", "approved", "rejected"]),
      ),
    )
    .orderBy(asc(membershipApplications.readyAt), asc(membershipApplications.reference));
  const applications: Application[] = [];
  for (const r of rows) applications.push(await toApplication(db, r));
  return { meeting, applications };
}

export type DecisionResult = Application & {
  invoice: { id: string; number: string } | null;
  invitations: { email: string; status: string }[];
};

/**
 * Enters the Board's decision on an application in the register of decisions (numbered per year,
 * governance domain), written in the language of the meeting that decided it, so the meeting's
 * agenda and minutes show its number.
 */
async function registerBoardDecision(
  tx: DbOrTx,
  actor: Actor,
  row: Row,
  decision: "member" | "partner" | "rejected",
  decidedOn: string,
  meetingId: string | null,
): Promise<void> {
  const language = meetingId ? await meetingLanguage(tx, meetingId) : "en";
  const t = translator(language);
  await recordDecisionInRegister(tx, actor, {
    bodyCode: "board",
    meetingId,
    decidedOn,
    applicationId: row.id,
    text: t(`membership:register.${decision}`, {
      name: row.name,
      reference: row.reference,
      date: formatDate(language, decidedOn),
    }),
  });
}

/**
 * Records the Board's decision. Approval does, in one transaction: the organisation becomes a
 * member (or partner) from the decision date — a new one, or the flagged existing one the
 * secretariat names — with its legal representative and contact person; the contact person gets
 * an account and an invitation in their language to set a password; a member's first invoice is
 * issued (invoicing domain). The applicant is told the outcome in their language.
 */
export async function recordDecision(
  db: DbOrTx,
  actor: Actor,
  id: string,
  input: DecisionInput | Record<string, unknown>,
  options: { baseUrl: string },
): Promise<DecisionResult> {
  const chair = await chairEmail(db);
  authorize(actor, canRecordDecision(actor, chair));
  const data = parseInput(DecisionInput, input);
  if (data.decision === "reject" && !data.reason) {
    throw new AppError("validation", "errors:validation", { reason: { key: "errors:field.required" } });
  }
  // The directory and accounts act for the secretariat; a chair's decision acts as the system on its behalf.
  const orgActor: Actor = canReviewApplications(actor) ? actor : system(`board-chair:${actorLabel(actor)}`);
  return db.transaction(async (tx) => {
    const row = await rowById(tx, id, true);
    if (row.status !== "ready_for_board") throw wrongStatus(row.status);
    const meetingId = data.meetingId ?? row.meetingId;
    if (meetingId && !(await getMeeting(tx, meetingId))) {
      throw new AppError("validation", "errors:validation", { meetingId: { key: "errors:not_found" } });
    }
    const common = {
      decision: data.decision,
      decisionReason: data.reason ?? null,
      decidedOn: data.decidedOn,
      decidedBy: actorUserId(actor),
      meetingId: meetingId ?? null,
    };
    if (data.decision === "reject") {
      await registerBoardDecision(tx, actor, row, "rejected", data.decidedOn, meetingId ?? null);
      const updated = await setStatus(tx, row, "rejected", common);
      await recordStep(tx, actor, row, "rejected", data.reason ?? null, "membership.decision", common);
      await mailApplicant(tx, row, mailKinds.decision, "rejected", { reason: data.reason ?? "" });
      return { ...(await toApplication(tx, updated)), invoice: null, invitations: [] };
    }

    const status = row.outcome === "member" ? "member" : "partner";
    let organisationId: string;
    if (data.organisationId) {
      // The application fills in what the directory does not know yet (the fee needs the figures).
      const current = await getOrganisation(tx, orgActor, data.organisationId);
      const org = await updateOrganisation(
        tx,
        orgActor,
        current.id,
        {
          status,
          memberSince: data.decidedOn,
          ...(current.inhabitants === null && row.inhabitants !== null ? { inhabitants: row.inhabitants } : {}),
          ...(current.employees === null && row.employees !== null ? { employees: row.employees } : {}),
          ...(current.annualBudget === null && row.budgetCents !== null ? { annualBudget: row.budgetCents / 100 } : {}),
          // Identifiers the directory lacks come from the application; known ones are kept.
          ...Object.fromEntries(
            identifierFields
              .filter((f) => current[f] === null && row.identifiers[f])
              .map((f) => [f, row.identifiers[f]]),
          ),
        },
        undefined,
      );
      organisationId = org.id;
    } else {
      const org = await createOrganisation(tx, orgActor, {
        name: row.name,
        country: row.country,
        type: row.type as Parameters<typeof createOrganisation>[2]["type"],
        officialCode: row.officialCode,
        nuts3: row.nuts3,
        inhabitants: row.inhabitants,
        employees: row.employees,
        annualBudget: row.budgetCents === null ? null : row.budgetCents / 100,
        website: row.website,
        street: row.street,
        postalCode: row.postalCode,
        city: row.city,
        priorities: row.priorities,
        ...row.identifiers,
        status,
        memberSince: data.decidedOn,
      });
      organisationId = org.id;
    }

    const legal = row.legalRepresentative;
    const person = row.contact;
    const samePerson = legal.email.trim().toLowerCase() === person.email.trim().toLowerCase();
    const contactLanguage = person.language as Language;
    const contact = await createContact(tx, orgActor, organisationId, {
      name: person.name,
      jobTitle: person.jobTitle,
      email: person.email,
      phone: person.phone,
      preferredLanguage: contactLanguage,
      primaryContact: true,
      legalRepresentative: samePerson,
    });
    if (!samePerson) {
      await createContact(tx, orgActor, organisationId, {
        name: legal.name,
        jobTitle: legal.jobTitle,
        email: legal.email,
        phone: legal.phone,
        preferredLanguage: row.language as Language,
        legalRepresentative: true,
      });
    }
    const invitations: { email: string; status: string }[] = [];
    if (!(await findUserByEmail(tx, person.email))) {
      const user = await createUser(
        tx,
        orgActor,
        {
          email: person.email,
          name: person.name,
          role: status === "member" ? "member_contact" : "partner",
          organisationId,
          contactId: contact.id,
          language: contactLanguage,
        },
        { inviteBaseUrl: options.baseUrl },
      );
      invitations.push({ email: user.email, status: user.invitation ?? "none" });
    }
    const invoice = status === "member" ? await createFirstInvoice(tx, orgActor, organisationId, data.decidedOn) : null;
    await registerBoardDecision(tx, actor, row, status, data.decidedOn, meetingId ?? null);
    const updated = await setStatus(tx, row, "approved", { ...common, organisationId });
    await recordStep(tx, actor, row, "approved", data.reason ?? null, "membership.decision", {
      ...common,
      organisationId,
      invoice: invoice?.number ?? null,
    });
    await mailApplicant(tx, row, mailKinds.decision, status === "member" ? "approvedMember" : "approvedPartner", {
      date: data.decidedOn,
    });
    return { ...(await toApplication(tx, updated)), invoice, invitations };
  });
}
