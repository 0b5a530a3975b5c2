import { data, Form, Link, redirect, useNavigation } from "react-router";
import { requirePageAccess } from "~/auth/page";
import type { LocalizedText } from "~/db/columns";
import { formatMoney, isLanguage } from "~/i18n/i18n";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { registerPayment } from "../payments";
import { canManageInvoices } from "../policy";
import { parseAmountCents, today } from "../rules";
import { cancelInvoice, completeBuyerIdentifiers, eInvoiceGaps, getInvoice, getInvoiceRow } from "../service";
import type { Route } from "./+types/detail";
import { type FormProblem, formProblem, noticeFrom, pageError } from "./page.server";

const notices = ["paymentSaved", "cancelled", "identifiersAdded", "identifiersNone"] as const;

/** The e-invoice a buyer receives, as the API serves it (`?format=`). */
const apiFormat = { peppol: "ubl", "fatturapa-fpa12": "fatturapa", "fatturapa-fpr12": "fatturapa" } as const;

/** The parts of the recorded fee rule the page shows (the snapshot is free-form JSON). */
type RuleShown = {
  code: string | null;
  label: string | null;
  detail: string | null;
  scheduleYear: number | null;
  fullAmountCents: number | null;
  proRata: { from: string; months: number } | null;
  clamped: "min" | "max" | null;
  cancellationReason: string | null;
};

function ruleShown(rule: Record<string, unknown>, language: string): RuleShown {
  const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : null);
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  const localized = (v: unknown) =>
    v && typeof v === "object" && isLanguage(language) ? text((v as Partial<LocalizedText>)[language]) : null;
  const pro = rule.proRata as { from?: unknown; months?: unknown } | null | undefined;
  return {
    code: text(rule.code),
    label: localized(rule.label) ?? null,
    detail: localized(rule.details) ?? text(rule.detail),
    scheduleYear: num(rule.scheduleYear),
    fullAmountCents: num(rule.fullAmountCents),
    proRata:
      pro && typeof pro.from === "string" && typeof pro.months === "number"
        ? { from: pro.from, months: pro.months }
        : null,
    clamped: rule.clamped === "min" || rule.clamped === "max" ? rule.clamped : null,
    cancellationReason: text(rule.cancellationReason),
  };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { database, actor, language } = context;
  const invoice = await getInvoice(database.db, actor, params.id).catch((e) => pageError(e, request, actor));
  const related = async (id: string | null) =>
    id ? { id, number: (await getInvoiceRow(database.db, actor, id)).number } : null;
  const [creditNote, credited] = await Promise.all([related(invoice.creditNoteId), related(invoice.creditedInvoiceId)]);
  const format = invoice.eInvoiceFormat === "pdf-only" ? null : invoice.eInvoiceFormat;
  // An e-invoice that cannot be written yet is explained (what is missing), not offered as a failing link.
  const gaps = format ? await eInvoiceGaps(database.db, await getInvoiceRow(database.db, actor, invoice.id)) : [];
  return {
    invoice: {
      id: invoice.id,
      kind: invoice.kind,
      number: invoice.number,
      organisationId: invoice.organisationId,
      buyer: invoice.buyer,
      feeYear: invoice.feeYear,
      status: invoice.status,
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      currency: invoice.currency,
      amountCents: invoice.amountCents,
      paidCents: invoice.paidCents,
      outstandingCents:
        invoice.kind === "invoice" && invoice.status !== "cancelled"
          ? Math.max(invoice.amountCents - invoice.paidCents, 0)
          : 0,
      description: invoice.description,
      language: invoice.language,
      payments: invoice.payments,
      reminders: invoice.reminders,
    },
    rule: ruleShown(invoice.rule, language),
    creditNote,
    credited,
    pdfHref: `/api/v1/invoices/${invoice.id}?format=pdf`,
    eInvoice: format
      ? {
          format,
          href: `/api/v1/invoices/${invoice.id}?format=${apiFormat[format]}`,
          missing: gaps.map((gap) => {
            const [party = "", field = ""] = gap.split(".");
            return { party: party === "seller" ? ("seller" as const) : ("buyer" as const), field };
          }),
        }
      : null,
    canManage: canManageInvoices(actor),
    notice: noticeFrom(request, notices),
    today: today(),
  };
}

