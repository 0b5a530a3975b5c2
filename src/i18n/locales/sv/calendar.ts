import type { calendar as en } from "../en/calendar";

export const calendar: typeof en = {
  title: "Kalender",
  intro:
    "Prenumerera på dina möten i ditt kalenderprogram (Outlook, Google Kalender, Apple Kalender…) med en privat adress. Den visar mötena du deltar i, från de senaste tolv månaderna och framåt, och följer flyttade och inställda möten.",
  secret:
    "Adressen är personlig: den som har den ser dina möten. Behåll den för dig själv; om den har läckt, återställ den så slutar den gamla adressen att fungera.",
  noFeed: "Du har ingen kalenderadress ännu.",
  hasFeed: "Du har en kalenderadress sedan {{date}}. Av säkerhetsskäl visas den bara en gång, när den skapas.",
  create: "Skapa min kalenderadress",
  reset: "Återställ adressen",
  resetHint: "En ny adress ersätter den gamla, som slutar fungera direkt.",
  confirmReset: "Ja, den gamla adressen ska sluta fungera",
  confirmRequired: "Kryssa i rutan för att bekräfta återställningen.",
  created: "Din kalenderadress har skapats. Kopiera den nu: den visas inte igen.",
  wasReset: "Din kalenderadress har återställts: den gamla fungerar inte längre. Kopiera den nya nu.",
  address: "Din kalenderadress",
  howTo:
    "Välj ”Prenumerera på kalender” eller ”Lägg till kalender från URL” i ditt kalenderprogram och klistra in adressen.",
  publicFeed: "Nätverkets offentliga möten, för alla:",
  feed: {
    privateName: "{{network}} — mina möten",
    publicName: "{{network}} — offentliga möten",
    details: "Detaljer: {{url}}",
    video: "Video: {{url}}",
    cancelled: "Mötet har ställts in.",
  },
};
