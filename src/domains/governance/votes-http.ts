/**
 * The API of votes: create and change drafts, open and close, cast ballots, read results.
 * Each handler: parse → one service function (which authorizes) → present.
 * Registered by src/http/api.ts: `registerVotesApi(api)`.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "~/http/context";
import { pickErrors } from "~/http/openapi";
import {
  castBallot,
  changeVote,
  closeVote,
  createVote,
  deleteVote,
  getVote,
  listBallots,
  listVotes,
  openVote,
} from "./votes";
import { BallotInput, BallotRecord, CastBallot, Vote, VoteInput, VotePatch, VoteSummary } from "./votes-contract";

const IdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, format: "uuid" }) });
const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const tags = ["governance"];

const createVoteRoute = createRoute({
  method: "post",
  path: "/meetings/{id}/votes",
  tags,
  summary: "Create a vote on a meeting (secretariat)",
  description:
    "A `motion` gets the options yes, no and abstain; an `election` takes `candidates` (at least two) and `seats` (fewer than the candidates). `weighting: weighted` only for the General Assembly. The vote starts as a draft.",
  request: { params: IdParam, body: { required: true, content: json(VoteInput) } },
  responses: {
    201: { description: "The vote (draft)", content: json(Vote) },
    ...pickErrors(400, 401, 403, 404, 409, 415, 422),
  },
});

const listVotesRoute = createRoute({
  method: "get",
  path: "/meetings/{id}/votes",
  tags,
  summary: "The votes of a meeting",
  description:
    "Visible as the meeting is: the secretariat and the Board all, member contacts the General Assembly's, participants their own meeting's.",
  request: { params: IdParam },
  responses: {
    200: { description: "The votes, oldest first", content: json(z.array(VoteSummary)) },
    ...pickErrors(401, 404),
  },
});

const getVoteRoute = createRoute({
  method: "get",
  path: "/votes/{id}",
  tags,
  summary: "A vote",
  description:
    "While open only the number of ballots cast; once closed the final result. `voters` lists the ballots the caller may cast (their own and by proxy) and whether each is cast.",
  request: { params: IdParam },
  responses: {
    200: { description: "The vote", content: json(Vote) },
    ...pickErrors(401, 404),
  },
});

const patchVoteRoute = createRoute({
  method: "patch",
  path: "/votes/{id}",
  tags,
  summary: "Change a draft vote (secretariat)",
  description: "Only a draft changes (409 otherwise). `candidates`, when sent, replace the election's candidates.",
  request: { params: IdParam, body: { required: true, content: json(VotePatch) } },
  responses: {
    200: { description: "The vote", content: json(Vote) },
    ...pickErrors(400, 401, 403, 404, 409, 415, 422),
  },
});

const deleteVoteRoute = createRoute({
  method: "delete",
  path: "/votes/{id}",
  tags,
  summary: "Delete a draft vote (secretariat)",
  request: { params: IdParam },
  responses: {
    204: { description: "Deleted" },
    ...pickErrors(401, 403, 404, 409),
  },
});

const openRoute = createRoute({
  method: "post",
  path: "/votes/{id}/open",
  tags,
  summary: "Open a draft vote for ballots (secretariat)",
  description: "409 without the quorum (the body's quorum over the meeting's participants), or when not a draft.",
  request: { params: IdParam },
  responses: {
    200: { description: "The vote, open", content: json(Vote) },
    ...pickErrors(401, 403, 404, 409),
  },
});

const closeRoute = createRoute({
  method: "post",
  path: "/votes/{id}/close",
  tags,
  summary: "Close an open vote and count (secretariat)",
  description:
    "Checks the quorum again (409 without it: the vote stays open), counts the ballots and stores the result, which is final: no more ballots, no reopening, no changes.",
  request: { params: IdParam },
  responses: {
    200: { description: "The vote with its result", content: json(Vote) },
    ...pickErrors(401, 403, 404, 409),
  },
});

const castRoute = createRoute({
  method: "post",
  path: "/votes/{id}/ballots",
  tags,
  summary: "Cast a ballot",
  description:
    "While the vote is open. `voterKey` defaults to the caller's own participant; a proxy holder names the participant they represent; the secretariat enters ballots cast in the room for any participant present or represented. A motion takes exactly one option, an election 1 to `seats` distinct candidates. 409 when that voter has already voted.",
  request: { params: IdParam, body: { required: true, content: json(BallotInput) } },
  responses: {
    201: { description: "The ballot recorded (never what it chose)", content: json(CastBallot) },
    ...pickErrors(400, 401, 403, 404, 409, 415, 422),
  },
});

const ballotsRoute = createRoute({
  method: "get",
  path: "/votes/{id}/ballots",
  tags,
  summary: "Who voted (secretariat)",
  description:
    "A named ballot lists what each voter chose; a secret ballot only who voted — what they chose is not linked to them in the database.",
  request: { params: IdParam },
  responses: {
    200: { description: "The ballots, in the order cast", content: json(z.array(BallotRecord)) },
    ...pickErrors(401, 403, 404),
  },
});

export function registerVotesApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(createVoteRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json(await createVote(database.db, actor, c.req.valid("param").id, c.req.valid("json")), 201);
  });

  api.openapi(listVotesRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json(await listVotes(database.db, actor, c.req.valid("param").id), 200);
  });

  api.openapi(getVoteRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json(await getVote(database.db, actor, c.req.valid("param").id), 200);
  });

  api.openapi(patchVoteRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json(await changeVote(database.db, actor, c.req.valid("param").id, c.req.valid("json")), 200);
  });

  api.openapi(deleteVoteRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    await deleteVote(database.db, actor, c.req.valid("param").id);
    return c.body(null, 204);
  });

  api.openapi(openRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json(await openVote(database.db, actor, c.req.valid("param").id), 200);
  });

  api.openapi(closeRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json(await closeVote(database.db, actor, c.req.valid("param").id), 200);
  });

  api.openapi(castRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json(await castBallot(database.db, actor, c.req.valid("param").id, c.req.valid("json")), 201);
  });

  api.openapi(ballotsRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json(await listBallots(database.db, actor, c.req.valid("param").id), 200);
  });
}
