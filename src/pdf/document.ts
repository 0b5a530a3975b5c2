/**
 * Drawing helpers for the PDFs Ponte produces (application forms, certificates, invoices):
 * A4 pages, DejaVu fonts so every European letter prints, headings, wrapped paragraphs, label/value
 * tables and signature lines, with automatic page breaks. pdf-lib underneath.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";

const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = 56;

let fontBytes: { regular: Uint8Array; bold: Uint8Array } | undefined;

/** The DejaVu font folder: resolved through the package, else from the working directory. */
function fontDir(): string {
  try {
    const require = createRequire(import.meta.url);
    return path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
  } catch {
    return path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
  }
}

function fonts(): { regular: Uint8Array; bold: Uint8Array } {
  if (!fontBytes) {
    const dir = fontDir();
    fontBytes = {
      regular: readFileSync(path.join(dir, "DejaVuSans.ttf")),
      bold: readFileSync(path.join(dir, "DejaVuSans-Bold.ttf")),
    };
  }
  return fontBytes;
}

export type PdfWriter = {
  readonly doc: PDFDocument;
  title(text: string): void;
  heading(text: string): void;
  paragraph(text: string, options?: { size?: number; bold?: boolean; gap?: number }): void;
  /** Label/value rows, the label in a narrow left column; long values wrap. */
  fields(rows: readonly (readonly [string, string])[]): void;
  /** A line to sign on, with its caption underneath. */
  signatureLine(caption: string): void;
  space(points: number): void;
  /** A small line at the foot of every page (drawn when saving). */
  footer(text: string): void;
  save(): Promise<Uint8Array>;
};

/** Splits text into lines no wider than `width` at the font size (words longer than a line are cut). */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, "\n").split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** A new A4 document with DejaVu Sans embedded (subset) and the given metadata. */
export async function createPdf(meta: { title: string; language: string; author?: string }): Promise<PdfWriter> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const bytes = fonts();
  const regular = await doc.embedFont(bytes.regular, { subset: true });
  const bold = await doc.embedFont(bytes.bold, { subset: true });
  doc.setTitle(meta.title);
  doc.setLanguage(meta.language);
  doc.setProducer("Ponte");
  if (meta.author) doc.setAuthor(meta.author);
  doc.setCreationDate(new Date());

  const width = A4.width - 2 * MARGIN;
  let page: PDFPage = doc.addPage([A4.width, A4.height]);
  let y = A4.height - MARGIN;
  let footerText: string | null = null;

  const ensure = (needed: number) => {
    if (y - needed < MARGIN + 20) {
      page = doc.addPage([A4.width, A4.height]);
      y = A4.height - MARGIN;
    }
  };
  const line = (text: string, size: number, font: PDFFont, x = MARGIN) => {
    ensure(size * 1.4);
    y -= size * 1.4;
    page.drawText(text, { x, y, size, font, color: rgb(0.1, 0.1, 0.1) });
  };

  return {
    doc,
    title(text) {
      for (const l of wrapText(text, bold, 18, width)) line(l, 18, bold);
      y -= 8;
    },
    heading(text) {
      ensure(40);
      y -= 10;
      for (const l of wrapText(text, bold, 12.5, width)) line(l, 12.5, bold);
      y -= 2;
    },
    paragraph(text, options = {}) {
      const size = options.size ?? 10;
      const font = options.bold ? bold : regular;
      for (const l of wrapText(text, font, size, width)) line(l, size, font);
      y -= options.gap ?? 4;
    },
    fields(rows) {
      const size = 10;
      const labelWidth = width * 0.35;
      const valueWidth = width - labelWidth - 8;
      for (const [label, value] of rows) {
        const labelLines = wrapText(label, bold, size, labelWidth);
        const valueLines = wrapText(value || "—", regular, size, valueWidth);
        const n = Math.max(labelLines.length, valueLines.length);
        ensure(n * size * 1.4 + 4);
        for (let i = 0; i < n; i++) {
          y -= size * 1.4;
          const l = labelLines[i];
          const v = valueLines[i];
          if (l) page.drawText(l, { x: MARGIN, y, size, font: bold, color: rgb(0.25, 0.25, 0.25) });
          if (v) page.drawText(v, { x: MARGIN + labelWidth + 8, y, size, font: regular, color: rgb(0.1, 0.1, 0.1) });
        }
        y -= 4;
      }
    },
    signatureLine(caption) {
      ensure(70);
      y -= 50;
      page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + 240, y }, thickness: 0.8, color: rgb(0, 0, 0) });
      y -= 12;
      page.drawText(caption, { x: MARGIN, y, size: 9, font: regular, color: rgb(0.3, 0.3, 0.3) });
      y -= 6;
    },
    space(points) {
      y -= points;
    },
    footer(text) {
      footerText = text;
    },
    async save() {
      const pages = doc.getPages();
      pages.forEach((p, i) => {
        const text = [footerText, `${i + 1}/${pages.length}`].filter(Boolean).join(" · ");
        p.drawText(text, { x: MARGIN, y: MARGIN / 2, size: 8, font: regular, color: rgb(0.45, 0.45, 0.45) });
      });
      return doc.save();
    },
  };
}

/** Whether the bytes are really a PDF: the `%PDF-` header near the start, and pdf-lib can read it. */
export async function isRealPdf(bytes: Uint8Array): Promise<boolean> {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.byteLength - 2048))).toString("latin1");
  if (!head.includes("%PDF-") || !tail.includes("%%EOF")) return false;
  try {
    // pdf-lib reads leniently: a document it can read must also have at least one page.
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    return doc.getPageCount() > 0;
  } catch {
    return false;
  }
}
