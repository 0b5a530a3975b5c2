import type { calendar as en } from "../en/calendar";

export const calendar: typeof en = {
  title: "Calendario",
  intro:
    "Iscriviti alle tue riunioni nel tuo programma di calendario (Outlook, Google Calendar, Calendario di Apple…) con un indirizzo privato. Mostra le riunioni a cui partecipi, dagli ultimi dodici mesi in avanti, e segue spostamenti e annullamenti.",
  secret:
    "L'indirizzo è personale: chi lo possiede vede le tue riunioni. Non condividerlo; se è stato diffuso, reimpostalo e il vecchio indirizzo smetterà di funzionare.",
  noFeed: "Non hai ancora un indirizzo di calendario.",
  hasFeed: "Hai un indirizzo di calendario dal {{date}}. Per sicurezza viene mostrato una sola volta, alla creazione.",
  create: "Crea il mio indirizzo di calendario",
  reset: "Reimposta l'indirizzo",
  resetHint: "Un nuovo indirizzo sostituisce il vecchio, che smette subito di funzionare.",
  confirmReset: "Sì, il vecchio indirizzo deve smettere di funzionare",
  confirmRequired: "Spunta la casella per confermare la reimpostazione.",
  created: "Il tuo indirizzo di calendario è stato creato. Copialo ora: non verrà mostrato di nuovo.",
  wasReset: "Il tuo indirizzo di calendario è stato reimpostato: il vecchio non funziona più. Copia ora quello nuovo.",
  address: "Il tuo indirizzo di calendario",
  howTo:
    "Nel tuo programma di calendario scegli «Iscriviti a un calendario» o «Aggiungi calendario da URL» e incolla l'indirizzo.",
  publicFeed: "Le riunioni pubbliche della rete, per tutti:",
  feed: {
    privateName: "{{network}} — le mie riunioni",
    publicName: "{{network}} — riunioni pubbliche",
    details: "Dettagli: {{url}}",
    video: "Video: {{url}}",
    cancelled: "Questa riunione è stata annullata.",
  },
};
