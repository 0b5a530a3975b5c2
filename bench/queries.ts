/**
 * The fixed set of directory queries the benchmark times: what people type into the search box,
 * prefix by prefix, with and without accents, with typos, official codes and region names, with
 * and without filters. Each is a query string of `GET /api/v1/organisations`.
 */
export type BenchQuery = { label: string; params: Record<string, string> };

const q = (text: string, filters: Record<string, string> = {}): BenchQuery => ({
  label: [JSON.stringify(text), ...Object.entries(filters).map(([k, v]) => `${k}=${v}`)].join(" "),
  params: { q: text, ...filters },
});

const filtered = (filters: Record<string, string>): BenchQuery => ({
  label: Object.keys(filters).length
    ? Object.entries(filters)
        .map(([k, v]) => `${k}=${v}`)
        .join(" ")
    : "(no query: first page)",
  params: filters,
});

export const benchQueries: BenchQuery[] = [
  // Prefixes as typed, without accents.
  q("forl"),
  q("forli"),
  q("forlì"),
  q("malmo"),
  q("malmö"),
  q("vasteras"),
  q("västerås"),
  q("reggio em"),
  q("reggio nell emilia"),
  q("parma"),
  q("göteborg"),
  q("cesena"),
  // Typos.
  q("bolgna"),
  q("uppsla"),
  q("ferara"),
  // Common words that match thousands of organisations.
  q("san giovanni"),
  q("saint"),
  q("bad"),
  q("gmina"),
  // Official codes and regions.
  q("040012"),
  q("1280"),
  q("emilia-romagna"),
  q("skåne"),
  q("toscana"),
  // With filters.
  q("parma", { country: "IT" }),
  q("san", { country: "IT", type: "municipality" }),
  q("kommun", { country: "SE", status: "member" }),
  q("castel", { nuts: "ITH5" }),
  filtered({ status: "member", priority: "climate_action" }),
  filtered({ country: "SE", type: "municipality", sort: "name" }),
  filtered({}),
];
