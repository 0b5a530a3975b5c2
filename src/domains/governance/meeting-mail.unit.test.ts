import { describe, expect, it } from "vitest";
import { agendaPapers, fitPapers, MAX_ATTACHED_BYTES } from "./meeting-mail";
import type { AgendaEntry } from "./meetings-contract";

const MB = 1024 * 1024;
const paper = (filename: string, size: number) => ({ fileId: filename, filename, size });

function entry(position: number, documents: AgendaEntry["documents"]): AgendaEntry {
  return {
    id: null,
    position,
    title: `Item ${position}`,
    description: null,
    presenter: null,
    proposedDecision: null,
    documents,
    applicationId: null,
    link: null,
    outcome: null,
    outcomeText: null,
    decision: null,
  };
}

describe("the papers of a meeting mail", () => {
  it("names each document with its item's number, in agenda order", () => {
    const papers = agendaPapers([
      entry(1, []),
      entry(2, [
        { id: "a", filename: "budget-2027.pdf", size: 10 },
        { id: "b", filename: "annex.pdf", size: 20 },
      ]),
      entry(3, [{ id: "c", filename: "report.pdf", size: 30 }]),
    ]);
    expect(papers).toEqual([
      { fileId: "a", filename: "2 - budget-2027.pdf", size: 10 },
      { fileId: "b", filename: "2 - annex.pdf", size: 20 },
      { fileId: "c", filename: "3 - report.pdf", size: 30 },
    ]);
  });

  it("attaches papers in order while they fit and links the rest, up to the limit exactly", () => {
    const { attached, linked } = fitPapers([
      paper("1 - a.pdf", 4 * MB),
      paper("2 - b.pdf", 4 * MB), // 8 MB would not fit
      paper("3 - c.pdf", 3 * MB), // 7 MB exactly fits
      paper("4 - d.pdf", 1), // one byte over
    ]);
    expect(MAX_ATTACHED_BYTES).toBe(7 * MB);
    expect(attached.map((p) => p.filename)).toEqual(["1 - a.pdf", "3 - c.pdf"]);
    expect(linked.map((p) => p.filename)).toEqual(["2 - b.pdf", "4 - d.pdf"]);
  });

  it("links a single paper larger than the limit", () => {
    const { attached, linked } = fitPapers([paper("1 - huge.pdf", MAX_ATTACHED_BYTES + 1)]);
    expect(attached).toEqual([]);
    expect(linked.map((p) => p.filename)).toEqual(["1 - huge.pdf"]);
  });
});
