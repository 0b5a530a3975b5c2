import { data } from "react-router";
import { isAppError } from "~/errors/app-error";
import { fileResponse } from "~/files/files";
import { applicationFormPdf } from "../form-pdf";
import { applicantFile, applicationByToken } from "../service";
import type { Route } from "./+types/application-file";

/** The applicant's documents through the private link: `form.pdf` (generated) or an uploaded file. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { database } = context;
  try {
    if (params.file === "form.pdf") {
      const app = await applicationByToken(database.db, params.token);
      const content = await applicationFormPdf(database.db, app);
      return fileResponse({
        id: "form",
        filename: `${app.reference}.pdf`,
        contentType: "application/pdf",
        size: content.byteLength,
        sha256: "",
        content,
      });
    }
    return fileResponse(await applicantFile(database.db, params.token, params.file));
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") throw data(null, { status: 404 });
    throw e;
  }
}
