/**
 * A new project (/projects/new). The secretariat enters any project, also a past one in a later
 * phase, with its lead applicant; a member contact starts an idea, which their organisation
 * initiates and leads. A refused form answers 422 with each field's problem and what was typed.
 */
import { data, redirect } from "react-router";
import { useT } from "~/ui/i18n";
import type { PartnerInput, ProjectInput } from "../contract";
import { authorize, canChangeLead, canCreateProject } from "../policy";
import { createProject } from "../service";
import type { Route } from "./+types/new";
import { emptyValues, formFieldOf, formFieldsFor, inputOf, leadOf, valuesFromForm } from "./form-values";
import { formProblem, pageError, projectFormOptions } from "./page.server";
import { ProjectForm } from "./project-form";

export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, actor, language } = context;
  try {
    authorize(actor, canCreateProject(actor));
  } catch (e) {
    pageError(e, request, actor);
  }
  const staff = canChangeLead(actor);
  return {
    staff,
    fields: formFieldsFor(staff, true),
    options: await projectFormOptions(database.db, actor, language),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { database, actor, t, language } = context;
  const staff = canChangeLead(actor);
  const fields = formFieldsFor(staff, true);
  const values = valuesFromForm(await request.formData());
  const { input, unreadable } = inputOf(values, fields, language);
  const lead: PartnerInput | null = fields.includes("lead") ? leadOf(values) : null;
  const override = Object.fromEntries(Object.entries(unreadable).map(([f, key]) => [f, t(key)]));
  try {
    const created = await createProject(database.db, actor, {
      ...input,
      ...(lead ? { partners: [lead] } : {}),
    } as ProjectInput);
    return redirect(`/projects/${created.id}?notice=created`);
  } catch (e) {
    const problem = formProblem(e, t, request, actor, formFieldOf, override);
    return data({ values, problem }, { status: 422 });
  }
}

export default function NewProject({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT();
  const { staff, fields, options } = loaderData;
  return (
    <>
      <title>{`${t("projects:ui.new.title")} · ${t("appName")}`}</title>
      <p className="breadcrumb">
        <a href="/projects">{t("projects:ui.board.title")}</a>
      </p>
      <h1>{t("projects:ui.new.title")}</h1>
      <p>{staff ? t("projects:ui.new.introStaff") : t("projects:ui.new.introMember")}</p>
      <ProjectForm
        values={actionData?.values ?? emptyValues()}
        errors={actionData?.problem.fields ?? {}}
        message={actionData?.problem.message}
        options={options}
        fields={fields}
        submitLabel={t("projects:ui.new.submit")}
        leadNote={staff ? undefined : t("projects:ui.new.leadNote")}
        cancelHref="/projects"
      />
    </>
  );
}
