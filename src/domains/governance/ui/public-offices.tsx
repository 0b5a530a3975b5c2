import { isLanguage } from "~/i18n/i18n";
import { useT } from "~/ui/i18n";
import { publicBodies } from "../bodies";
import type { Route } from "./+types/public-offices";

/**
 * Public (no sign-in): who holds the seats and offices of the network's public bodies today —
 * name, organisation, role or office, since and until. No e-mail addresses or phone numbers.
 */
export async function loader({ context }: Route.LoaderArgs) {
  return { bodies: await publicBodies(context.database.db) };
}

export default function PublicOffices({ loaderData }: Route.ComponentProps) {
  const { t, d, language } = useT();
  const title = t("governance:public.title");
  const nameOf = (names: { en: string; sv: string; it: string }) => (isLanguage(language) ? names[language] : names.en);
  return (
    <>
      <title>{`${title} · ${t("appName")}`}</title>
      <h1>{title}</h1>
      <p>{t("governance:public.intro")}</p>
      {loaderData.bodies.map((b) => (
        <section key={b.code} aria-labelledby={`body-${b.code}`}>
          <h2 id={`body-${b.code}`}>{nameOf(b.names)}</h2>
          {b.holders.length === 0 ? (
            <p>{t("governance:public.nobody")}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("governance:public.name")}</th>
                  <th scope="col">{t("governance:public.organisation")}</th>
                  <th scope="col">{t("governance:public.role")}</th>
                  <th scope="col">{t("governance:public.since")}</th>
                  <th scope="col">{t("governance:public.until")}</th>
                </tr>
              </thead>
              <tbody>
                {b.holders.map((h) => (
                  <tr key={`${h.name}-${h.startsOn}`}>
                    <th scope="row">{h.name}</th>
                    <td>{h.organisationName ?? "—"}</td>
                    <td>{b.kind === "office" ? nameOf(b.names) : t(`governance:roles.${h.role}`)}</td>
                    <td>{d(h.startsOn)}</td>
                    <td>{h.lastDay ? d(h.lastDay) : t("governance:body.openEnded")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </>
  );
}
