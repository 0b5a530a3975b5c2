import { data, Form, Link, redirect } from "react-router";
import { requestOrigin } from "~/auth/page";
import { linkBase } from "~/domains/accounts/service";
import { formProblem, noticeFrom, pageError } from "~/domains/invoicing/ui/page.server";
import { languages } from "~/i18n/i18n";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { addAgendaItem, attachDocument, deleteAgendaItem, recordOutcome, updateAgendaItem } from "../agenda";
import { getMeetingDetail } from "../meeting-detail";
import { setMeetingStatus, updateMeeting } from "../meetings";
import { outcomes } from "../meetings-contract";
import { getMinutes } from "../minutes";
import { addGuest, inviteMembers, markRemainingPresent, setAttendance } from "../participants";
import { canManageGovernance, canViewGovernance } from "../policy";
import { attendanceValues } from "../quorum";
import { listVotes } from "../votes";
import type { Route } from "./+types/meeting";
import { MeetingFields } from "./meeting-fields";

/**
 * A meeting: details, participants with attendance and proxies, quorum, agenda with documents
 * and outcomes. The secretariat edits everything here with plain forms (each posts and
 * redirects with a notice); everyone else who may see the meeting reads it.
 */
const notices = [
  "created",
  "updated",
  "cancelled",
  "held",
  "restored",
  "invited",
  "guest",
  "attendance",
  "allPresent",
  "itemAdded",
  "itemUpdated",
  "itemMoved",
  "itemDeleted",
  "document",
  "outcome",
  "voteDeleted",
] as const;

/**
 * The form field (its element id without `field-`) a service field's problem belongs to, so the
 * error summary's links lead to it: each agenda item's and participant's forms have their own ids.
 */
