// The chain viewer of one quotation (/quotations/{slug}): who said it, where it first
// appeared, every hop after that with its outlet, date, lag and how the words changed,
// the relay graph as a picture, and the sources. Everything comes from /graphql.
import { NO_OUTLET, SPEAKER_KINDS, day, graphql, h, lag, showError } from "./common.js";
import { inlineDiff } from "./diff.js";

const QUERY = `query ChainViewer($slug: String!) {
  quotation(slug: $slug) {
    slug text language
    speaker { name kind description }
    relayGraph {
      nodes {
        depth lagDays firstAppearance
        attribution {
          id text kind status confidence cue speakerLabel anchorStatus markers
          speaker { name }
          upstream { id }
          article { slug title url publishedOn citationOnly citedAs outlet { name website } }
          fidelity {
            verdict similarity comparedWithUpstream upstreamText
            changes { kind upstreamText text position }
          }
        }
      }
    }
  }
}`;

const KINDS = {
  DIRECT: ["direct quote", "the whole statement in quotation marks"],
  PARTIAL: ["partial quote", "a fragment in quotation marks inside reported speech"],
  INDIRECT: ["reported speech", "the statement retold without quotation marks"],
};

const VERDICTS = {
  IDENTICAL: ["same", "The same words."],
  TRUNCATED: ["cut", "Words cut at the start or the end."],
  ELIDED: ["cut", "Words left out in the middle."],
  INSERTED: ["inserted", "Words inserted in [brackets] by the article."],
  TRANSLATED: ["translated", "A translation."],
  REWORDED: ["reworded", "Other words: a paraphrase or a change."],
};

const MARKERS = {
  INSERTION: "words added in [brackets]",
  ELISION: "words left out, marked with …",
  TRUNCATION: "breaks off before the statement ends",
  TRANSLATION: "marked as a translation",
  SIC: "[sic]: keeps an error of the original",
};

const STATUSES = {
  EXTRACTED: "proposed by the extractor, not yet checked by a person",
  RECORDED: "entered or confirmed by a person",
  VERIFIED: "checked against the source and found right",
  DISPUTED: "checked and found doubtful or wrong",
};

function outletName(article) {
  return article.outlet ? article.outlet.name : NO_OUTLET;
}

function articleName(article) {
  if (article.title) return article.title;
  if (article.citationOnly && article.citedAs) return `cited as “${article.citedAs}”`;
  return `article ${article.slug}`;
}

function sourceLink(article) {
  if (article.url) {
    return h("a", { href: article.url, rel: "noopener noreferrer", class: "source" }, "Read the article");
  }
  if (article.citationOnly) return h("span", { class: "muted" }, "No copy or link of this article is recorded.");
  return h("span", { class: "muted" }, "No link to this article is recorded.");
}

function fact(label, ...value) {
  return h("div", { class: "fact" }, h("dt", {}, label), h("dd", {}, ...value));
}

function wordsChanged(attribution, upstream) {
  const fidelity = attribution.fidelity;
  if (!fidelity) return null;
  const [tag, meaning] = VERDICTS[fidelity.verdict] || [fidelity.verdict.toLowerCase(), ""];
  const against = fidelity.comparedWithUpstream
    ? `Compared with ${upstream ? outletName(upstream.attribution.article) : "its source"}'s wording.`
    : upstream
      ? "Compared with the quotation as recorded (its source's wording is not archived)."
      : "Compared with the quotation as recorded.";
  const similarity = `${Math.round(fidelity.similarity * 100)}% of the words in common.`;
  const parts = [
    h("span", { class: `verdict verdict-${tag}` }, tag),
    " ",
    meaning,
    " ",
    h("span", { class: "muted" }, `${against} ${similarity}`),
  ];
  let shown = null;
  if (fidelity.changes.length) {
    const nodes = inlineDiff(fidelity.upstreamText, fidelity.changes);
    shown = nodes
      ? h("p", { class: "diff" }, "“", nodes, "”")
      : h(
          "ul",
          { class: "diff" },
          fidelity.changes.map((c) =>
            h("li", {}, c.upstreamText ? h("del", {}, c.upstreamText) : null, " ", c.text ? h("ins", {}, c.text) : null),
          ),
        );
  }
  return fact("What changed", h("div", {}, ...parts), shown);
}

