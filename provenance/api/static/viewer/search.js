// The search page: quotations matching the words typed, each linked to its chain viewer.
import { NO_OUTLET, day, graphql, h, showError } from "./common.js";

const QUERY = `query SearchQuotations($search: String) {
  quotations(search: $search, first: 20) {
    totalCount
    edges { node {
      slug text
      speaker { name }
      attributions { totalCount }
      firstAppearance { article { publishedOn outlet { name } } }
    } }
  }
}`;

function result(quotation) {
  const first = quotation.firstAppearance;
  const where = first
    ? `first reported by ${first.article.outlet ? first.article.outlet.name : `an article (${NO_OUTLET.toLowerCase()})`}` +
      (first.article.publishedOn ? ` on ${day(first.article.publishedOn)}` : " (date not stated)")
    : "no appearance recorded";
  const count = quotation.attributions.totalCount;
  return h(
    "li",
    { class: "result" },
    h("a", { href: `/quotations/${encodeURIComponent(quotation.slug)}` }, `“${quotation.text}”`),
    h("div", { class: "meta" }, `said by ${quotation.speaker.name} · ${where} · ${count} appearance${count === 1 ? "" : "s"}`),
  );
}

async function main() {
  const search = new URLSearchParams(location.search).get("q")?.trim() || null;
  const input = document.getElementById("q");
  if (search) input.value = search;
  const results = document.getElementById("results");
  try {
    const data = await graphql(QUERY, { search });
    const edges = data.quotations.edges;
    const total = data.quotations.totalCount;
    const heading = search
      ? `${total} quotation${total === 1 ? "" : "s"} matching “${search}”`
      : `Recorded quotations (${total})`;
    results.replaceChildren(
      h("h2", {}, heading),
      edges.length
        ? h("ol", { class: "results" }, edges.map((e) => result(e.node)))
        : h("p", { class: "muted" }, "Nothing matches. Try fewer or other words."),
    );
  } catch (error) {
    showError(results, "search", error);
  }
}

main();