function fieldId(intent: string, itemId: string, participantId: string) {
  return (path: string): string => {
    const name = path.split(".")[0] || path;
    if (intent === "item-add") return `new-${name}`;
    if (intent === "item-edit" || intent === "document") return `${itemId}-${name}`;
    if (intent === "outcome") return `${itemId}-${name === "text" ? "outcomeText" : name}`;
    if (intent === "attendance") return `${name === "proxyHolderId" ? "holder" : "att"}-${participantId}`;
    if (intent === "guest" && name === "language") return "guestLanguage";
    return name;
  };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { database, actor, language, t } = context;
  const meeting = await getMeetingDetail(database.db, actor, params.id, {
    language,
    applicationTitle: (a) => t("meetings:agenda.application", { name: a.name, reference: a.reference }),
  }).catch((e) => pageError(e, request, actor));
  const url = new URL(request.url);
  const notice = url.searchParams.has("created") ? "created" : noticeFrom(request, notices);
  const manage = canManageGovernance(actor);
  // The meeting's votes, and its minutes when the reader may see them (a draft only for those who may).
  const minutes = await getMinutes(database.db, actor, meeting.id).catch(() => null);
  return {
    meeting,
    canManage: manage,
    notice,
    votes: await listVotes(database.db, actor, meeting.id).catch(() => []),
    minutes: minutes ? { status: minutes.status } : null,
    minutesPage: manage || canViewGovernance(actor) || minutes !== null,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  const form = await request.formData();
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const intent = text("intent");
  // The agenda item's fields, as the add and edit forms post them.
  const agendaFields = () => ({
    title: text("title"),
    description: text("description"),
    presenter: text("presenter"),
    proposedDecision: text("proposedDecision"),
  });
  const id = params.id;
  const baseUrl = linkBase(requestOrigin(request, context));
  const db = database.db;
  let notice: (typeof notices)[number];
  try {
    switch (intent) {
      case "update":
        await updateMeeting(
          db,
          actor,
          id,
          {
            date: text("date"),
            title: text("title"),
            startTime: text("startTime"),
            endTime: text("endTime"),
            timeZone: text("timeZone"),
            place: text("place"),
            videoUrl: text("videoUrl"),
            language: text("language"),
            public: form.get("public") === "on",
          },
          { baseUrl },
        );
        notice = "updated";
        break;
      case "cancel":
      case "held":
      case "restore":
        await setMeetingStatus(
          db,
          actor,
          id,
          intent === "cancel" ? "cancelled" : intent === "held" ? "held" : "planned",
          { baseUrl },
        );
        notice = intent === "cancel" ? "cancelled" : intent === "held" ? "held" : "restored";
        break;
      case "invite":
        await inviteMembers(db, actor, id, { baseUrl });
        notice = "invited";
        break;
      case "guest":
        await addGuest(
          db,
          actor,
          id,
          { name: text("name"), email: text("email"), language: text("language") },
          { baseUrl },
        );
        notice = "guest";
        break;
      case "attendance":
        await setAttendance(db, actor, id, text("participantId"), {
          attendance: text("attendance"),
          proxyHolderId: text("proxyHolderId"),
        });
        notice = "attendance";
        break;
      case "all-present":
        await markRemainingPresent(db, actor, id);
        notice = "allPresent";
        break;
      case "item-add":
        await addAgendaItem(db, actor, id, agendaFields());
        notice = "itemAdded";
        break;
      case "item-edit":
        await updateAgendaItem(db, actor, id, text("itemId"), agendaFields());
        notice = "itemUpdated";
        break;
      case "item-up":
      case "item-down":
        await updateAgendaItem(db, actor, id, text("itemId"), { move: intent === "item-up" ? "up" : "down" });
        notice = "itemMoved";
        break;
      case "item-delete":
        await deleteAgendaItem(db, actor, id, text("itemId"));
        notice = "itemDeleted";
        break;
      case "document": {
        const file = form.get("document");
        const upload =
          file instanceof File && file.size > 0
            ? { filename: file.name, contentType: file.type, content: new Uint8Array(await file.arrayBuffer()) }
            : null;
        await attachDocument(db, actor, id, text("itemId"), upload, { baseUrl });
        notice = "document";
        break;
      }
      case "outcome":
        await recordOutcome(db, actor, id, text("itemId"), { outcome: text("outcome"), text: text("outcomeText") });
        notice = "outcome";
        break;
      default:
        throw data(null, { status: 400 });
    }
  } catch (e) {
    if (e instanceof Response || (e as { type?: string } | null)?.type === "DataWithResponseInit") throw e;
    const problem = formProblem(e, t, request, actor, fieldId(intent, text("itemId"), text("participantId")));
    return data({ intent, target: text("itemId") || text("participantId"), problem }, { status: 422 });
  }
  return redirect(`/governance/meetings/${id}?notice=${notice}`);
}

export default function MeetingPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, d } = useT();
  const { meeting, canManage, notice, votes, minutes, minutesPage } = loaderData;
  const errorsFor = (intent: string, target = "") =>
    actionData && actionData.intent === intent && actionData.target === target ? actionData.problem.fields : {};
  const members = meeting.participants.filter((p) => p.kind === "member");
  const nameOf = (id: string | null) => meeting.participants.find((p) => p.id === id)?.name ?? "";
  const heading = `${meeting.bodyName} · ${d(meeting.date)}`;
  const q = meeting.quorum;
  return (
    <>
      <title>{`${heading} · ${t("appName")}`}</title>
      <p>
        <Link to={`/governance/meetings?year=${meeting.date.slice(0, 4)}`}>{t("meetings:list.title")}</Link>
      </p>
      <h1>
        {heading}
        {meeting.title ? ` — ${meeting.title}` : ""}
      </h1>
      {notice ? (
        <div className="notice" role="status">
          <p>{t(`meetings:notices.${notice}`)}</p>
        </div>
      ) : null}
      {actionData ? <ErrorSummary message={actionData.problem.message} fields={actionData.problem.fields} /> : null}

      <dl>
        <dt>{t("meetings:fields.status")}</dt>
        <dd>{t(`meetings:statuses.${meeting.status}`)}</dd>
        <dt>{t("meetings:fields.time")}</dt>
        <dd>
          {meeting.startTime ?? "10:00"}–{meeting.endTime ?? "12:00"} ({meeting.timeZone})
        </dd>
        {meeting.place ? (
          <>
            <dt>{t("meetings:fields.place")}</dt>
            <dd>{meeting.place}</dd>
          </>
        ) : null}
        {meeting.videoUrl ? (
          <>
            <dt>{t("meetings:fields.videoUrl")}</dt>
            <dd>
              <a href={meeting.videoUrl} rel="noopener noreferrer">
                {meeting.videoUrl}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{t("meetings:fields.language")}</dt>
        <dd>{t(`meetings:languages.${meeting.language}`)}</dd>
        <dt>{t("meetings:fields.public")}</dt>
        <dd>{meeting.public ? t("meetings:yes") : t("meetings:no")}</dd>
      </dl>

      <section id="meeting-votes-minutes" aria-labelledby="votes-heading">
        <h2 id="votes-heading">{t("meetings:votesAndMinutes")}</h2>
        {votes.length === 0 ? <p>{t("meetings:noVotes")}</p> : null}
        {votes.length > 0 ? (
          <ul>
            {votes.map((v) => (
              <li key={v.id}>
                <Link to={`/governance/votes/${v.id}`}>{v.question}</Link> ({t(`votes:statuses.${v.status}`)}
                {v.outcome ? ` · ${t(`votes:outcomes.${v.outcome}`)}` : ""})
              </li>
            ))}
          </ul>
        ) : null}
        <ul className="actions">
          {canManage && meeting.status !== "cancelled" ? (
            <li>
              <Link className="button secondary" to={`/governance/meetings/${meeting.id}/votes/new`}>
                {t("votes:new.link")}
              </Link>
            </li>
          ) : null}
          {minutesPage ? (
            <li>
              <Link className="button secondary" to={`/governance/meetings/${meeting.id}/minutes`}>
                {minutes ? t(`meetings:minutesLink.${minutes.status}`) : t("meetings:minutesLink.none")}
              </Link>
            </li>
          ) : null}
        </ul>
      </section>

      <h2 id="quorum">{t("meetings:quorum.heading")}</h2>
      <p>
        {t("meetings:quorum.summary", {
          present: q.present,
          byProxy: q.byProxy,
          entitled: q.entitled,
          required: q.required,
          percent: q.percent,
        })}{" "}
        <strong>{q.reached ? t("meetings:quorum.reached") : t("meetings:quorum.notReached")}</strong>
      </p>

      <h2>{t("meetings:agenda.heading")}</h2>
      {meeting.agenda.length === 0 ? <p>{t("meetings:agenda.empty")}</p> : null}
      <ol className="agenda">
        {meeting.agenda.map((item, index) => (
          <li key={item.id ?? item.applicationId ?? index}>
            <h3>{item.link ? <Link to={item.link}>{item.title}</Link> : item.title}</h3>
            {item.presenter ? <p>{t("meetings:agenda.presenterIs", { presenter: item.presenter })}</p> : null}
            {item.description ? <p>{item.description}</p> : null}
            {item.proposedDecision ? (
              <p>
                <strong>{t("meetings:fields.proposedDecision")}:</strong> {item.proposedDecision}
              </p>
            ) : null}
            {item.documents.length ? (
              <ul>
                {item.documents.map((doc) => (
                  <li key={doc.id}>
                    <a href={`/api/v1/meetings/${meeting.id}/documents/${doc.id}`}>{doc.filename}</a> (PDF,{" "}
                    {Math.max(1, Math.round(doc.size / 1024))} kB)
                  </li>
                ))}
              </ul>
            ) : null}
            {item.outcome ? (
              <p>
                <strong>{t("meetings:fields.outcome")}:</strong> {t(`meetings:outcomes.${item.outcome}`)}
                {item.decision ? ` (${t("meetings:register.number", { label: item.decision.label })})` : ""}
                {item.outcomeText ? ` — ${item.outcomeText}` : ""}
              </p>
            ) : null}
            {canManage && item.id ? (
              <AgendaItemForms
                meetingId={meeting.id}
                item={{ ...item, id: item.id }}
                first={index === 0}
                last={meeting.agenda[index + 1]?.id == null}
                errors={errorsFor("item-edit", item.id)}
                outcomeErrors={errorsFor("outcome", item.id)}
                documentErrors={errorsFor("document", item.id)}
              />
            ) : null}
          </li>
        ))}
      </ol>
      {canManage ? (
        <>
          <h3>{t("meetings:agenda.add")}</h3>
          <Form method="post" className="stacked">
            <CsrfField />
            <input type="hidden" name="intent" value="item-add" />
            <AgendaFields prefix="new" errors={errorsFor("item-add")} />
            <button type="submit">{t("meetings:agenda.add")}</button>
          </Form>
        </>
      ) : null}

      <h2>{t("meetings:participants.heading")}</h2>
      {meeting.participants.length === 0 ? (
        <p>{t("meetings:participants.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("meetings:participants.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("meetings:participants.name")}</th>
                <th scope="col">{t("meetings:participants.kind")}</th>
                <th scope="col">{t("meetings:participants.invited")}</th>
                <th scope="col">{t("meetings:participants.attendance")}</th>
              </tr>
            </thead>
            <tbody>
              {meeting.participants.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {p.name}
                    {p.email && canManage ? <div className="hint">{p.email}</div> : null}
                  </th>
                  <td>{t(`meetings:participants.kinds.${p.kind}`)}</td>
                  <td>{p.invitedAt ? d(p.invitedAt.slice(0, 10)) : "—"}</td>
                  <td>
                    {canManage ? (
                      <Form method="post" className="inline">
                        <CsrfField />
                        <input type="hidden" name="intent" value="attendance" />
                        <input type="hidden" name="participantId" value={p.id} />
                        <label htmlFor={`field-att-${p.id}`} className="visually-hidden">
                          {t("meetings:participants.attendanceOf", { name: p.name })}
                        </label>
                        <select id={`field-att-${p.id}`} name="attendance" defaultValue={p.attendance ?? ""}>
                          <option value="">—</option>
                          {attendanceValues
                            .filter((a) => p.kind === "member" || a !== "proxy")
                            .map((a) => (
                              <option key={a} value={a}>
                                {t(`meetings:attendance.${a}`)}
                              </option>
                            ))}
                        </select>{" "}
                        {p.kind === "member" ? (
                          <>
                            <label htmlFor={`field-holder-${p.id}`}>{t("meetings:participants.proxyHolder")}</label>{" "}
                            <select
                              id={`field-holder-${p.id}`}
                              name="proxyHolderId"
                              defaultValue={p.proxyHolderId ?? ""}
                            >
                              <option value="">—</option>
                              {members
                                .filter((h) => h.id !== p.id && h.attendance === "present")
                                .map((h) => (
                                  <option key={h.id} value={h.id}>
                                    {h.name}
                                  </option>
                                ))}
                            </select>{" "}
                          </>
                        ) : null}
                        <button type="submit">{t("meetings:participants.save")}</button>
                        {Object.values(errorsFor("attendance", p.id)).map((message) => (
                          <p className="error" key={message}>
                            {message}
                          </p>
                        ))}
                      </Form>
                    ) : p.attendance ? (
                      <>
                        {t(`meetings:attendance.${p.attendance}`)}
                        {p.attendance === "proxy" && p.proxyHolderId
                          ? ` (${t("meetings:participants.heldBy", { name: nameOf(p.proxyHolderId) })})`
                          : ""}
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && meeting.participants.some((p) => p.attendance === null) ? (
        <Form method="post" className="inline">
          <CsrfField />
          <input type="hidden" name="intent" value="all-present" />
          <button type="submit">{t("meetings:participants.allPresent")}</button>
          <p className="hint">{t("meetings:participants.allPresentHint")}</p>
        </Form>
      ) : null}

      {canManage ? (
        <>
          <h2>{t("meetings:manage.heading")}</h2>
          {meeting.status === "planned" ? (
            <>
              <Form method="post" className="inline">
                <CsrfField />
                <button type="submit" name="intent" value="invite">
                  {t("meetings:manage.invite")}
                </button>
              </Form>
              <p className="hint">{t("meetings:manage.inviteHint")}</p>
              <h3>{t("meetings:manage.guest")}</h3>
              <Form method="post" className="stacked">
                <CsrfField />
                <input type="hidden" name="intent" value="guest" />
                <Field name="name" label={t("meetings:participants.name")} error={errorsFor("guest").name}>
                  {(props) => <input {...props} name="name" required />}
                </Field>
                <Field name="email" label={t("meetings:participants.email")} error={errorsFor("guest").email}>
                  {(props) => <input {...props} type="email" name="email" required />}
                </Field>
                <Field
                  name="guestLanguage"
                  label={t("meetings:participants.language")}
                  error={errorsFor("guest").guestLanguage}
                >
                  {(props) => (
                    <select {...props} name="language" defaultValue="en">
                      {languages.map((l) => (
                        <option key={l} value={l}>
                          {t(`meetings:languages.${l}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <button type="submit">{t("meetings:manage.addGuest")}</button>
              </Form>
            </>
          ) : null}

          <h3>{t("meetings:manage.edit")}</h3>
          <Form method="post" className="stacked" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="update" />
            <MeetingFields errors={errorsFor("update")} values={meeting} />
            <button type="submit">{t("meetings:manage.save")}</button>
          </Form>

          <h3>{t("meetings:manage.status")}</h3>
          <Form method="post" className="inline">
            <CsrfField />
            {meeting.status === "planned" ? (
              <>
                <button type="submit" name="intent" value="held">
                  {t("meetings:manage.markHeld")}
                </button>{" "}
                <button type="submit" name="intent" value="cancel">
                  {t("meetings:manage.cancel")}
                </button>
              </>
            ) : (
              <button type="submit" name="intent" value="restore">
                {t("meetings:manage.restore")}
              </button>
            )}
          </Form>
        </>
      ) : null}
    </>
  );
}

function AgendaFields({
  prefix,
  errors,
  values,
}: {
  prefix: string;
  errors: Record<string, string>;
  values?: { title: string; description: string | null; presenter: string | null; proposedDecision: string | null };
}) {
  const { t } = useT();
  const id = (name: string) => `${prefix}-${name}`;
  return (
    <>
      <Field name={id("title")} label={t("meetings:fields.agendaTitle")} error={errors[id("title")]}>
        {(props) => <input {...props} name="title" required defaultValue={values?.title} />}
      </Field>
      <Field name={id("presenter")} label={t("meetings:fields.presenter")} error={errors[id("presenter")]}>
        {(props) => <input {...props} name="presenter" defaultValue={values?.presenter ?? ""} />}
      </Field>
      <Field name={id("description")} label={t("meetings:fields.description")} error={errors[id("description")]}>
        {(props) => <textarea {...props} name="description" rows={3} defaultValue={values?.description ?? ""} />}
      </Field>
      <Field
        name={id("proposedDecision")}
        label={t("meetings:fields.proposedDecision")}
        error={errors[id("proposedDecision")]}
      >
        {(props) => (
          <textarea {...props} name="proposedDecision" rows={2} defaultValue={values?.proposedDecision ?? ""} />
        )}
      </Field>
    </>
  );
}

function AgendaItemForms({
  meetingId,
  item,
  first,
  last,
  errors,
  outcomeErrors,
  documentErrors,
}: {
  meetingId: string;
  item: {
    id: string;
    title: string;
    description: string | null;
    presenter: string | null;
    proposedDecision: string | null;
    outcome: string | null;
    outcomeText: string | null;
  };
  first: boolean;
  last: boolean;
  errors: Record<string, string>;
  outcomeErrors: Record<string, string>;
  documentErrors: Record<string, string>;
}) {
  const { t } = useT();
  return (
    <details>
      <summary>{t("meetings:agenda.editItem", { title: item.title })}</summary>
      <Form method="post" className="inline">
        <CsrfField />
        <input type="hidden" name="itemId" value={item.id} />
        {!first ? (
          <button type="submit" name="intent" value="item-up">
            {t("meetings:agenda.up")}
          </button>
        ) : null}{" "}
        {!last ? (
          <button type="submit" name="intent" value="item-down">
            {t("meetings:agenda.down")}
          </button>
        ) : null}{" "}
        <button type="submit" name="intent" value="item-delete">
          {t("meetings:agenda.delete")}
        </button>
      </Form>
      <Form method="post" className="stacked">
        <CsrfField />
        <input type="hidden" name="intent" value="item-edit" />
        <input type="hidden" name="itemId" value={item.id} />
        <AgendaFields prefix={item.id} errors={errors} values={item} />
        <button type="submit">{t("meetings:agenda.save")}</button>
      </Form>
      <Form
        method="post"
        className="stacked"
        encType="multipart/form-data"
        action={`/governance/meetings/${meetingId}`}
      >
        <CsrfField />
        <input type="hidden" name="intent" value="document" />
        <input type="hidden" name="itemId" value={item.id} />
        <Field
          name={`${item.id}-document`}
          label={t("meetings:agenda.document")}
          error={documentErrors[`${item.id}-document`]}
        >
          {(props) => <input {...props} type="file" name="document" accept="application/pdf,.pdf" />}
        </Field>
        <button type="submit">{t("meetings:agenda.upload")}</button>
      </Form>
      <Form method="post" className="stacked">
        <CsrfField />
        <input type="hidden" name="intent" value="outcome" />
        <input type="hidden" name="itemId" value={item.id} />
        <Field
          name={`${item.id}-outcome`}
          label={t("meetings:fields.outcome")}
          error={outcomeErrors[`${item.id}-outcome`]}
        >
          {(props) => (
            <select {...props} name="outcome" defaultValue={item.outcome ?? ""}>
              <option value="">—</option>
              {outcomes.map((o) => (
                <option key={o} value={o}>
                  {t(`meetings:outcomes.${o}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          name={`${item.id}-outcomeText`}
          label={t("meetings:fields.outcomeText")}
          hint={t("meetings:agenda.outcomeHint")}
          error={outcomeErrors[`${item.id}-outcomeText`]}
        >
          {(props) => <textarea {...props} name="outcomeText" rows={2} defaultValue={item.outcomeText ?? ""} />}
        </Field>
        <button type="submit">{t("meetings:agenda.recordOutcome")}</button>
      </Form>
    </details>
  );
}
