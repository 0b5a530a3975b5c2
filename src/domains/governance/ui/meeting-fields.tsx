import { languages } from "~/i18n/i18n";
import { Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";

/** The fields of a meeting (create and edit forms). */
export function MeetingFields({
  errors,
  values,
}: {
  errors: Record<string, string>;
  values?: {
    date: string;
    title: string | null;
    startTime: string | null;
    endTime: string | null;
    timeZone: string;
    place: string | null;
    videoUrl: string | null;
    language: string;
    public: boolean;
  };
}) {
  const { t } = useT();
  return (
    <>
      <Field name="date" label={t("meetings:fields.date")} error={errors.date}>
        {(props) => <input {...props} type="date" name="date" required defaultValue={values?.date} />}
      </Field>
      <Field name="title" label={t("meetings:fields.title")} error={errors.title}>
        {(props) => <input {...props} name="title" defaultValue={values?.title ?? ""} />}
      </Field>
      <Field name="startTime" label={t("meetings:fields.startTime")} error={errors.startTime}>
        {(props) => <input {...props} type="time" name="startTime" defaultValue={values?.startTime ?? ""} />}
      </Field>
      <Field name="endTime" label={t("meetings:fields.endTime")} error={errors.endTime}>
        {(props) => <input {...props} type="time" name="endTime" defaultValue={values?.endTime ?? ""} />}
      </Field>
      <Field
        name="timeZone"
        label={t("meetings:fields.timeZone")}
        hint={t("meetings:fields.timeZoneHint")}
        error={errors.timeZone}
      >
        {(props) => <input {...props} name="timeZone" defaultValue={values?.timeZone ?? "Europe/Rome"} />}
      </Field>
      <Field name="place" label={t("meetings:fields.place")} error={errors.place}>
        {(props) => <input {...props} name="place" defaultValue={values?.place ?? ""} />}
      </Field>
      <Field name="videoUrl" label={t("meetings:fields.videoUrl")} error={errors.videoUrl}>
        {(props) => <input {...props} type="url" name="videoUrl" defaultValue={values?.videoUrl ?? ""} />}
      </Field>
      <Field name="language" label={t("meetings:fields.language")} error={errors.language}>
        {(props) => (
          <select {...props} name="language" defaultValue={values?.language ?? "en"}>
            {languages.map((l) => (
              <option key={l} value={l}>
                {t(`meetings:languages.${l}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="field">
        <input id="field-public" type="checkbox" name="public" defaultChecked={values?.public ?? false} />{" "}
        <label htmlFor="field-public">{t("meetings:fields.public")}</label>
      </div>
    </>
  );
}
