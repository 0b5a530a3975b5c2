/** Texts of calendar (governance): the private feed page and the feeds themselves. */
export const calendar = {
  title: "Calendar",
  intro:
    "Subscribe to your meetings in your calendar program (Outlook, Google Calendar, Apple Calendar…) with a private address. It shows the meetings you take part in, from the last twelve months into the future, and follows moves and cancellations.",
  secret:
    "The address is personal: anyone who has it sees your meetings. Keep it to yourself; if it has leaked, reset it and the old address stops working.",
  noFeed: "You have no calendar address yet.",
  hasFeed: "You have a calendar address since {{date}}. For your safety it is shown only once, when it is created.",
  create: "Create my calendar address",
  reset: "Reset the address",
  resetHint: "A new address replaces the old one, which stops working at once.",
  confirmReset: "Yes, the old address should stop working",
  confirmRequired: "Tick the box to confirm the reset.",
  created: "Your calendar address has been created. Copy it now: it will not be shown again.",
  wasReset: "Your calendar address has been reset: the old one no longer works. Copy the new one now.",
  address: "Your calendar address",
  howTo: "In your calendar program, choose “Subscribe to calendar” or “Add calendar from URL” and paste the address.",
  publicFeed: "Public meetings of the network, for everyone:",
  feed: {
    privateName: "{{network}} — my meetings",
    publicName: "{{network}} — public meetings",
    details: "Details: {{url}}",
    video: "Video: {{url}}",
    cancelled: "This meeting has been cancelled.",
  },
};
