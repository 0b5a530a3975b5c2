import { index, layout, type RouteConfig, route } from "@react-router/dev/routes";

/** Every page, by domain. Route modules live beside their domain's code. */
export default [
  // Every page sits in the shell, whose error boundary renders inside the root layout with the
  // root loader's data (language, user), also when an action fails.
  layout("ui/shell.tsx", [
    index("ui/home.tsx"),
    route("set-language", "ui/set-language.tsx"),

    // accounts
    route("login", "domains/accounts/ui/login.tsx"),
    route("logout", "domains/accounts/ui/logout.tsx"),
    route("password-reset", "domains/accounts/ui/reset-request.tsx"),
    route("password-reset/:token", "domains/accounts/ui/reset-confirm.tsx"),
    route("admin/outbox", "domains/accounts/ui/outbox.tsx"),

    // audit
    route("admin/audit", "domains/audit/ui/audit-log.tsx"),

    // organisations
    route("organisations", "domains/organisations/ui/list.tsx"),
    route("organisations/new", "domains/organisations/ui/new.tsx"),
    route("organisations/import", "domains/organisations/ui/import.tsx"),
    route("organisations/:id", "domains/organisations/ui/detail.tsx"),
    route("organisations/:id/edit", "domains/organisations/ui/edit.tsx"),
    route("organisations/:id/contacts/new", "domains/organisations/ui/contact-new.tsx"),
    route("organisations/:id/contacts/:contactId/edit", "domains/organisations/ui/contact-edit.tsx"),

    // membership
    route("join", "domains/membership/ui/join.tsx"),
    route("join/apply", "domains/membership/ui/apply.tsx"),
    route("join/applications/:token", "domains/membership/ui/application.tsx"),
    route("join/applications/:token/files/:file", "domains/membership/ui/application-file.tsx"),
    route("membership/applications", "domains/membership/ui/review-list.tsx"),
    route("membership/applications/:id", "domains/membership/ui/review-detail.tsx"),
    route("membership/applications/:id/files/:file", "domains/membership/ui/review-file.tsx"),
    route("membership/board", "domains/membership/ui/board.tsx"),

    // governance
    route("governance/meetings", "domains/governance/ui/meetings.tsx"),
    route("governance/meetings/:id", "domains/governance/ui/meeting.tsx"),
    route("governance/meetings/:id/minutes", "domains/governance/ui/minutes.tsx"),
    route("governance/decisions", "domains/governance/ui/decisions.tsx"),
    route("governance/meetings/:id/votes/new", "domains/governance/ui/vote-new.tsx"),
    route("governance/votes/:id", "domains/governance/ui/vote.tsx"),
    route("governance/bodies", "domains/governance/ui/bodies.tsx"),
    route("governance/bodies/:code", "domains/governance/ui/body.tsx"),
    route("about/governance", "domains/governance/ui/public-offices.tsx"),
    route("account/calendar", "domains/governance/ui/calendar.tsx"),

    // projects
    route("projects", "domains/projects/ui/board.tsx"),
    route("projects/new", "domains/projects/ui/new.tsx"),
    route("projects/:id", "domains/projects/ui/detail.tsx"),
    route("projects/:id/edit", "domains/projects/ui/edit.tsx"),

    // fees
    route("join/fees", "domains/fees/ui/calculator.tsx"),
    route("fees", "domains/fees/ui/schedules.tsx"),
    route("fees/:year", "domains/fees/ui/schedule.tsx"),

    // invoicing
    route("invoices", "domains/invoicing/ui/list.tsx"),
    route("invoices/seller", "domains/invoicing/ui/seller.tsx"),
    route("invoices/:id", "domains/invoicing/ui/detail.tsx"),

    // membership over time
    route("organisations/:id/membership", "domains/membership/ui/changes-organisation.tsx"),
    route("admin/membership-changes", "domains/membership/ui/changes-admin.tsx"),
    route("members/by-year", "domains/membership/ui/member-counts.tsx"),

    route("*", "ui/not-found.tsx"),
  ]),
] satisfies RouteConfig;
