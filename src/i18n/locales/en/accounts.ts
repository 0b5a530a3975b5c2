export const accounts = {
  signIn: {
    title: "Sign in",
    intro: "Sign in with the e-mail address and the password of your Ponte account.",
    email: "E-mail address",
    password: "Password",
    submit: "Sign in",
    forgot: "Forgot your password, or never chose one?",
    invalid: "The e-mail address or the password is not correct.",
    tooMany:
      "Too many failed sign-in attempts. Wait {{minutes}} minutes and try again, or ask for a link to choose a new password.",
    passwordChanged: "Your password has been saved. Sign in with your new password.",
  },
  reset: {
    requestTitle: "Choose a new password",
    requestIntro:
      "Enter the e-mail address of your account. We will send you a link to choose a new password. The link is valid for one hour.",
    email: "E-mail address",
    send: "Send me a link",
    sent: "If an account exists for {{email}}, we have sent a link to it. Check your mailbox, and your spam folder.",
    confirmTitle: "Choose a new password",
    firstTitle: "Choose your password",
    firstIntro: "Welcome to Ponte. Choose the password you will sign in with.",
    confirmIntro: "Choose a new password for your account. You will be signed out everywhere else.",
    password: "New password",
    passwordHint: "At least {{min}} characters. A few unrelated words make a strong password.",
    passwordConfirm: "Repeat the new password",
    mismatch: "The two passwords are not the same.",
    submit: "Save the password",
    invalidLink: "This link is not valid. Check that you copied all of it, or ask for a new one.",
    usedLink: "This link has already been used. Ask for a new one if you need to choose a password again.",
    expiredLink: "This link has expired. Ask for a new one.",
    linkProblemTitle: "This link cannot be used",
    requestNew: "Ask for a new link",
    backToSignIn: "Back to sign in",
  },
  mail: {
    reset: {
      subject: "Choose a new password for Ponte",
      text: "Hello {{name}},\n\nsomeone, hopefully you, asked to choose a new password for your account on Ponte, the platform of the Sweden Emilia-Romagna Network.\n\nChoose your new password here. The link is valid for one hour and works once:\n{{link}}\n\nIf you did not ask for this, ignore this e-mail: your password stays as it is.\n",
    },
    invite: {
      subject: "Your account on Ponte",
      text: "Hello {{name}},\n\nan account has been created for you on Ponte, the platform of the Sweden Emilia-Romagna Network.\n\nChoose your password here. The link is valid for seven days and works once:\n{{link}}\n\nIf the link has expired, ask for a new one at {{resetUrl}}\n",
    },
  },
  cli: {
    userCreated: "Created the account {{email}} ({{role}}), id {{id}}.",
    inviteSent: "A link to choose a password was mailed to {{email}}.",
    inviteKept:
      "A link to choose a password is in the outbox (no SMTP server is configured): the secretariat can read it at /admin/outbox.",
    inviteFailed: "The mail with the link to choose a password could not be sent; see the outbox at /admin/outbox.",
    tokenCreated: "API token {{id}} for {{email}}. Store it now: it is not shown again.",
    tokenRevoked: "API token {{id}} is revoked.",
    userNotFound: "There is no account with this e-mail address.",
    tokenNotFound: "There is no active API token with this id.",
    unknownOption: "Unknown option or missing value: {{detail}}",
  },
};
