/**
 * Test helper: validates e-invoices against the official schemas (copied into ./schemas so a
 * fresh clone validates offline). Only imported by tests.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { validateXML, type XMLFileInfo } from "xmllint-wasm";

const schemaDir = join(import.meta.dirname, "schemas");

type Schemas = {
  invoice: XMLFileInfo;
  creditNote: XMLFileInfo;
  fatturapa: XMLFileInfo;
  ubl: XMLFileInfo[];
  dsig: XMLFileInfo;
};
let loaded: Promise<Schemas> | undefined;

const file = async (path: string): Promise<XMLFileInfo> => ({
  fileName: path,
  contents: await readFile(join(schemaDir, path), "utf8"),
});

async function load(): Promise<Schemas> {
  const common = (await readdir(join(schemaDir, "ubl-2.1/common"))).filter((f) => f.endsWith(".xsd"));
  return {
    invoice: await file("ubl-2.1/maindoc/UBL-Invoice-2.1.xsd"),
    creditNote: await file("ubl-2.1/maindoc/UBL-CreditNote-2.1.xsd"),
    ubl: await Promise.all(common.map((f) => file(`ubl-2.1/common/${f}`))),
    fatturapa: await file("fatturapa-1.2/Schema_del_file_xml_FatturaPA_v1.2.1.xsd"),
    dsig: await file("fatturapa-1.2/xmldsig-core-schema.xsd"),
  };
}

/** The schema's complaints about a document (empty when it is valid). */
export async function schemaErrors(xml: string, schema: "invoice" | "creditNote" | "fatturapa"): Promise<string[]> {
  loaded ??= load();
  const schemas = await loaded;
  const result = await validateXML({
    xml: [{ fileName: "document.xml", contents: xml }],
    schema: [schemas[schema]],
    preload: schema === "fatturapa" ? [schemas.dsig] : schemas.ubl,
    maxMemoryPages: 4096,
  });
  return result.errors.map((e) => e.message);
}
