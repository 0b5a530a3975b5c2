import { data, redirect } from "react-router";
import { requirePageAccess } from "~/auth/page";
import { parseInput } from "~/errors/validation";
import { useT } from "~/ui/i18n";
import { OrganisationInput, organisationStatuses } from "../contract";
import { canCreateOrganisation } from "../policy";
import { createOrganisation } from "../service";
import type { Route } from "./+types/new";
import {
  emptyOrganisationValues,
  organisationFormFields,
  organisationInput,
  organisationValuesFromForm,
} from "./form-values";
import { OrganisationForm } from "./organisation-form";
import { formProblem, problemStatus } from "./page.server";
import { PlacePicker, placeValues } from "./place-picker";
import { placeLookup, referenceOptions } from "./reference.server";

export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, actor, language } = context;
  requirePageAccess(context, request, canCreateOrganisation(actor));
  const [place, options] = await Promise.all([
    placeLookup(database.db, request),
    referenceOptions(database.db, language),
  ]);
  return {
    values: { ...emptyOrganisationValues(), ...(place.chosen ? placeValues(place.chosen) : {}) },
    place,
    options: {
      countries: options.countries,
      types: options.types,
      areas: options.areas,
      statuses: organisationStatuses,
    },
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  const values = organisationValuesFromForm(await request.formData());
  try {
    const input = parseInput(OrganisationInput, organisationInput(values, organisationFormFields));
    const created = await createOrganisation(database.db, actor, input);
    return redirect(`/organisations/${created.id}?notice=created`);
  } catch (e) {
    const problem = formProblem(e, t, request, actor, values);
    return data({ values, problem }, { status: problemStatus(problem) });
  }
}

export default function NewOrganisation({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT();
  const { place, options } = loaderData;
  const values = actionData?.values ?? loaderData.values;
  return (
    <>
      <title>{`${t("organisations:form.newTitle")} · ${t("appName")}`}</title>
      <h1>{t("organisations:form.newTitle")}</h1>
      <PlacePicker path="/organisations/new" q={place.q} places={place.places} chosen={place.chosen} />
      <OrganisationForm
        key={place.chosen?.key ?? "blank"}
        values={values}
        problem={actionData?.problem ?? null}
        fields={organisationFormFields}
        options={options}
        submitLabel={t("organisations:form.create")}
        cancelHref="/organisations"
      />
    </>
  );
}
