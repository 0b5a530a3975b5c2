import type { ReactNode } from "react";
import {
  Form,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
} from "react-router";
import { languages } from "~/i18n/i18n";
import type { Route } from "./+types/root";
import { CsrfField } from "./ui/forms";
import { useRootData, useT } from "./ui/i18n";
import stylesheet from "./ui/styles.css?url";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ context }: Route.LoaderArgs) {
  const { actor, language, csrfToken } = context;
  return {
    language,
    csrfToken,
    user:
      actor.kind === "user"
        ? { name: actor.user.name, role: actor.user.role, organisationId: actor.user.organisationId }
        : null,
  };
}

function Header() {
  const { t, language } = useT();
  const { user } = useRootData();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="site-header">
      <a className="brand" href="/">
        <span className="brand-name">{t("appName")}</span> <span className="brand-network">{t("networkName")}</span>
      </a>
      <nav aria-label={t("nav.main")}>
        <ul>
          <li>
            <a href="/">{t("nav.home")}</a>
          </li>
          <li>
            <a href="/organisations">{t("nav.directory")}</a>
          </li>
          <li>
            <a href="/join">{t("nav.join")}</a>
          </li>
          <li>
            <a href="/about/governance">{t("nav.offices")}</a>
          </li>
          {user ? (
            <li>
              <a href="/projects">{t("projects:title")}</a>
            </li>
          ) : null}
          {user?.role === "secretariat" || user?.role === "board" || user?.role === "member_contact" ? (
            <li>
              <a href="/governance/meetings">{t("nav.governance")}</a>
            </li>
          ) : null}
          {user?.role === "secretariat" || user?.role === "board" ? (
            <li>
              <a href="/membership/applications">{t("nav.applications")}</a>
            </li>
          ) : null}
          {user?.role === "board" ? (
            <li>
              <a href="/membership/board">{t("nav.board")}</a>
            </li>
          ) : null}
          {user?.role === "secretariat" ? (
            <>
              <li>
                <a href="/invoices">{t("nav.invoices")}</a>
              </li>
              <li>
                <a href="/admin/audit">{t("nav.audit")}</a>
              </li>
              <li>
                <a href="/admin/outbox">{t("nav.outbox")}</a>
              </li>
            </>
          ) : null}
          <li>
            <a href="/api/docs">{t("nav.apiDocs")}</a>
          </li>
        </ul>
      </nav>
      <div className="header-tools">
        <Form method="post" action="/set-language" className="language-switcher" aria-label={t("changeLanguage")}>
          <CsrfField />
          <input type="hidden" name="redirectTo" value={here} />
          {languages.map((l) => (
            <button
              key={l}
              type="submit"
              name="language"
              value={l}
              lang={l}
              aria-current={l === language ? "true" : undefined}
              className={l === language ? "current" : undefined}
            >
              {t(`languages.${l}`)}
            </button>
          ))}
        </Form>
        {user ? (
          <Form method="post" action="/logout" className="session">
            <CsrfField />
            <span>{t("loggedInAs", { name: user.name })}</span> <a href="/account/calendar">{t("nav.calendar")}</a>{" "}
            <button type="submit">{t("nav.signOut")}</button>
          </Form>
        ) : (
          <a href={`/login?redirectTo=${encodeURIComponent(here)}`}>{t("nav.signIn")}</a>
        )}
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { language } = useRootData();
  const { t } = useT();
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("skipToContent")}
        </a>
        <Header />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{t("footer")}</p>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useT();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const forbidden = isRouteErrorResponse(error) && error.status === 403;
  return (
    <>
      <title>{notFound ? t("notFound.title") : t("error.title")}</title>
      <h1>{notFound ? t("notFound.title") : t("error.title")}</h1>
      <p>{notFound ? t("notFound.body") : forbidden ? t("errors:forbidden") : t("error.body")}</p>
    </>
  );
}
