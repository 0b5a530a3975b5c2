/** Texts of calendar (governance). */
export const calendar = {
  title: "Calendar",
};
