export const organisations = {
  title: "organisations",
};
