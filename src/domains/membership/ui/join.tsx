import { Link } from "react-router";
import { useT } from "~/ui/i18n";

/** "How to join": what membership means, who may join, the fee calculator and the way to apply. */
export default function Join() {
  const { t } = useT();
  const steps = ["apply", "sign", "review", "board", "welcome"] as const;
  return (
    <>
      <title>{`${t("membership:join.title")} · ${t("appName")}`}</title>
      <h1>{t("membership:join.title")}</h1>
      <p className="lead">{t("membership:join.intro")}</p>
      <section aria-labelledby="join-what">
        <h2 id="join-what">{t("membership:join.whatHeading")}</h2>
        <p>{t("membership:join.whatBody")}</p>
      </section>
      <section aria-labelledby="join-who">
        <h2 id="join-who">{t("membership:join.whoHeading")}</h2>
        <p>{t("membership:join.whoMembers")}</p>
        <p>{t("membership:join.whoPartners")}</p>
      </section>
      <section aria-labelledby="join-fees">
        <h2 id="join-fees">{t("membership:join.feesHeading")}</h2>
        <p>
          <Link to="/join/fees">{t("membership:join.feesLink")}</Link>
        </p>
      </section>
      <section aria-labelledby="join-how">
        <h2 id="join-how">{t("membership:join.howHeading")}</h2>
        <ol>
          {steps.map((s) => (
            <li key={s}>{t(`membership:join.steps.${s}`)}</li>
          ))}
        </ol>
      </section>
      <p>
        <Link to="/join/apply" className="button primary">
          {t("membership:join.apply")}
        </Link>
      </p>
    </>
  );
}