type PaymentValues = { amount: string; paidOn: string; reference: string; note: string };
type CancelValues = { reason: string; confirm: boolean };
type ActionResult =
  | { intent: "payment"; values: PaymentValues; problem: FormProblem }
  | { intent: "cancel"; values: CancelValues; problem: FormProblem };

/** Registers a payment (`intent=payment`) or cancels the invoice with a credit note (`intent=cancel`, confirmed). */
export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  requirePageAccess(context, request, canManageInvoices(actor));
  const form = await request.formData();
  const intent = form.get("intent");
  const text = (name: string) => String(form.get(name) ?? "").trim();

  if (intent === "payment") {
    const values: PaymentValues = {
      amount: text("amount"),
      paidOn: text("paidOn"),
      reference: text("reference"),
      note: text("note"),
    };
    const fields: Record<string, string> = {};
    const amountCents = parseAmountCents(values.amount);
    if (values.amount === "") fields.amount = t("errors:field.required");
    else if (amountCents === null || amountCents <= 0) fields.amount = t("invoicing:ui.amountInvalid");
    if (values.paidOn === "") fields.paidOn = t("errors:field.required");
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(values.paidOn) || Number.isNaN(Date.parse(`${values.paidOn}T00:00:00Z`)))
      fields.paidOn = t("errors:field.invalidDate");
    const fail = (problem: FormProblem) => data<ActionResult>({ intent: "payment", values, problem }, { status: 422 });
    if (Object.keys(fields).length > 0 || amountCents === null)
      return fail({ message: t("invoicing:ui.paymentFailed"), fields });
    try {
      await registerPayment(database.db, actor, params.id, {
        amountCents,
        paidOn: values.paidOn,
        ...(values.reference ? { reference: values.reference } : {}),
        ...(values.note ? { note: values.note } : {}),
      });
    } catch (e) {
      const problem = formProblem(e, t, request, actor, (p) => (p === "amountCents" ? "amount" : p));
      return fail({ ...problem, message: `${t("invoicing:ui.paymentFailed")} ${problem.message}` });
    }
    return redirect(`/invoices/${params.id}?notice=paymentSaved`);
  }

  if (intent === "completeBuyer") {
    const added = await completeBuyerIdentifiers(database.db, actor, params.id).catch((e) =>
      pageError(e, request, actor),
    );
    return redirect(`/invoices/${params.id}?notice=${added.length > 0 ? "identifiersAdded" : "identifiersNone"}`);
  }

  if (intent === "cancel") {
    const values: CancelValues = { reason: text("reason"), confirm: form.get("confirm") === "yes" };
    const fields: Record<string, string> = {};
    if (values.reason === "") fields.reason = t("errors:field.required");
    else if (values.reason.length > 500) fields.reason = t("errors:field.tooLong", { max: 500 });
    if (!values.confirm) fields.confirm = t("invoicing:ui.cancelConfirmRequired");
    const fail = (problem: FormProblem) => data<ActionResult>({ intent: "cancel", values, problem }, { status: 422 });
    if (Object.keys(fields).length > 0) return fail({ message: t("invoicing:ui.cancelFailed"), fields });
    try {
      await cancelInvoice(database.db, actor, params.id, { reason: values.reason });
    } catch (e) {
      const problem = formProblem(e, t, request, actor);
      return fail({ ...problem, message: `${t("invoicing:ui.cancelFailed")} ${problem.message}` });
    }
    return redirect(`/invoices/${params.id}?notice=cancelled`);
  }
  throw data(null, { status: 400 });
}

