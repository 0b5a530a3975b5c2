import type { votes as en } from "../en/votes";

export const votes: typeof en = {
  title: "Omröstningar",
};
