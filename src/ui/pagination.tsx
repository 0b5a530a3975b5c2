import { Link, useLocation } from "react-router";
import { useT } from "./i18n";

/** Page numbers to show: the first, the last, and two either side of the current one. */
export function pageWindow(page: number, pages: number): (number | "gap")[] {
  const shown = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2].filter((p) => p >= 1 && p <= pages));
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  let previous = 0;
  for (const p of sorted) {
    if (p - previous > 1) out.push("gap");
    out.push(p);
    previous = p;
  }
  return out;
}

/** The current URL with another page number (every other query parameter kept). */
export function hrefForPage(pathname: string, search: string, page: number): string {
  const params = new URLSearchParams(search);
  if (page <= 1) params.delete("page");
  else params.set("page", String(page));
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** Accessible page navigation: plain links that work without JavaScript. */
export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const { t, n } = useT();
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const href = (p: number) => hrefForPage(location.pathname, location.search, p);
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      <p className="pagination-status">{t("pagination.page", { page: n(page), pages: n(pages) })}</p>
      <ul>
        {page > 1 ? (
          <li>
            <Link to={href(page - 1)} rel="prev">
              {t("pagination.previous")}
            </Link>
          </li>
        ) : null}
        {pageWindow(page, pages).map((p, i) =>
          p === "gap" ? (
            <li key={`gap-${i}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={p}>
              {p === page ? (
                <a href={href(p)} aria-current="page">
                  <span className="visually-hidden">{t("pagination.page", { page: n(p), pages: n(pages) })}</span>
                  <span aria-hidden="true">{n(p)}</span>
                </a>
              ) : (
                <Link to={href(p)}>
                  <span className="visually-hidden">{t("pagination.page", { page: n(p), pages: n(pages) })}</span>
                  <span aria-hidden="true">{n(p)}</span>
                </Link>
              )}
            </li>
          ),
        )}
        {page < pages ? (
          <li>
            <Link to={href(page + 1)} rel="next">
              {t("pagination.next")}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
