// Shared by the viewer's pages: the GraphQL client, DOM building and words for dates.

/** POST a query to this server's GraphQL API; the data, or an Error naming the problem. */
export async function graphql(query, variables) {
  let response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json",
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new Error(`the API could not be reached (${error.message})`);
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new Error(`the API answered HTTP ${response.status} without JSON`);
  }
  if (body.errors && body.errors.length) {
    throw new Error(body.errors.map((e) => e.message).join("; "));
  }
  if (!response.ok || !body.data) throw new Error(`the API answered HTTP ${response.status}`);
  return body.data;
}

/** An element with attributes and children (strings become text: never parsed as HTML). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") element.className = value;
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");

/** 2017-11-13 as "13 Nov 2017" (no locale guessing), or that no date is known. */
export function day(iso) {
  if (!iso) return "date not stated";
  const [year, month, date] = iso.split("-").map(Number);
  return `${date} ${MONTHS[month - 1]} ${year}`;
}

/** Days between a hop and its source, in words; null when a date is missing. */
export function lag(days) {
  if (days === null || days === undefined) return null;
  if (days === 0) return "the same day";
  if (days < 0) return `${-days} day${days < -1 ? "s" : ""} earlier (the dates disagree)`;
  return `${days} day${days > 1 ? "s" : ""} later`;
}

export const NO_OUTLET = "Outlet not stated";

export const SPEAKER_KINDS = {
  PERSON: "person",
  ORGANISATION: "organisation",
  OUTLET: "news outlet speaking for itself",
  UNNAMED: "unnamed source",
};

/** Replace the children of ``element`` with an error message a reader can act on. */
export function showError(element, what, error) {
  element.replaceChildren(
    h("div", { class: "error", role: "alert" }, h("strong", {}, `Could not ${what}: `), error.message),
  );
}