function hop(node, byId, quotation) {
  const attribution = node.attribution;
  const article = attribution.article;
  const upstream = attribution.upstream ? byId.get(attribution.upstream.id) : null;
  const [kind, kindMeaning] = KINDS[attribution.kind] || [attribution.kind.toLowerCase(), ""];
  let badge;
  if (node.firstAppearance) badge = h("span", { class: "badge first" }, "First report");
  else if (!upstream) badge = h("span", { class: "badge" }, "Independent report");
  else badge = h("span", { class: "badge relay" }, "Relay");

  const when = [day(article.publishedOn)];
  if (upstream) {
    const later = lag(node.lagDays);
    if (later) when.push(`, ${later} than ${outletName(upstream.attribution.article)}`);
  }

  const facts = [];
  if (upstream) {
    const source = upstream.attribution.article;
    facts.push(fact("Took the words from", h("a", { href: `#hop-${upstream.index}` }, `${outletName(source)}, ${day(source.publishedOn)}`)));
  } else if (!node.firstAppearance) {
    facts.push(fact("Took the words from", "not stated: this article names no source for them"));
  }
  facts.push(fact("How it is put", h("strong", {}, kind), kindMeaning ? ` (${kindMeaning})` : ""));
  if (attribution.cue) facts.push(fact("Introduced with", `“${attribution.cue}”`));
  const named = attribution.speakerLabel
    ? `“${attribution.speakerLabel}”`
    : attribution.speaker.name !== quotation.speaker.name
      ? attribution.speaker.name
      : null;
  if (named) facts.push(fact("Names the speaker", named));
  if (attribution.text) {
    facts.push(fact("Words as printed", h("blockquote", {}, `“${attribution.text}”`)));
  } else {
    const cited = article.citedAs ? ` as “${article.citedAs}”` : "";
    facts.push(
      fact(
        "Words as printed",
        h("span", { class: "muted" }, `Not archived: this article is known only because a later article cites it${cited}.`),
      ),
    );
  }
  const changed = wordsChanged(attribution, upstream);
  if (changed) facts.push(changed);
  if (attribution.markers.length) {
    facts.push(fact("Editorial marks", attribution.markers.map((m) => MARKERS[m] || m.toLowerCase()).join("; ")));
  }
  if (attribution.anchorStatus === "ORPHANED") {
    facts.push(fact("Warning", h("strong", {}, "a revision of the article removed these words")));
  }
  const status = STATUSES[attribution.status] || attribution.status.toLowerCase();
  const confidence = attribution.confidence === null ? "" : ` (confidence ${Math.round(attribution.confidence * 100)}%)`;
  facts.push(fact("Checked", status + confidence));
  facts.push(
    fact(
      "Source",
      sourceLink(article),
      article.outlet && article.outlet.website
        ? [" · ", h("a", { href: article.outlet.website, rel: "noopener noreferrer" }, `${article.outlet.name}'s site`)]
        : null,
    ),
  );

  return h(
    "li",
    { class: `hop depth-${Math.min(node.depth ?? 0, 4)}`, id: `hop-${byId.get(attribution.id).index}`, "data-attribution": attribution.id },
    h(
      "header",
      {},
      badge,
      " ",
      h("strong", { class: "outlet" }, outletName(article)),
      h("span", { class: "article" }, ` · ${articleName(article)}`),
      h("div", { class: "when" }, when),
    ),
    h("dl", {}, facts),
  );
}

function summary(quotation, nodes) {
  const first = nodes.find((n) => n.firstAppearance);
  const outlets = [...new Set(nodes.filter((n) => n.attribution.article.outlet).map((n) => n.attribution.article.outlet.name))];
  const unstated = nodes.filter((n) => !n.attribution.article.outlet).length;
  const dated = nodes.map((n) => n.attribution.article.publishedOn).filter(Boolean).sort();
  const sentences = [];
  if (first) {
    const article = first.attribution.article;
    sentences.push(
      h("strong", {}, "First reported "),
      article.outlet ? ["by ", h("strong", { class: "first-outlet" }, article.outlet.name)] : `in an article (${NO_OUTLET.toLowerCase()})`,
      article.publishedOn ? ` on ${day(article.publishedOn)}.` : " (date not stated).",
    );
  }
  const from = [...outlets];
  if (unstated) from.push(`${unstated} whose outlet is not stated`);
  sentences.push(
    ` It appears in ${nodes.length} article${nodes.length === 1 ? "" : "s"}`,
    dated.length > 1 ? `, from ${day(dated[0])} to ${day(dated[dated.length - 1])}` : "",
    from.length ? ` (${from.join("; ")}).` : ".",
  );
  return h("p", { class: "summary" }, sentences);
}

