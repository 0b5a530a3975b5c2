/** Texts of governance (governance). */
export const governance = {
  title: "Governance",
};
