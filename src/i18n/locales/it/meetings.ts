import type { meetings as en } from "../en/meetings";

export const meetings: typeof en = {
  title: "Riunioni",
};
