import type { calendar as en } from "../en/calendar";

export const calendar: typeof en = {
  title: "Kalender",
};
