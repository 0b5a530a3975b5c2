import { requirePageAccess } from "~/auth/page";
import { useT } from "~/ui/i18n";
import type { Route } from "./+types/vote";

/** Placeholder: this page is being written. Only the secretariat sees it for now. */
export async function loader({ request, context }: Route.LoaderArgs) {
  requirePageAccess(context, request, context.actor.kind === "user" && context.actor.user.role === "secretariat");
  return null;
}

export default function Page() {
  const { t } = useT();
  return <h1>{t("votes:title")}</h1>;
}
