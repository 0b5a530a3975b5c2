import { useT } from "./i18n";

export default function Home() {
  const { t } = useT();
  return (
    <>
      <title>{`${t("appName")} · ${t("networkName")}`}</title>
      <h1>{t("home.title")}</h1>
      <p>{t("home.intro")}</p>
      <p>
        <a className="button" href="/organisations">
          {t("home.browseDirectory")}
        </a>
      </p>
    </>
  );
}
