"use strict";
// The only code that talks to the glossary backend. Replies are checked here, so the rest
// of the extension works with well-formed data only.

/** A backend that has not answered in this time counts as unreachable: pages wait no longer. */
const BACKEND_TIMEOUT_MS = 8000;
/** Cards link at most this many tools, as the hover card does. */
const CARD_TOOLS = 3;

/**
 * @param {string} base the backend address, normalized
 * @param {AnnotateRequest} request
 * @returns {Promise<AnnotateResult>}
 */
async function annotateText(base, request) {
  const body = await callBackend(base, "/v1/annotate", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(request),
  });
  return checkAnnotateResult(body);
}

/** @param {string} base @returns {Promise<Health>} */
async function backendHealth(base) {
  const body = /** @type {any} */ (await callBackend(base, "/healthz", { method: "GET" }));
  const dictionary = body?.dictionary ?? {};
  return {
    backendUrl: base,
    dictionary: {
      id: String(dictionary.id ?? ""),
      version: String(dictionary.version ?? ""),
      terms: Number(dictionary.terms ?? 0),
    },
  };
}

/**
 * The glossaries the backend serves, in its priority order. A backend without
 * /v1/glossaries serves one: its dictionary.
 * @param {string} base @returns {Promise<Glossary[]>}
 */
async function backendGlossaries(base) {
  /** @type {any} */
  let body;
  try {
    body = await callBackend(base, "/v1/glossaries", { method: "GET" });
  } catch (error) {
    if (!(error instanceof MessageError) || error.code !== "not_found") throw error;
    const { dictionary } = await backendHealth(base);
    return [{ id: dictionary.id, name: dictionary.id, version: dictionary.version, terms: dictionary.terms }];
  }
  const list = Array.isArray(body?.glossaries) ? body.glossaries : [];
  return list
    .filter((/** @type {any} */ g) => typeof g?.id === "string" && g.id)
    .map((/** @type {any} */ g) => ({
      id: g.id,
      name: String(g.name ?? g.id),
      version: String(g.version ?? ""),
      terms: Number(g.terms ?? 0),
    }));
}

/** @param {string} base @param {string} query @returns {Promise<SearchHit[]>} */
async function searchTerms(base, query) {
  const path = `/v1/search?q=${encodeURIComponent(query)}`;
  const body = /** @type {any} */ (await callBackend(base, path, { method: "GET" }));
  const results = Array.isArray(body?.results) ? body.results : [];
  return results
    .filter((/** @type {any} */ hit) => typeof hit?.slug === "string" && isWebUrl(hit.url))
    .map((/** @type {any} */ hit) => ({
      slug: hit.slug,
      term: String(hit.term ?? hit.slug),
      plain_english: String(hit.plain_english ?? ""),
      url: hit.url,
    }));
}

/** A term's card from its full entry (GET /v1/terms/{slug}). @param {string} base @param {string} slug */
async function termCard(base, slug) {
  const body = /** @type {any} */ (
    await callBackend(base, `/v1/terms/${encodeURIComponent(slug)}`, { method: "GET" })
  );
  return checkCard({ ...body, tools: (body?.tools ?? []).slice(0, CARD_TOOLS) });
}

/**
 * @param {string} base @param {string} path @param {RequestInit} init
 * @returns {Promise<unknown>}
 */
async function callBackend(base, path, init) {
  /** @type {Response} */
  let response;
  try {
    response = await fetch(base + path, {
      ...init,
      credentials: "omit",
      signal: AbortSignal.timeout(BACKEND_TIMEOUT_MS),
    });
  } catch {
    throw new MessageError("unreachable", `cannot reach the glossary backend at ${base}`);
  }
  const body = /** @type {any} */ (await response.json().catch(() => null));
  if (response.status >= 500 || (response.ok && body === null)) {
    throw new MessageError("unreachable", `the glossary backend at ${base} is not working`);
  }
  if (!response.ok) {
    const error = body?.error ?? {};
    const code = response.status === 404 ? "not_found" : String(error.code ?? "http_error");
    throw new MessageError(code, String(error.message ?? response.status));
  }
  return body;
}

/**
 * The annotate reply, checked field by field; tool links that are not http(s) are dropped.
 * @param {any} body
 * @returns {AnnotateResult}
 */
function checkAnnotateResult(body) {
  if (!body || !Array.isArray(body.matches) || typeof body.terms !== "object") {
    throw new MessageError("bad_reply", "the backend's annotate reply has an unexpected shape");
  }
  /** @type {Record<string, TermCard>} */
  const terms = {};
  for (const [slug, card] of Object.entries(body.terms ?? {})) {
    terms[slug] = checkCard(card);
  }
  const matches = body.matches.filter(
    (/** @type {any} */ m) =>
      Number.isInteger(m?.segment) && Number.isInteger(m.start) && Number.isInteger(m.end) &&
      m.start >= 0 && m.end > m.start && Object.hasOwn(terms, m.term),
  );
  return {
    dictionary: { id: String(body.dictionary?.id ?? ""), version: String(body.dictionary?.version ?? "") },
    context: { page_is_ai: body.context?.page_is_ai === true },
    matches: matches.map((/** @type {any} */ m) => ({
      segment: m.segment, start: m.start, end: m.end, term: m.term,
    })),
    terms,
  };
}

/** @param {any} card @returns {TermCard} */
function checkCard(card) {
  const tools = Array.isArray(card?.tools) ? card.tools : [];
  /** @type {TermCard} */
  const checked = {
    term: String(card?.term ?? ""),
    plain_english: String(card?.plain_english ?? ""),
    definition: String(card?.definition ?? ""),
    url: isWebUrl(card?.url) ? card.url : "",
    tools: tools
      .filter((/** @type {any} */ tool) => isWebUrl(tool?.url))
      .map((/** @type {any} */ tool) => ({ name: String(tool.name ?? tool.url), url: tool.url })),
  };
  const glossary = card?.glossary;
  if (typeof glossary?.id === "string") {
    checked.glossary = { id: glossary.id, name: String(glossary.name ?? glossary.id) };
  }
  return checked;
}

/** @param {unknown} url @returns {url is string} */
function isWebUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url);
}
