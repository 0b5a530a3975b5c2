import { data, redirect } from "react-router";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import { useT } from "~/ui/i18n";
import { OrganisationPatch, organisationStatuses } from "../contract";
import { getOrganisation, updateOrganisation } from "../service";
import type { Route } from "./+types/edit";
import {
  editableFields,
  organisationFormFields,
  organisationInput,
  organisationValues,
  organisationValuesFromForm,
} from "./form-values";
import { OrganisationForm } from "./organisation-form";
import { formProblem, pageError, problemStatus } from "./page.server";
import { PlacePicker, placeValues } from "./place-picker";
import { placeLookup, referenceOptions } from "./reference.server";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { database, actor, language } = context;
  const organisation = await getOrganisation(database.db, actor, params.id).catch((e) => pageError(e, request, actor));
  if (!organisation.can.edit) pageError(new AppError("forbidden"), request, actor);
  const editAll = organisation.can.editAll;
  const [place, options] = await Promise.all([
    editAll ? placeLookup(database.db, request) : Promise.resolve(null),
    referenceOptions(database.db, language),
  ]);
  return {
    id: organisation.id,
    name: organisation.name,
    version: organisation.version,
    editAll,
    fields: editableFields(editAll),
    values: { ...organisationValues(organisation), ...(place?.chosen ? placeValues(place.chosen) : {}) },
    place,
    options: {
      countries: options.countries,
      types: options.types,
      areas: options.areas,
      statuses: organisationStatuses,
    },
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  const form = await request.formData();
  const values = organisationValuesFromForm(form);
  // The form says which fields it showed; the service decides which of them this user may change.
  const listed = String(form.get("_fields") ?? "").split(",");
  const fields = organisationFormFields.filter((f) => listed.includes(f));
  const version = Number(form.get("version"));
  try {
    const patch = parseInput(OrganisationPatch, organisationInput(values, fields));
    await updateOrganisation(database.db, actor, params.id, patch, Number.isInteger(version) ? version : undefined);
    return redirect(`/organisations/${params.id}?notice=saved`);
  } catch (e) {
    const problem = formProblem(e, t, request, actor, values);
    return data({ values, problem }, { status: problemStatus(problem) });
  }
}

export default function EditOrganisation({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT();
  const { id, name, version, editAll, fields, place, options } = loaderData;
  const values = actionData?.values ?? loaderData.values;
  const path = `/organisations/${id}/edit`;
  return (
    <>
      <title>{`${t("organisations:form.editTitle", { name })} · ${t("appName")}`}</title>
      <h1>{t("organisations:form.editTitle", { name })}</h1>
      {editAll ? null : <p className="hint">{t("organisations:form.memberNote")}</p>}
      {place ? <PlacePicker path={path} q={place.q} places={place.places} chosen={place.chosen} /> : null}
      <OrganisationForm
        key={place?.chosen?.key ?? "current"}
        values={values}
        problem={actionData?.problem ?? null}
        fields={fields}
        options={options}
        version={version}
        submitLabel={t("organisations:form.save")}
        cancelHref={`/organisations/${id}`}
        reloadHref={path}
      />
    </>
  );
}
