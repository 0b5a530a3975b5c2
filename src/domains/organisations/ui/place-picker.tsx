import { type FormEvent, type MouseEvent, useEffect, useRef, useState } from "react";
import { useFetcher } from "react-router";
import { useT } from "~/ui/i18n";
import { ORGANISATION_FORM_ID } from "./organisation-form";
import type { PlaceOption } from "./reference.server";

/** What choosing a place fills in on the organisation form. */
export function placeValues(place: PlaceOption): Record<string, string> {
  const type = place.kind === "region" || place.kind === "province" ? place.kind : "municipality";
  return {
    name: place.name,
    country: place.countryCode,
    type,
    officialCode: place.officialCode,
    nuts3: place.nuts3 ?? "",
    inhabitants: place.inhabitants === null ? "" : String(place.inhabitants),
  };
}

export function pickHref(path: string, q: string, key: string): string {
  return `${path}?${new URLSearchParams({ place: q, pick: key }).toString()}`;
}

type Props = {
  /** The page's own path: the search is a GET to it (`?place=`), a choice a link (`&pick=`). */
  path: string;
  q: string;
  places: PlaceOption[];
  chosen: PlaceOption | null;
};

/**
 * "Pick a reference place": a search that lists matching comuni/kommuner (a GET form, no
 * JavaScript needed); choosing one reloads the page with the form filled in. With JavaScript the
 * list updates as you type and a choice fills in the form in place, keeping what was typed.
 */
export function PlacePicker({ path, q, places, chosen }: Props) {
  const { t, n } = useT();
  const fetcher = useFetcher<{ place: { q: string; places: PlaceOption[] } }>();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [filled, setFilled] = useState<PlaceOption | null>(chosen);
  useEffect(() => () => clearTimeout(timer.current), []);

  const shownQ = fetcher.data?.place.q ?? q;
  const shownPlaces = fetcher.data?.place.places ?? places;

  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const value = new FormData(form).get("place");
      if (typeof value === "string" && value.trim().length >= 2) fetcher.submit(form, { method: "get", action: path });
    }, 250);
  };

  const choose = (event: MouseEvent<HTMLAnchorElement>, place: PlaceOption) => {
    const form = document.getElementById(ORGANISATION_FORM_ID);
    if (!(form instanceof HTMLFormElement)) return;
    event.preventDefault();
    for (const [name, value] of Object.entries(placeValues(place))) {
      const element = form.elements.namedItem(name);
      if (element instanceof HTMLInputElement || element instanceof HTMLSelectElement) element.value = value;
    }
    setFilled(place);
    const nameInput = form.elements.namedItem("name");
    if (nameInput instanceof HTMLInputElement) nameInput.focus();
  };

  return (
    <section className="place-picker" aria-labelledby="place-heading">
      <h2 id="place-heading">{t("organisations:place.heading")}</h2>
      <p>{t("organisations:place.explain")}</p>
      <fetcher.Form method="get" action={path} role="search" onChange={onChange}>
        <div className="field">
          <label htmlFor="place-q">{t("organisations:place.label")}</label>
          <div className="search-row">
            <input id="place-q" type="search" name="place" defaultValue={q} autoComplete="off" spellCheck={false} />
            <button type="submit">{t("organisations:place.search")}</button>
          </div>
        </div>
      </fetcher.Form>
      <div aria-live="polite">
        {filled ? (
          <p className="notice">{t("organisations:place.chosen", { name: filled.name, code: filled.officialCode })}</p>
        ) : null}
        {shownQ && shownPlaces.length === 0 ? <p>{t("organisations:place.none", { q: shownQ })}</p> : null}
      </div>
      {shownPlaces.length > 0 ? (
        <ul className="place-results" aria-label={t("organisations:place.results")}>
          {shownPlaces.map((p) => (
            <li key={p.key}>
              <a href={pickHref(path, shownQ, p.key)} onClick={(e) => choose(e, p)}>
                {t("organisations:place.use", { name: p.name })}
              </a>{" "}
              <span className="place-meta">
                {[
                  t(`organisations:place.kinds.${p.kind}`),
                  [p.provinceName, p.regionName].filter(Boolean).join(", "),
                  p.officialCode,
                  p.inhabitants === null
                    ? ""
                    : t("organisations:place.inhabitants", { count: p.inhabitants, formatted: n(p.inhabitants) }),
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
