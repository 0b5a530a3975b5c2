/** Texts of votes (governance). */
export const votes = {
  title: "Votes",
};