export default function InvoicePage({ loaderData, actionData }: Route.ComponentProps) {
  const { invoice: i, rule, creditNote, credited, pdfHref, eInvoice, canManage, notice, today } = loaderData;
  const { t, d, language } = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const m = (cents: number) => formatMoney(language, cents, i.currency);
  const number = i.number ?? t("invoicing:ui.noNumber");
  const title = t("invoicing:ui.detailTitle", { kind: t(`invoicing:kind.${i.kind}`), number });
  const payment = actionData?.intent === "payment" ? actionData : null;
  const cancel = actionData?.intent === "cancel" ? actionData : null;
  const open = i.kind === "invoice" && i.status !== "cancelled";

  return (
    <>
      <title>{`${title} · ${t("appName")}`}</title>
      <p className="breadcrumb">
        <Link to="/invoices">{t("invoicing:ui.back")}</Link>
      </p>
      <h1>{title}</h1>

      {notice ? (
        <div className="notice" role="status">
          <p>
            {notice === "cancelled"
              ? t("invoicing:ui.cancelled", { number: creditNote?.number ?? "" })
              : notice === "paymentSaved"
                ? t("invoicing:ui.paymentSaved")
                : t(`invoicing:ui.${notice}`)}
          </p>
        </div>
      ) : null}

      <dl className="details">
        <dt>{t("invoicing:ui.number")}</dt>
        <dd>{number}</dd>
        <dt>{t("invoicing:ui.organisation")}</dt>
        <dd>
          <Link to={`/organisations/${i.organisationId}`}>
            {t("invoicing:ui.openOrganisation", { name: i.buyer.name })}
          </Link>
        </dd>
        <dt>{t("invoicing:ui.feeYear")}</dt>
        <dd>{i.feeYear}</dd>
        <dt>{t("invoicing:ui.status")}</dt>
        <dd>{t(`invoicing:status.${i.status}`)}</dd>
        <dt>{t("invoicing:ui.issueDate")}</dt>
        <dd>{i.issueDate ? d(i.issueDate) : ""}</dd>
        {i.kind === "invoice" && i.dueDate ? (
          <>
            <dt>{t("invoicing:ui.dueDate")}</dt>
            <dd>{d(i.dueDate)}</dd>
          </>
        ) : null}
        <dt>{t("invoicing:pdf.line")}</dt>
        <dd>{i.description}</dd>
        <dt>{t("invoicing:ui.invoiceLanguage")}</dt>
        <dd>{t(`languages.${i.language}`)}</dd>
        {credited ? (
          <>
            <dt>{t("invoicing:ui.creditedInvoice")}</dt>
            <dd>
              <Link to={`/invoices/${credited.id}`}>{credited.number ?? t("invoicing:ui.noNumber")}</Link>
            </dd>
          </>
        ) : null}
        {creditNote ? (
          <>
            <dt>{t("invoicing:ui.creditNote")}</dt>
            <dd>
              <Link to={`/invoices/${creditNote.id}`}>
                {t("invoicing:ui.creditNoteOf", { number: creditNote.number ?? "" })}
              </Link>
            </dd>
          </>
        ) : null}
        {rule.cancellationReason && i.kind === "credit_note" ? (
          <>
            <dt>{t("invoicing:ui.cancellationReason")}</dt>
            <dd>{rule.cancellationReason}</dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="amounts-heading">
        <h2 id="amounts-heading">{t("invoicing:ui.state")}</h2>
        <dl className="details">
          <dt>{t("invoicing:ui.amount")}</dt>
          <dd>{m(i.amountCents)}</dd>
          {i.kind === "invoice" ? (
            <>
              <dt>{t("invoicing:ui.paid")}</dt>
              <dd>{m(i.paidCents)}</dd>
              <dt>{t("invoicing:ui.outstanding")}</dt>
              <dd>{m(i.outstandingCents)}</dd>
            </>
          ) : null}
          <dt>{t("invoicing:ui.rule")}</dt>
          <dd>
            {[rule.label, rule.detail].filter(Boolean).join(": ") || rule.code || ""}
            {rule.code ? (
              <>
                {" "}
                (<code>{rule.code}</code>)
              </>
            ) : null}
            {rule.scheduleYear ? (
              <>
                <br />
                {t("invoicing:ui.ruleScheduleYear", { year: rule.scheduleYear })}
              </>
            ) : null}
            {rule.proRata && rule.fullAmountCents !== null ? (
              <>
                <br />
                {t("invoicing:ui.ruleFullAmount", { amount: m(rule.fullAmountCents) })}
                <br />
                {t("invoicing:ui.ruleProRata", { months: rule.proRata.months, from: d(rule.proRata.from) })}
              </>
            ) : null}
            {rule.clamped ? (
              <>
                <br />
                {t(`invoicing:ui.ruleClamped.${rule.clamped}`)}
              </>
            ) : null}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="documents-heading">
        <h2 id="documents-heading">{t("invoicing:ui.documents")}</h2>
        <ul className="actions">
          <li>
            <a className="button secondary" href={pdfHref}>
              {t("invoicing:ui.pdf")}
            </a>
          </li>
          {eInvoice && eInvoice.missing.length === 0 ? (
            <li>
              <a className="button secondary" href={eInvoice.href} download>
                {t("invoicing:ui.eInvoice", { format: t(`invoicing:ui.formats.${eInvoice.format}`) })}
              </a>
            </li>
          ) : null}
        </ul>
        {eInvoice ? null : <p className="hint">{t("invoicing:ui.noEInvoice")}</p>}
        {eInvoice && eInvoice.missing.length > 0 ? (
          <div className="warning" id="einvoice-missing">
            <p>{t("invoicing:ui.eInvoiceMissing", { format: t(`invoicing:ui.formats.${eInvoice.format}`) })}</p>
            <ul>
              {eInvoice.missing.map((m) => (
                <li key={`${m.party}.${m.field}`}>
                  {t(`invoicing:ui.party.${m.party}`)}: {t(`organisations:fields.${m.field}`)}
                </li>
              ))}
            </ul>
            {eInvoice.missing.some((m) => m.party === "buyer") ? (
              <>
                <p>{t("invoicing:ui.eInvoiceMissingBuyer")}</p>
                {canManage ? (
                  <Form method="post">
                    <CsrfField />
                    <button type="submit" name="intent" value="completeBuyer" className="secondary">
                      {t("invoicing:ui.completeBuyer")}
                    </button>
                  </Form>
                ) : null}
              </>
            ) : null}
            {eInvoice.missing.some((m) => m.party === "seller") ? (
              <p>{t("invoicing:ui.eInvoiceMissingSeller")}</p>
            ) : null}
          </div>
        ) : null}
      </section>

      {i.kind === "invoice" ? (
        <section aria-labelledby="payments-heading">
          <h2 id="payments-heading">{t("invoicing:ui.payments")}</h2>
          {i.payments.length === 0 ? (
            <p>{t("invoicing:ui.noPayments")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t("invoicing:ui.payments")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("invoicing:ui.paidOn")}</th>
                    <th scope="col" className="number">
                      {t("invoicing:ui.amount")}
                    </th>
                    <th scope="col">{t("invoicing:ui.reference")}</th>
                    <th scope="col">{t("invoicing:ui.note")}</th>
                  </tr>
                </thead>
                <tbody>
                  {i.payments.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">{d(p.paidOn)}</th>
                      <td className="number">{m(p.amountCents)}</td>
                      <td>
                        {p.reference && !p.reference.startsWith("sha256:") ? `${p.reference} · ` : ""}
                        {t(`invoicing:ui.source.${p.source}`)}
                      </td>
                      <td>{p.note ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {i.reminders.length > 0 ? (
            <>
              <h3>{t("invoicing:ui.reminders")}</h3>
              <ul>
                {i.reminders.map((r) => (
                  <li key={r.level}>
                    {t("invoicing:ui.reminderLevel", { level: r.level })}: {d(r.sentAt)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      {canManage && i.kind === "invoice" ? (
        <section aria-labelledby="register-heading">
          <h2 id="register-heading">{t("invoicing:ui.registerPayment")}</h2>
          {open ? (
            <>
              <ErrorSummary message={payment?.problem.message} fields={payment?.problem.fields ?? {}} />
              <Form method="post" noValidate>
                <CsrfField />
                <input type="hidden" name="intent" value="payment" />
                <Field
                  name="amount"
                  label={t("invoicing:ui.amountEuro")}
                  hint={t("invoicing:ui.amountHint")}
                  error={payment?.problem.fields.amount}
                >
                  {(props) => (
                    <input
                      {...props}
                      name="amount"
                      inputMode="decimal"
                      size={12}
                      defaultValue={payment?.values.amount ?? ""}
                    />
                  )}
                </Field>
                <Field
                  name="paidOn"
                  label={t("invoicing:ui.paidOn")}
                  hint={t("invoicing:ui.paidOnHint")}
                  error={payment?.problem.fields.paidOn}
                >
                  {(props) => (
                    <input {...props} type="date" name="paidOn" defaultValue={payment?.values.paidOn ?? today} />
                  )}
                </Field>
                <Field name="reference" label={t("invoicing:ui.reference")} error={payment?.problem.fields.reference}>
                  {(props) => (
                    <input {...props} name="reference" maxLength={200} defaultValue={payment?.values.reference ?? ""} />
                  )}
                </Field>
                <Field name="note" label={t("invoicing:ui.note")} error={payment?.problem.fields.note}>
                  {(props) => (
                    <textarea
                      {...props}
                      name="note"
                      rows={2}
                      maxLength={1000}
                      defaultValue={payment?.values.note ?? ""}
                    />
                  )}
                </Field>
                <div className="form-buttons">
                  <button type="submit" disabled={busy}>
                    {t("invoicing:ui.save")}
                  </button>
                </div>
              </Form>
            </>
          ) : (
            <p>{t("invoicing:ui.noPaymentsPossible")}</p>
          )}
        </section>
      ) : null}

      {canManage && open ? (
        <section aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">{t("invoicing:ui.cancelTitle")}</h2>
          {i.paidCents > 0 ? (
            <p>{t("invoicing:ui.cancelNotPossible")}</p>
          ) : (
            <>
              <p>{t("invoicing:ui.cancelHint")}</p>
              <ErrorSummary message={cancel?.problem.message} fields={cancel?.problem.fields ?? {}} />
              <Form method="post" noValidate>
                <CsrfField />
                <input type="hidden" name="intent" value="cancel" />
                <Field name="reason" label={t("invoicing:ui.reason")} error={cancel?.problem.fields.reason}>
                  {(props) => (
                    <textarea
                      {...props}
                      name="reason"
                      rows={2}
                      maxLength={500}
                      defaultValue={cancel?.values.reason ?? ""}
                    />
                  )}
                </Field>
                <div className={cancel?.problem.fields.confirm ? "field field-error" : "field"}>
                  <input
                    id="field-confirm"
                    type="checkbox"
                    name="confirm"
                    value="yes"
                    defaultChecked={cancel?.values.confirm ?? false}
                    {...(cancel?.problem.fields.confirm
                      ? { "aria-invalid": true, "aria-describedby": "field-confirm-error" }
                      : {})}
                  />{" "}
                  <label htmlFor="field-confirm">{t("invoicing:ui.cancelConfirm")}</label>
                  {cancel?.problem.fields.confirm ? (
                    <p className="error" id="field-confirm-error">
                      {cancel.problem.fields.confirm}
                    </p>
                  ) : null}
                </div>
                <div className="form-buttons">
                  <button type="submit" className="danger" disabled={busy}>
                    {t("invoicing:ui.cancel")}
                  </button>
                </div>
              </Form>
            </>
          )}
        </section>
      ) : null}
    </>
  );
}
