/**
 * Changing a project (/projects/:id/edit): every field for the secretariat, the lead applicant
 * included; the fields a member may change for the contact of the lead member organisation while
 * the project is an idea or being drafted. The phase moves on the project's page. A refused form
 * answers 422 with each field's problem and what was typed; a change made meanwhile, 412.
 */
import { data, redirect } from "react-router";
import type { Actor } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import { AppError, isAppError } from "~/errors/app-error";
import { localized } from "~/i18n/localized";
import { useT } from "~/ui/i18n";
import type { PartnerInput, ProjectDetail, ProjectPatch } from "../contract";
import { addPartner, removePartner } from "../partners";
import { getProject, updateProject } from "../service";
import type { Route } from "./+types/edit";
import { formFieldOf, formFieldsFor, inputOf, leadOf, sameLead, valuesFromForm, valuesOfProject } from "./form-values";
import { formProblem, pageError, projectFormOptions } from "./page.server";
import { ProjectForm } from "./project-form";

/** The project, if the actor may change it: else the 403 page (or 404 when it is not theirs to see). */
async function editableProject(db: DbOrTx, actor: Actor, id: string, request: Request): Promise<ProjectDetail> {
  const project = await getProject(db, actor, id).catch((e) => pageError(e, request, actor));
  if (!project.can.edit) throw data(null, { status: 403 });
  return project;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { database, actor, language } = context;
  const project = await editableProject(database.db, actor, params.id, request);
  return {
    project: {
      id: project.id,
      acronym: project.acronym,
      title: localized(project.title, language),
      version: project.version,
    },
    values: valuesOfProject(project, language),
    fields: formFieldsFor(project.can.editAll, false),
    options: await projectFormOptions(database.db, actor, language),
  };
}

/** Problems of the lead's change, named as the form's lead fields. */
function asLeadProblem(e: unknown): never {
  if (!isAppError(e) || Object.keys(e.fields).length === 0) throw e;
  const fields = Object.fromEntries(Object.entries(e.fields).map(([path, p]) => [`lead.${path}`, p]));
  throw new AppError(e.code, e.messageKey, fields, e.values);
}

/**
 * Replaces the lead applicant: the old one leaves the project; an organisation already taking part
 * as a partner becomes the lead with its budget share.
 */
async function changeLead(db: DbOrTx, actor: Actor, project: ProjectDetail, lead: PartnerInput | null) {
  const current = project.partners.find((p) => p.role === "lead");
  if (current) await removePartner(db, actor, project.id, current.id);
  if (!lead) return;
  const already =
    lead.kind === "organisation"
      ? project.partners.find((p) => p.role !== "lead" && p.organisationId && p.organisationId === lead.organisationId)
      : lead.kind === "network"
        ? project.partners.find((p) => p.role !== "lead" && p.kind === "network")
        : undefined;
  if (already) await removePartner(db, actor, project.id, already.id);
  await addPartner(db, actor, project.id, { ...lead, budgetShareCents: already?.budgetShareCents ?? null }).catch(
    asLeadProblem,
  );
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, actor, t, language } = context;
  const project = await editableProject(database.db, actor, params.id, request);
  const fields = formFieldsFor(project.can.editAll, false);
  const form = await request.formData();
  const before = valuesOfProject(project, language);
  const values = valuesFromForm(form, before);
  const { input, unreadable } = inputOf(values, fields, language);
  const override = Object.fromEntries(Object.entries(unreadable).map(([f, key]) => [f, t(key)]));
  const version = Number(form.get("version"));
  const lead = leadOf(values);
  const leadChanges = fields.includes("lead") && !sameLead(leadOf(before), lead);
  try {
    // The data and the lead change together or not at all.
    await database.db.transaction(async (tx) => {
      await updateProject(
        tx,
        actor,
        project.id,
        input as ProjectPatch,
        Number.isInteger(version) ? version : undefined,
      );
      if (leadChanges) await changeLead(tx, actor, project, lead);
    });
  } catch (e) {
    const problem = formProblem(e, t, request, actor, formFieldOf, override);
    return data({ values, problem }, { status: problem.stale ? 412 : 422 });
  }
  return redirect(`/projects/${project.id}?notice=saved`);
}

export default function EditProject({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT();
  const { project, values, fields, options } = loaderData;
  const heading = t("projects:ui.edit.title", { acronym: project.acronym });
  return (
    <>
      <title>{`${heading} · ${t("appName")}`}</title>
      <p className="breadcrumb">
        <a href="/projects">{t("projects:ui.board.title")}</a>
        {" › "}
        <a href={`/projects/${project.id}`}>{project.acronym}</a>
      </p>
      <h1>{heading}</h1>
      {actionData?.problem.stale ? (
        <p className="warning">
          <a href={`/projects/${project.id}/edit`}>{t("projects:ui.form.reload")}</a>
        </p>
      ) : null}
      <ProjectForm
        values={actionData?.values ?? values}
        errors={actionData?.problem.fields ?? {}}
        message={actionData?.problem.message}
        options={options}
        fields={fields}
        version={project.version}
        submitLabel={t("projects:ui.edit.submit")}
        leadNote={fields.includes("lead") ? undefined : t("projects:ui.edit.leadNote")}
        cancelHref={`/projects/${project.id}`}
      />
    </>
  );
}
