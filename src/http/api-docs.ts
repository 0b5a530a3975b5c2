import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { defaultLanguage, isLanguage, type Language, languageFromAcceptLanguage, translator } from "~/i18n/i18n";
import { LANGUAGE_COOKIE } from "./cookies";

const require = createRequire(import.meta.url);
const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

function distFolder(): string {
  return path.dirname(require.resolve("swagger-ui-dist/package.json"));
}

/**
 * `/api/docs`: the OpenAPI document browsable with Swagger UI, served from the installed
 * swagger-ui-dist package (no CDN: Ponte works offline).
 */
export function apiDocs(): Hono {
  const docs = new Hono();
  docs.get("/assets/:file", (c) => {
    const file = c.req.param("file");
    const type = ASSETS[file];
    if (!type) return c.notFound();
    const body = fs.readFileSync(path.join(distFolder(), file));
    return c.body(body, 200, { "Content-Type": type, "Cache-Control": "public, max-age=86400" });
  });
  docs.get("/", (c) => {
    const cookieLang = getCookie(c, LANGUAGE_COOKIE);
    const language: Language =
      (isLanguage(cookieLang) ? cookieLang : undefined) ??
      languageFromAcceptLanguage(c.req.header("accept-language")) ??
      defaultLanguage;
    const t = translator(language);
    const title = `${t("common:appName")} · ${t("common:nav.apiDocs")}`;
    return c.html(`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
<style>
/* Swagger UI's own colours fall short of WCAG AA contrast; these meet it. */
.swagger-ui .opblock .opblock-summary-method { color: #000; }
.swagger-ui .info .title small.version-stamp { background-color: #3b6e00; }
.swagger-ui .info .title small pre { color: #fff; }
.swagger-ui .info a.link, .swagger-ui .info .url, .swagger-ui .info .link span { color: #1a5ea8; }
.swagger-ui .btn.authorize, .swagger-ui .btn.authorize span { color: #13613d; border-color: #13613d; }
.swagger-ui .btn.authorize svg { fill: #13613d; }
.swagger-ui .json-schema-2020-12-expand-deep-button { color: #505050; }
.swagger-ui .parameter__in { color: #555; }
</style>
</head>
<body>
<main>
<h1 style="font-family: system-ui, sans-serif; margin: 1rem 1.25rem 0">${title}</h1>
<p style="font-family: system-ui, sans-serif; margin: 0.5rem 1.25rem"><a href="/api/v1/openapi.json">/api/v1/openapi.json</a> · <a href="/">${t("common:nav.home")}</a></p>
<div id="swagger-ui"></div>
</main>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script>window.addEventListener("load", function () { window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui", onComplete: function () { var s = document.querySelector("#servers"); if (s) s.setAttribute("aria-label", ${JSON.stringify(t("common:apiServers"))}); } }); });</script>
</body>
</html>`);
  });
  return docs;
}
