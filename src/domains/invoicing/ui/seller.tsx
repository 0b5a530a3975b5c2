/**
 * The network's own details as the seller of every invoice and e-invoice (/invoices/seller, the
 * secretariat): name and address, partita IVA and codice fiscale, Peppol ID, bank account,
 * FatturaPA tax regime. Until they are saved here, invoices carry the placeholder defaults and the
 * page says so. Plain form: posts and redirects.
 */
import { data, Form, Link, redirect } from "react-router";
import { requirePageAccess } from "~/auth/page";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { canManageInvoices } from "../policy";
import { getSellerSettings, type SellerSettings, setSeller } from "../seller";
import type { Route } from "./+types/seller";
import { formProblem, noticeFrom } from "./page.server";

const fields = [
  "name",
  "street",
  "postalCode",
  "city",
  "country",
  "vatNumber",
  "taxCode",
  "peppolId",
  "email",
  "iban",
  "bic",
  "bankName",
  "regimeFiscale",
] as const;
type FieldName = (typeof fields)[number];

const valuesOf = (s: SellerSettings): Record<FieldName, string> =>
  Object.fromEntries(fields.map((f) => [f, s[f] ?? ""])) as Record<FieldName, string>;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, actor } = context;
  requirePageAccess(context, request, canManageInvoices(actor));
  const seller = await getSellerSettings(database.db);
  return { values: valuesOf(seller), placeholder: seller.placeholder, notice: noticeFrom(request, ["saved"] as const) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  requirePageAccess(context, request, canManageInvoices(actor));
  const form = await request.formData();
  const values = Object.fromEntries(fields.map((f) => [f, String(form.get(f) ?? "").trim()])) as Record<
    FieldName,
    string
  >;
  try {
    // Saved by the secretariat, the details are the network's own: no longer the placeholders.
    await setSeller(database.db, actor, { ...values, placeholder: false });
  } catch (e) {
    return data({ values, problem: formProblem(e, t, request, actor) }, { status: 422 });
  }
  return redirect("/invoices/seller?notice=saved");
}

export default function SellerPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT();
  const values = actionData?.values ?? loaderData.values;
  const errors = actionData?.problem.fields ?? {};
  const label = (f: FieldName) => t(`invoicing:seller.fields.${f}`);
  const title = t("invoicing:seller.title");
  return (
    <>
      <title>{`${title} · ${t("appName")}`}</title>
      <p className="breadcrumb">
        <Link to="/invoices">{t("invoicing:ui.back")}</Link>
      </p>
      <h1>{title}</h1>
      <p>{t("invoicing:seller.intro")}</p>
      {loaderData.notice ? (
        <p className="notice" role="status">
          {t("invoicing:seller.saved")}
        </p>
      ) : null}
      {loaderData.placeholder ? <p className="warning">{t("invoicing:seller.placeholder")}</p> : null}
      <Form method="post" className="stacked" noValidate>
        {actionData ? (
          <ErrorSummary
            message={actionData.problem.message}
            fields={Object.fromEntries(
              Object.entries(errors).map(([k, m]) => [
                k,
                `${fields.includes(k as FieldName) ? label(k as FieldName) : k}: ${m}`,
              ]),
            )}
          />
        ) : null}
        <CsrfField />
        {fields.map((f) => (
          <Field
            key={f}
            name={f}
            label={label(f)}
            error={errors[f]}
            {...(f === "peppolId" || f === "regimeFiscale" || f === "vatNumber"
              ? { hint: t(`invoicing:seller.hints.${f}`) }
              : {})}
          >
            {(props) => (
              <input
                {...props}
                name={f}
                type={f === "email" ? "email" : "text"}
                defaultValue={values[f]}
                autoComplete="off"
                {...(["name", "street", "postalCode", "city", "country"].includes(f) ? { "aria-required": true } : {})}
              />
            )}
          </Field>
        ))}
        <div className="form-buttons">
          <button type="submit" className="primary">
            {t("invoicing:seller.save")}
          </button>
        </div>
      </Form>
    </>
  );
}
