import { data, redirect } from "react-router";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import { useT } from "~/ui/i18n";
import { ContactInput } from "../contract";
import { createContact, getOrganisation } from "../service";
import type { Route } from "./+types/contact-new";
import { ContactForm } from "./contact-form";
import { contactInput, contactValuesFromForm, emptyContactValues } from "./form-values";
import { formProblem, pageError, problemStatus } from "./page.server";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { database, actor, language } = context;
  const organisation = await getOrganisation(database.db, actor, params.id).catch((e) => pageError(e, request, actor));
  if (!organisation.can.editContacts) pageError(new AppError("forbidden"), request, actor);
  return { id: organisation.id, name: organisation.name, values: emptyContactValues(language) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  const values = contactValuesFromForm(await request.formData());
  try {
    await createContact(database.db, actor, params.id, parseInput(ContactInput, contactInput(values)));
    return redirect(`/organisations/${params.id}?notice=contactAdded#contacts`);
  } catch (e) {
    const problem = formProblem(e, t, request, actor, values);
    return data({ values, problem }, { status: problemStatus(problem) });
  }
}

export default function NewContact({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT();
  const title = t("organisations:contacts.newTitle", { organisation: loaderData.name });
  return (
    <>
      <title>{`${title} · ${t("appName")}`}</title>
      <h1>{title}</h1>
      <ContactForm
        values={actionData?.values ?? loaderData.values}
        problem={actionData?.problem ?? null}
        submitLabel={t("organisations:contacts.create")}
        cancelHref={`/organisations/${loaderData.id}#contacts`}
      />
    </>
  );
}
