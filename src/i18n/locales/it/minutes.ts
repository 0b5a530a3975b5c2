import type { minutes as en } from "../en/minutes";

export const minutes: typeof en = {
  title: "Verbali",
};
