import { fileResponse } from "~/files/files";
import { applicationFormPdf } from "../form-pdf";
import { applicationFile, getApplication } from "../service";
import type { Route } from "./+types/review-file";
import { pageError } from "./page.server";

/** An application's documents for the secretariat and the Board: `form.pdf` (generated) or an uploaded file. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { database, actor } = context;
  try {
    if (params.file === "form.pdf") {
      const app = await getApplication(database.db, actor, params.id);
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
    return fileResponse(await applicationFile(database.db, actor, params.id, params.file));
  } catch (e) {
    return pageError(e, request, actor);
  }
}
