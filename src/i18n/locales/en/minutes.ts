/** Texts of minutes (governance). */
export const minutes = {
  title: "Minutes",
};
