import { data, redirect } from "react-router";
import { requestOrigin } from "~/auth/page";
import { linkBase } from "~/domains/accounts/service";
import { PlacePicker, placeValues } from "~/domains/organisations/ui/place-picker";
import { placeLookup } from "~/domains/organisations/ui/reference.server";
import { useT } from "~/ui/i18n";
import { PRIVACY_VERSION, STATUTE_VERSION } from "../contract";
import { readApplicationForm, submittedValues } from "../form-data";
import { submitApplication } from "../service";
import type { Route } from "./+types/apply";
import { ApplicationForm } from "./application-form";
import { formOptions, pageProblem } from "./page.server";

export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, language } = context;
  const [place, options] = await Promise.all([placeLookup(database.db, request), formOptions(database.db, language)]);
  const values: Record<string, string> = {
    contactLanguage: language,
    ...(place.chosen ? placeValues(place.chosen) : {}),
  };
  return { place, options, values };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  const form = await readApplicationForm(await request.formData());
  try {
    const created = await submitApplication(database.db, form, { baseUrl: linkBase(requestOrigin(request, context)) });
    return redirect(`/join/applications/${created.token}?notice=submitted`);
  } catch (e) {
    const problem = pageProblem(e, t, request, actor);
    return data({ values: submittedValues(form.fields), problem }, { status: 422 });
  }
}

export default function Apply({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT();
  const { place, options } = loaderData;
  const values = actionData?.values ?? loaderData.values;
  return (
    <>
      <title>{`${t("membership:apply.title")} · ${t("appName")}`}</title>
      <h1>{t("membership:apply.title")}</h1>
      <p>{t("membership:apply.intro")}</p>
      <p className="hint">{t("membership:apply.placeHint")}</p>
      <PlacePicker path="/join/apply" q={place.q} places={place.places} chosen={place.chosen} />
      <ApplicationForm
        key={place.chosen?.key ?? "blank"}
        mode="apply"
        values={values}
        problem={actionData?.problem ?? null}
        options={options}
        statuteVersion={STATUTE_VERSION}
        privacyVersion={PRIVACY_VERSION}
        submitLabel={t("membership:apply.submit")}
      />
    </>
  );
}
