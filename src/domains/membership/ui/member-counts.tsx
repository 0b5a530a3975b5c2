import { useT } from "~/ui/i18n";
import { memberCountsByYear } from "../member-counts";
import type { Route } from "./+types/member-counts";

/** Public: the network's member counts per year. */
export async function loader({ context }: Route.LoaderArgs) {
  return { rows: await memberCountsByYear(context.database.db) };
}

export default function MemberCounts({ loaderData }: Route.ComponentProps) {
  const { t, n } = useT();
  const title = t("membershipChanges:counts.title");
  return (
    <>
      <title>{`${title} · ${t("appName")}`}</title>
      <h1>{title}</h1>
      <p>{t("membershipChanges:counts.intro")}</p>
      {loaderData.rows.length === 0 ? (
        <p>{t("membershipChanges:counts.empty")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("membershipChanges:counts.year")}</th>
              <th scope="col">{t("membershipChanges:counts.members")}</th>
              <th scope="col">{t("membershipChanges:counts.joined")}</th>
              <th scope="col">{t("membershipChanges:counts.left")}</th>
            </tr>
          </thead>
          <tbody>
            {[...loaderData.rows].reverse().map((row) => (
              <tr key={row.year}>
                <th scope="row">{row.year}</th>
                <td>{n(row.members)}</td>
                <td>{n(row.joined)}</td>
                <td>{n(row.left)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
