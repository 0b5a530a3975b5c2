/** Texts of meetings (governance). */
export const meetings = {
  title: "Meetings",
};