function sources(nodes) {
  const rows = nodes.map((n) => {
    const article = n.attribution.article;
    return h(
      "tr",
      {},
      h("td", {}, outletName(article)),
      h("td", {}, articleName(article)),
      h("td", { class: "nowrap" }, day(article.publishedOn)),
      h("td", {}, sourceLink(article)),
    );
  });
  return h(
    "table",
    { class: "sources" },
    h("thead", {}, h("tr", {}, h("th", {}, "Outlet"), h("th", {}, "Article"), h("th", {}, "Date"), h("th", {}, "Link"))),
    h("tbody", {}, rows),
  );
}

function picture(quotation) {
  const src = `/quotations/${encodeURIComponent(quotation.slug)}/relay-graph.svg`;
  return h(
    "figure",
    { class: "graph" },
    h(
      "a",
      { href: src, title: "Open the picture at full size" },
      h("img", {
        id: "relay-graph",
        src,
        alt: `Relay graph: ${quotation.speaker.name} said it; each box is an article that printed it, each arrow a hop.`,
      }),
    ),
    h(
      "figcaption",
      {},
      "The chain as a picture: the speaker on the left, each article that printed the words as a box, an arrow for each hop. ",
      "The legend under the picture explains the colours. ",
      h("a", { href: src }, "Open the picture on its own"),
      ".",
    ),
  );
}

function render(main, quotation) {
  const nodes = quotation.relayGraph.nodes;
  const byId = new Map(nodes.map((n, index) => [n.attribution.id, { ...n, index }]));
  document.title = `“${quotation.text.slice(0, 60)}${quotation.text.length > 60 ? "…" : ""}” · provenance`;
  const kind = SPEAKER_KINDS[quotation.speaker.kind] || quotation.speaker.kind.toLowerCase();
  main.replaceChildren(
    h(
      "section",
      { class: "quotation" },
      h("blockquote", { class: "said" }, `“${quotation.text}”`),
      h(
        "p",
        { class: "speaker" },
        "Said by ",
        h("strong", { id: "speaker" }, quotation.speaker.name),
        ` (${kind})`,
        quotation.speaker.description ? h("span", { class: "muted" }, ` · ${quotation.speaker.description}`) : null,
      ),
      summary(quotation, nodes),
    ),
    h(
      "section",
      {},
      h("h2", {}, "How it travelled"),
      h(
        "p",
        { class: "muted" },
        "Oldest first. In the wording comparisons, ",
        h("del", {}, "struck-through words"),
        " were cut on that hop and ",
        h("ins", {}, "underlined words"),
        " were added.",
      ),
      h("ol", { class: "hops" }, nodes.map((n) => hop(n, byId, quotation))),
    ),
    h("section", {}, h("h2", {}, "Relay graph"), picture(quotation)),
    h("section", {}, h("h2", {}, "Sources"), sources(nodes)),
    h(
      "details",
      { class: "query" },
      h("summary", {}, "How this page gets its data"),
      h("p", {}, "One request to this server's GraphQL API (POST /graphql), with variables ", h("code", {}, JSON.stringify({ slug: quotation.slug })), ":"),
      h("pre", {}, QUERY),
    ),
  );
}

async function main() {
  const main = document.getElementById("main");
  const slug = decodeURIComponent(location.pathname.split("/")[2] || "");
  try {
    const data = await graphql(QUERY, { slug });
    if (!data.quotation) {
      main.replaceChildren(
        h("h1", {}, "No such quotation"),
        h("p", {}, `No quotation is recorded as “${slug}”. `, h("a", { href: "/search" }, "Search the quotations"), "."),
      );
      return;
    }
    render(main, data.quotation);
  } catch (error) {
    showError(main, "load the quotation", error);
  }
}

main();
