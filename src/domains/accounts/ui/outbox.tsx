import { useLoaderData } from "react-router";
import { requirePageAccess } from "~/auth/page";
import { formatDateTime } from "~/i18n/i18n";
import { useT } from "~/ui/i18n";
import { canReadOutbox } from "../policy";
import { listOutbox } from "../service";
import type { Route } from "./+types/outbox";

/** The mails Ponte sent or kept (secretariat only): without SMTP, this is where reset links are read. */
export async function loader({ request, context }: Route.LoaderArgs) {
  requirePageAccess(context, request, canReadOutbox(context.actor));
  const url = new URL(request.url);
  const page = Number(url.searchParams.get("page") ?? "1");
  return listOutbox(context.database.db, context.actor, { page: Number.isInteger(page) && page > 0 ? page : 1 });
}

function label(t: ReturnType<typeof useT>["t"], key: string, fallback: string): string {
  return t(key, { defaultValue: fallback });
}

export default function Outbox() {
  const { t, language, n } = useT();
  const { items, total, page, pageSize } = useLoaderData<typeof loader>();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <>
      <title>{`${t("admin:outbox.title")} · ${t("appName")}`}</title>
      <h1>{t("admin:outbox.title")}</h1>
      <p>{t("admin:outbox.intro")}</p>
      {items.length === 0 ? (
        <p>{t("admin:outbox.empty")}</p>
      ) : (
        <>
          <p>{t("admin:outbox.total", { count: total, formatted: n(total) })}</p>
          <table>
            <caption className="visually-hidden">{t("admin:outbox.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin:outbox.columns.time")}</th>
                <th scope="col">{t("admin:outbox.columns.recipient")}</th>
                <th scope="col">{t("admin:outbox.columns.subject")}</th>
                <th scope="col">{t("admin:outbox.columns.kind")}</th>
                <th scope="col">{t("admin:outbox.columns.status")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <td>
                    <time dateTime={m.createdAt}>{formatDateTime(language, m.createdAt)}</time>
                  </td>
                  <td>{m.to}</td>
                  <td>
                    <details>
                      <summary>
                        {m.subject} <span className="visually-hidden">({t("admin:outbox.readMessage")})</span>
                      </summary>
                      <p className="hint">
                        {t("admin:outbox.language", {
                          language: label(t, `common:languages.${m.language}`, m.language),
                        })}
                      </p>
                      <pre lang={m.language} style={{ whiteSpace: "pre-wrap" }}>
                        {m.text}
                      </pre>
                    </details>
                  </td>
                  <td>{label(t, `admin:outbox.kinds.${m.kind}`, m.kind)}</td>
                  <td>
                    {label(t, `admin:outbox.statuses.${m.status}`, m.status)}
                    {m.error ? <p className="error">{t("admin:outbox.error", { error: m.error })}</p> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label={t("pagination.label")}>
          {page > 1 ? <a href={`?page=${page - 1}`}>{t("pagination.previous")}</a> : null}
          <span>{t("pagination.page", { page: n(page), pages: n(pages) })}</span>
          {page < pages ? <a href={`?page=${page + 1}`}>{t("pagination.next")}</a> : null}
        </nav>
      ) : null}
    </>
  );
}
