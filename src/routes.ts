import { index, type RouteConfig, route } from "@react-router/dev/routes";

/** Every page, by domain. Route modules live beside their domain's code. */
export default [
  index("ui/home.tsx"),
  route("set-language", "ui/set-language.tsx"),
  route("*", "ui/not-found.tsx"),
] satisfies RouteConfig;
