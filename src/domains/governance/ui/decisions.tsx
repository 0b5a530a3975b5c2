import { Form, Link } from "react-router";
import { requirePageAccess } from "~/auth/page";
import { pageError } from "~/domains/invoicing/ui/page.server";
import { useT } from "~/ui/i18n";
import { decisionYears, listDecisions } from "../decisions";
import { meetingBodies } from "../meetings";
import { canViewGovernance } from "../policy";
import type { Route } from "./+types/decisions";

/** The register of decisions (secretariat and Board): search, filter by year and body, pages. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, actor, language } = context;
  requirePageAccess(context, request, canViewGovernance(actor));
  const url = new URL(request.url);
  const bodies = await meetingBodies(database.db);
  const body = bodies.some((b) => b.code === url.searchParams.get("body")) ? (url.searchParams.get("body") ?? "") : "";
  const yearRaw = Number(url.searchParams.get("year"));
  const year = Number.isInteger(yearRaw) && yearRaw >= 2000 && yearRaw <= 2100 ? yearRaw : null;
  const pageRaw = Number(url.searchParams.get("page"));
  const page = Number.isInteger(pageRaw) && pageRaw >= 1 ? pageRaw : 1;
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
  const list = await listDecisions(database.db, actor, {
    ...(q ? { q } : {}),
    ...(year ? { year } : {}),
    ...(body ? { body } : {}),
    page,
    pageSize: 25,
  }).catch((e) => pageError(e, request, actor));
  return {
    q,
    year,
    body,
    list,
    years: await decisionYears(database.db),
    bodies: bodies.map((b) => ({ code: b.code, name: b.names[language] ?? b.names.en ?? b.code })),
  };
}

export default function Decisions({ loaderData }: Route.ComponentProps) {
  const { t, d } = useT();
  const { list, q, year, body, years, bodies } = loaderData;
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const bodyName = (code: string) => bodies.find((b) => b.code === code)?.name ?? code;
  const pageLink = (p: number) => {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (year) params.set("year", String(year));
    if (body) params.set("body", body);
    params.set("page", String(p));
    return `?${params.toString()}`;
  };
  return (
    <>
      <title>{`${t("meetings:register.title")} · ${t("appName")}`}</title>
      <h1>{t("meetings:register.title")}</h1>
      <Form method="get" className="stacked" role="search">
        <div className="field">
          <label htmlFor="field-q">{t("meetings:register.search")}</label>
          <input id="field-q" type="search" name="q" defaultValue={q} />
        </div>
        <div className="field">
          <label htmlFor="field-year">{t("meetings:register.year")}</label>
          <select id="field-year" name="year" defaultValue={year ?? ""}>
            <option value="">{t("meetings:register.allYears")}</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="field-body">{t("meetings:fields.body")}</label>
          <select id="field-body" name="body" defaultValue={body}>
            <option value="">{t("meetings:list.allBodies")}</option>
            {bodies.map((b) => (
              <option key={b.code} value={b.code}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("meetings:register.apply")}</button>
      </Form>
      <p role="status">{t("meetings:register.count", { count: list.total })}</p>
      {list.items.length ? (
        <div className="table-wrap">
          <table>
            <caption>{t("meetings:register.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("meetings:register.numberHeading")}</th>
                <th scope="col">{t("meetings:register.decidedOn")}</th>
                <th scope="col">{t("meetings:fields.body")}</th>
                <th scope="col">{t("meetings:register.text")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">{item.label}</th>
                  <td>
                    {item.meetingId ? (
                      <Link to={`/governance/meetings/${item.meetingId}`}>{d(item.decidedOn)}</Link>
                    ) : (
                      d(item.decidedOn)
                    )}
                  </td>
                  <td>{bodyName(item.bodyCode)}</td>
                  <td>{item.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {pages > 1 ? (
        <nav aria-label={t("meetings:register.pages")}>
          {list.page > 1 ? <Link to={pageLink(list.page - 1)}>{t("meetings:register.previous")}</Link> : null}{" "}
          {t("meetings:register.pageOf", { page: list.page, pages })}{" "}
          {list.page < pages ? <Link to={pageLink(list.page + 1)}>{t("meetings:register.next")}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
