import { isRouteErrorResponse, Outlet, useRouteError } from "react-router";
import { useT } from "./i18n";

export default function Shell() {
  return <Outlet />;
}

/** Errors of every page, shown in the reader's language inside the site's layout. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title = status === 404 ? t("notFound.title") : t("error.title");
  const body = status === 404 ? t("notFound.body") : status === 403 ? t("errors:forbidden") : t("error.body");
  return (
    <>
      <title>{title}</title>
      <h1>{title}</h1>
      <p>{body}</p>
    </>
  );
}
