import { data, Form, useLoaderData } from "react-router";
import { requirePageAccess } from "~/auth/page";
import { AppError } from "~/errors/app-error";
import { formatDateTime, i18nFor, type Language } from "~/i18n/i18n";
import { ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import type { AuditEvent } from "../contract";
import { displayValue } from "../diff";
import { canReadAuditLog } from "../policy";
import { auditFilterChoices, listAuditEvents } from "../service";
import type { Route } from "./+types/audit-log";

const filterNames = ["actor", "action", "entityType", "entityId", "from", "to"] as const;
type FilterName = (typeof filterNames)[number];
type FilterValues = Record<FilterName, string>;

/** The audit log for the secretariat: a GET filter form, newest first, before and after of every change. */
export async function loader({ request, context }: Route.LoaderArgs) {
  requirePageAccess(context, request, canReadAuditLog(context.actor));
  const url = new URL(request.url);
  const values = Object.fromEntries(
    filterNames.map((name) => [name, url.searchParams.get(name) ?? ""]),
  ) as FilterValues;
  const page = Number(url.searchParams.get("page") ?? "1");
  const choices = await auditFilterChoices(context.database.db, context.actor);
  try {
    const result = await listAuditEvents(context.database.db, context.actor, {
      ...values,
      page: Number.isInteger(page) && page > 0 ? page : 1,
    });
    const fields: Record<string, string> = {};
    return {
      items: result.items,
      total: result.total,
      page: result.page,
      pageSize: result.pageSize,
      values,
      choices,
      fields,
    };
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "validation") throw e;
    const fields: Record<string, string> = {};
    for (const [name, problem] of Object.entries(e.fields)) fields[name] = context.t(problem.key, problem.values ?? {});
    const empty: AuditEvent[] = [];
    return data({ items: empty, total: 0, page: 1, pageSize: 50, values, choices, fields }, { status: 422 });
  }
}

const CODE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/;

/** A translated name for a known code (`user.create`, `organisation`), else the code itself. */
function codeLabel(language: Language, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  const i18n = i18nFor(language);
  if (!CODE.test(code) || !i18n.exists(key)) return code;
  const text = i18n.t(key);
  return typeof text === "string" ? text : code;
}

function Value({ value }: { value: unknown }) {
  const { t } = useT();
  const text = displayValue(value);
  return text === null ? <span className="hint">{t("admin:audit.diff.empty")}</span> : text;
}

function Changes({ event }: { event: AuditEvent }) {
  const { t } = useT();
  if (event.changes.length === 0) return <span className="hint">{t("admin:audit.diff.none")}</span>;
  return (
    <table className="audit-diff">
      <thead>
        <tr>
          <th scope="col">{t("admin:audit.diff.field")}</th>
          <th scope="col">{t("admin:audit.diff.before")}</th>
          <th scope="col">{t("admin:audit.diff.after")}</th>
        </tr>
      </thead>
      <tbody>
        {event.changes.map((c) => (
          <tr key={c.field}>
            <th scope="row">
              <code>{c.field}</code>
            </th>
            <td>
              <Value value={c.before} />
            </td>
            <td>
              <Value value={c.after} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function AuditLog() {
  const { t, language, n } = useT();
  const { items, total, page, pageSize, values, choices, fields } = useLoaderData<typeof loader>();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageLink = (p: number) => {
    const params = new URLSearchParams();
    for (const name of filterNames) if (values[name]) params.set(name, values[name]);
    params.set("page", String(p));
    return `?${params}`;
  };
  const select = (name: "action" | "entityType", options: string[], prefix: string) => (
    <Field name={name} label={t(`admin:audit.filters.${name}`)} error={fields[name]}>
      {(props) => (
        <select {...props} name={name} defaultValue={values[name]}>
          <option value="">{t("admin:audit.filters.any")}</option>
          {(options.includes(values[name]) || !values[name] ? options : [...options, values[name]]).map((o) => (
            <option key={o} value={o}>
              {codeLabel(language, prefix, o)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <>
      <title>{`${t("admin:audit.title")} · ${t("appName")}`}</title>
      <h1>{t("admin:audit.title")}</h1>
      <p>{t("admin:audit.intro")}</p>
      <ErrorSummary fields={fields} />
      <Form method="get" role="search" aria-label={t("admin:audit.filters.legend")} className="filters">
        <Field
          name="actor"
          label={t("admin:audit.filters.actor")}
          hint={t("admin:audit.filters.actorHint")}
          error={fields.actor}
        >
          {(props) => <input {...props} name="actor" type="search" defaultValue={values.actor} />}
        </Field>
        {select("action", choices.actions, "admin:audit.actions")}
        {select("entityType", choices.entityTypes, "admin:audit.entityTypes")}
        <Field name="entityId" label={t("admin:audit.filters.entityId")} error={fields.entityId}>
          {(props) => <input {...props} name="entityId" type="text" defaultValue={values.entityId} />}
        </Field>
        <Field name="from" label={t("admin:audit.filters.from")} error={fields.from}>
          {(props) => <input {...props} name="from" type="date" defaultValue={values.from} />}
        </Field>
        <Field name="to" label={t("admin:audit.filters.to")} error={fields.to}>
          {(props) => <input {...props} name="to" type="date" defaultValue={values.to} />}
        </Field>
        <div>
          <button type="submit" className="primary">
            {t("admin:audit.filters.apply")}
          </button>{" "}
          <a href="/admin/audit">{t("admin:audit.filters.clear")}</a>
        </div>
      </Form>
      <p role="status">
        {items.length === 0 ? t("admin:audit.empty") : t("admin:audit.total", { count: total, formatted: n(total) })}
      </p>
      {items.length > 0 ? (
        <table>
          <caption className="visually-hidden">{t("admin:audit.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin:audit.columns.when")}</th>
              <th scope="col">{t("admin:audit.columns.who")}</th>
              <th scope="col">{t("admin:audit.columns.what")}</th>
              <th scope="col">{t("admin:audit.columns.changes")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.at}>{formatDateTime(language, e.at)}</time>
                </td>
                <td>{e.actorLabel}</td>
                <td>
                  {codeLabel(language, "admin:audit.actions", e.action)}
                  <br />
                  <a
                    href={`?${new URLSearchParams({ entityType: e.entityType, ...(e.entityId ? { entityId: e.entityId } : {}) })}`}
                  >
                    {t("admin:audit.record", {
                      type: codeLabel(language, "admin:audit.entityTypes", e.entityType),
                      id: e.entityId ?? "",
                    })}
                  </a>
                </td>
                <td>
                  <Changes event={e} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {pages > 1 ? (
        <nav className="pagination" aria-label={t("pagination.label")}>
          {page > 1 ? <a href={pageLink(page - 1)}>{t("pagination.previous")}</a> : null}
          <span>{t("pagination.page", { page: n(page), pages: n(pages) })}</span>
          {page < pages ? <a href={pageLink(page + 1)}>{t("pagination.next")}</a> : null}
        </nav>
      ) : null}
    </>
  );
}
