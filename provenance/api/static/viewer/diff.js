// How the words changed on one hop, shown inline: the source's words with cuts struck
// through and additions underlined. Words are counted as the database's quote_tokens()
// counts them (a [bracketed insertion] and an ellipsis are one word; punctuation is not).
import { h } from "./common.js";

const WORD = /\[[^\]]*\]|…|\.\.\.|[\p{L}\p{N}’'_-]+/gu;

/** The words of ``text`` with where each stands. */
export function words(text) {
  return [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * Nodes showing ``upstreamText`` changed by ``changes`` (each {kind, upstreamText, text,
 * position}, position counting source words from 0); null when they do not fit the text.
 */
export function inlineDiff(upstreamText, changes) {
  const source = words(upstreamText);
  const nodes = [];
  let cursor = 0;
  for (const change of [...changes].sort((a, b) => a.position - b.position)) {
    const cut = change.upstreamText ? words(change.upstreamText).length : 0;
    const at = change.position;
    if (at < 0 || at + cut > source.length) return null;
    const start = at < source.length ? source[at].start : upstreamText.length;
    if (start < cursor) return null;
    nodes.push(upstreamText.slice(cursor, start));
    cursor = start;
    if (cut) {
      const end = source[at + cut - 1].end;
      nodes.push(h("del", { title: "cut on this hop" }, upstreamText.slice(start, end)));
      cursor = end;
    }
    if (change.text) {
      if (cut) nodes.push(" ");
      else if (start === upstreamText.length && !/\s$/.test(upstreamText)) nodes.push(" ");
      nodes.push(h("ins", { title: "added on this hop" }, change.text));
      if (!cut && start < upstreamText.length) nodes.push(" ");
    }
  }
  nodes.push(upstreamText.slice(cursor));
  return nodes;
}
