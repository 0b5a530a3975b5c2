import { data, Form, redirect } from "react-router";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import { CsrfField } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { ContactInput } from "../contract";
import { deleteContact, getOrganisation, updateContact } from "../service";
import type { Route } from "./+types/contact-edit";
import { ContactForm } from "./contact-form";
import { type ContactFormValues, contactInput, contactValuesFromForm } from "./form-values";
import { formProblem, pageError, problemStatus } from "./page.server";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { database, actor } = context;
  const organisation = await getOrganisation(database.db, actor, params.id).catch((e) => pageError(e, request, actor));
  if (!organisation.can.editContacts) pageError(new AppError("forbidden"), request, actor);
  const contact = organisation.contacts.find((c) => c.id === params.contactId);
  if (!contact) pageError(new AppError("not_found"), request, actor);
  const values: ContactFormValues = {
    name: contact.name,
    jobTitle: contact.jobTitle ?? "",
    email: contact.email ?? "",
    phone: contact.phone ?? "",
    preferredLanguage: contact.preferredLanguage,
    legalRepresentative: contact.legalRepresentative,
    primaryContact: contact.primaryContact,
  };
  return { id: organisation.id, organisationName: organisation.name, contactName: contact.name, values };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  const form = await request.formData();
  if (form.get("intent") === "delete") {
    try {
      await deleteContact(database.db, actor, params.contactId);
    } catch (e) {
      const problem = formProblem(e, t, request, actor);
      return data({ values: null, problem }, { status: problemStatus(problem) });
    }
    return redirect(`/organisations/${params.id}?notice=contactDeleted#contacts`);
  }
  const values = contactValuesFromForm(form);
  try {
    await updateContact(database.db, actor, params.contactId, parseInput(ContactInput, contactInput(values)));
    return redirect(`/organisations/${params.id}?notice=contactSaved#contacts`);
  } catch (e) {
    const problem = formProblem(e, t, request, actor, values);
    return data({ values, problem }, { status: problemStatus(problem) });
  }
}

export default function EditContact({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT();
  const { id, contactName, organisationName } = loaderData;
  const title = t("organisations:contacts.editTitle", { name: contactName });
  return (
    <>
      <title>{`${title} · ${organisationName} · ${t("appName")}`}</title>
      <h1>{title}</h1>
      <p>{organisationName}</p>
      <ContactForm
        values={actionData?.values ?? loaderData.values}
        problem={actionData?.problem ?? null}
        submitLabel={t("organisations:contacts.save")}
        cancelHref={`/organisations/${id}#contacts`}
      />
      <details className="confirm">
        <summary>{t("organisations:contacts.delete")}</summary>
        <Form method="post" className="confirm-panel">
          <h2>{t("organisations:contacts.deleteHeading")}</h2>
          <p>{t("organisations:contacts.deleteExplain")}</p>
          <CsrfField />
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="danger">
            {t("organisations:contacts.deleteConfirm", { name: contactName })}
          </button>
        </Form>
      </details>
    </>
  );
}
