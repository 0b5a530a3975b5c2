import type { accounts as en } from "../en/accounts";

export const accounts: typeof en = {
  signIn: {
    title: "Logga in",
    intro: "Logga in med e-postadressen och lösenordet för ditt Ponte-konto.",
    email: "E-postadress",
    password: "Lösenord",
    submit: "Logga in",
    forgot: "Har du glömt ditt lösenord, eller aldrig valt något?",
    invalid: "E-postadressen eller lösenordet är inte rätt.",
    tooMany:
      "För många misslyckade inloggningsförsök. Vänta {{minutes}} minuter och försök igen, eller be om en länk för att välja ett nytt lösenord.",
    passwordChanged: "Ditt lösenord är sparat. Logga in med ditt nya lösenord.",
  },
  reset: {
    requestTitle: "Välj ett nytt lösenord",
    requestIntro:
      "Ange e-postadressen för ditt konto. Vi skickar en länk där du kan välja ett nytt lösenord. Länken gäller i en timme.",
    email: "E-postadress",
    send: "Skicka en länk",
    sent: "Om det finns ett konto för {{email}} har vi skickat en länk dit. Titta i din inkorg, och i skräpposten.",
    confirmTitle: "Välj ett nytt lösenord",
    firstTitle: "Välj ditt lösenord",
    firstIntro: "Välkommen till Ponte. Välj det lösenord du ska logga in med.",
    confirmIntro: "Välj ett nytt lösenord för ditt konto. Du loggas ut från alla andra sessioner.",
    password: "Nytt lösenord",
    passwordHint: "Minst {{min}} tecken. Några orelaterade ord ger ett starkt lösenord.",
    passwordConfirm: "Upprepa det nya lösenordet",
    mismatch: "De två lösenorden är inte likadana.",
    submit: "Spara lösenordet",
    invalidLink: "Länken är inte giltig. Kontrollera att du har kopierat hela länken, eller be om en ny.",
    usedLink: "Länken har redan använts. Be om en ny om du behöver välja lösenord igen.",
    expiredLink: "Länken har gått ut. Be om en ny.",
    linkProblemTitle: "Länken kan inte användas",
    requestNew: "Be om en ny länk",
    backToSignIn: "Tillbaka till inloggningen",
  },
  mail: {
    reset: {
      subject: "Välj ett nytt lösenord för Ponte",
      text: "Hej {{name}}!\n\nNågon, förhoppningsvis du, har bett om att få välja ett nytt lösenord för ditt konto i Ponte, plattformen för Sweden Emilia-Romagna Network.\n\nVälj ditt nya lösenord här. Länken gäller i en timme och kan bara användas en gång:\n{{link}}\n\nOm det inte var du som bad om det kan du bortse från det här mejlet: ditt lösenord förblir som det är.\n",
    },
    invite: {
      subject: "Ditt konto i Ponte",
      text: "Hej {{name}}!\n\nEtt konto har skapats åt dig i Ponte, plattformen för Sweden Emilia-Romagna Network.\n\nVälj ditt lösenord här. Länken gäller i sju dagar och kan bara användas en gång:\n{{link}}\n\nOm länken har gått ut kan du be om en ny på {{resetUrl}}\n",
    },
  },
  cli: {
    userCreated: "Kontot {{email}} ({{role}}) är skapat, id {{id}}.",
    inviteSent: "En länk för att välja lösenord har mejlats till {{email}}.",
    inviteKept:
      "En länk för att välja lösenord ligger i utkorgen (ingen SMTP-server är inställd): sekretariatet kan läsa den på /admin/outbox.",
    inviteFailed: "Mejlet med länken för att välja lösenord kunde inte skickas; se utkorgen på /admin/outbox.",
    tokenCreated: "API-token {{id}} för {{email}}. Spara den nu: den visas inte igen.",
    tokenRevoked: "API-token {{id}} är återkallad.",
    userNotFound: "Det finns inget konto med den här e-postadressen.",
    tokenNotFound: "Det finns ingen aktiv API-token med det här id:t.",
    unknownOption: "Okänt alternativ eller värde saknas: {{detail}}",
  },
};
