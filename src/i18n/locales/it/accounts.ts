import type { accounts as en } from "../en/accounts";

export const accounts: typeof en = {
  signIn: {
    title: "Accedi",
    intro: "Accedi con l'indirizzo e-mail e la password del tuo account Ponte.",
    email: "Indirizzo e-mail",
    password: "Password",
    submit: "Accedi",
    forgot: "Hai dimenticato la password, o non l'hai mai scelta?",
    invalid: "L'indirizzo e-mail o la password non sono corretti.",
    tooMany:
      "Troppi tentativi di accesso non riusciti. Attendi {{minutes}} minuti e riprova, oppure chiedi un link per scegliere una nuova password.",
    passwordChanged: "La tua password è stata salvata. Accedi con la nuova password.",
  },
  reset: {
    requestTitle: "Scegli una nuova password",
    requestIntro:
      "Inserisci l'indirizzo e-mail del tuo account. Ti invieremo un link per scegliere una nuova password. Il link è valido per un'ora.",
    email: "Indirizzo e-mail",
    send: "Inviami un link",
    sent: "Se esiste un account per {{email}}, gli abbiamo inviato un link. Controlla la tua casella di posta, anche lo spam.",
    confirmTitle: "Scegli una nuova password",
    firstTitle: "Scegli la tua password",
    firstIntro: "Ti diamo il benvenuto in Ponte. Scegli la password con cui accederai.",
    confirmIntro: "Scegli una nuova password per il tuo account. Ogni altra sessione verrà chiusa.",
    password: "Nuova password",
    passwordHint: "Almeno {{min}} caratteri. Alcune parole senza legame tra loro fanno una password robusta.",
    passwordConfirm: "Ripeti la nuova password",
    mismatch: "Le due password non coincidono.",
    submit: "Salva la password",
    invalidLink: "Questo link non è valido. Controlla di averlo copiato per intero, oppure chiedine uno nuovo.",
    usedLink: "Questo link è già stato usato. Chiedine uno nuovo se devi scegliere di nuovo la password.",
    expiredLink: "Questo link è scaduto. Chiedine uno nuovo.",
    linkProblemTitle: "Questo link non può essere usato",
    requestNew: "Chiedi un nuovo link",
    backToSignIn: "Torna all'accesso",
  },
  mail: {
    reset: {
      subject: "Scegli una nuova password per Ponte",
      text: "Gentile {{name}},\n\nqualcuno, speriamo tu, ha chiesto di scegliere una nuova password per il tuo account su Ponte, la piattaforma della Sweden Emilia-Romagna Network.\n\nScegli la nuova password qui. Il link è valido per un'ora e funziona una sola volta:\n{{link}}\n\nSe non l'hai chiesto tu, ignora questa e-mail: la tua password resta invariata.\n",
    },
    invite: {
      subject: "Il tuo account su Ponte",
      text: "Gentile {{name}},\n\nè stato creato per te un account su Ponte, la piattaforma della Sweden Emilia-Romagna Network.\n\nScegli la tua password qui. Il link è valido per sette giorni e funziona una sola volta:\n{{link}}\n\nSe il link è scaduto, chiedine uno nuovo su {{resetUrl}}\n",
    },
  },
  cli: {
    userCreated: "Account {{email}} ({{role}}) creato, id {{id}}.",
    inviteSent: "Un link per scegliere la password è stato inviato a {{email}}.",
    inviteKept:
      "Un link per scegliere la password è nella posta in uscita (nessun server SMTP configurato): la segreteria può leggerlo su /admin/outbox.",
    inviteFailed: "Non è stato possibile inviare l'e-mail con il link per scegliere la password; vedi /admin/outbox.",
    tokenCreated: "Token API {{id}} per {{email}}. Conservalo ora: non verrà più mostrato.",
    tokenRevoked: "Il token API {{id}} è revocato.",
    userNotFound: "Non esiste un account con questo indirizzo e-mail.",
    tokenNotFound: "Non esiste un token API attivo con questo id.",
    unknownOption: "Opzione sconosciuta o valore mancante: {{detail}}",
  },
};
