import type { organisations as en } from "../en/organisations";

export const organisations: typeof en = {
  title: "organisations",
};
