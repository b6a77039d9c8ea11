"use strict";
// The only code that talks to the glossary backend. Replies are checked here, so the rest
// of the extension works with well-formed data only.

/** A backend that has not answered in this time counts as unreachable: pages wait no longer. */
const BACKEND_TIMEOUT_MS = 8000;
/** A limit a backend does not publish (one without /v1/limits): its own refusals tell. */
const UNKNOWN_LIMIT = Number.MAX_SAFE_INTEGER;

/**
 * Each backend's limits as it published them, by address, kept as long as its Cache-Control
 * allows and dropped when any call to it fails (it may be back with other settings).
 * @type {Map<string, {until: number, limits: Promise<Limits>}>}
 */
const learnedLimits = new Map();

/**
 * Pages send batches within the backend's segment limits; a body past its `body_bytes`
 * (JSON may take 6 bytes for a character) goes as two requests, halved again if need be.
 * @param {string} base the backend address, normalized
 * @param {AnnotateRequest} request
 * @returns {Promise<AnnotateResult>}
 */
async function annotateText(base, request) {
  const body = JSON.stringify(request);
  const { body_bytes } = await backendLimits(base);
  if (request.segments.length > 1 && new TextEncoder().encode(body).length > body_bytes) {
    return annotateHalves(base, request);
  }
  const reply = await callBackend(base, "/v1/annotate", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body,
  });
  return checkAnnotateResult(reply);
}

/** @param {string} base @param {AnnotateRequest} request @returns {Promise<AnnotateResult>} */
async function annotateHalves(base, request) {
  const half = Math.ceil(request.segments.length / 2);
  const [first, second] = await Promise.all([
    annotateText(base, { ...request, segments: request.segments.slice(0, half) }),
    annotateText(base, { ...request, segments: request.segments.slice(half) }),
  ]);
  return {
    dictionary: first.dictionary,
    context: { page_is_ai: first.context.page_is_ai || second.context.page_is_ai },
    matches: [...first.matches, ...second.matches.map((m) => ({ ...m, segment: m.segment + half }))],
    terms: { ...first.terms, ...second.terms },
  };
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

/**
 * The backend's limits (GET /v1/limits), asked once per address while they are fresh.
 * @param {string} base @returns {Promise<Limits>}
 */
function backendLimits(base) {
  const known = learnedLimits.get(base);
  if (known && Date.now() < known.until) return known.limits;
  const asked = askLimits(base);
  const learned = { until: Infinity, limits: asked.then((reply) => reply.limits) }; // shared while asked
  learnedLimits.set(base, learned);
  asked.then(
    (reply) => (learned.until = Date.now() + reply.freshMs),
    () => learnedLimits.delete(base),
  );
  return learned.limits;
}

/** @param {string} base @returns {Promise<{limits: Limits, freshMs: number}>} */
async function askLimits(base) {
  // Asked again means asked again: not answered from the HTTP cache.
  const init = /** @type {RequestInit} */ ({ method: "GET", cache: "no-cache" });
  const reply = await backendReply(base, "/v1/limits", init).catch((error) => {
    if (error instanceof MessageError && error.code === "not_found") return null;
    throw error;
  });
  // Kept as long as the backend says; without a word from it, until a failure.
  const maxAge = /max-age=(\d+)/.exec(reply?.response.headers.get("Cache-Control") ?? "");
  return { limits: checkLimits(reply?.body), freshMs: maxAge ? Number(maxAge[1]) * 1000 : Infinity };
}

/** How long `query` is as the backend counts (code points). @param {string} query */
function queryChars(query) {
  return [...query].length;
}

/**
 * A query longer than the backend takes is refused here, as the backend would refuse it.
 * @param {string} base @param {string} query @returns {Promise<SearchHit[]>}
 */
async function searchTerms(base, query) {
  const { query_chars } = await backendLimits(base);
  if (queryChars(query) > query_chars) {
    throw new MessageError("query_too_long", `q is longer than ${query_chars} characters`);
  }
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
  const { card_tools } = await backendLimits(base); // as many as the hover card lists
  return checkCard({ ...body, tools: (body?.tools ?? []).slice(0, card_tools) });
}

/**
 * @param {string} base @param {string} path @param {RequestInit} init
 * @returns {Promise<unknown>}
 */
async function callBackend(base, path, init) {
  return (await backendReply(base, path, init)).body;
}

/**
 * One request; a failure also drops the limits learned from this backend.
 * @param {string} base @param {string} path @param {RequestInit} init
 * @returns {Promise<{response: Response, body: unknown}>}
 */
async function backendReply(base, path, init) {
  try {
    return await fetchReply(base, path, init);
  } catch (error) {
    learnedLimits.delete(base);
    throw error;
  }
}

/**
 * @param {string} base @param {string} path @param {RequestInit} init
 * @returns {Promise<{response: Response, body: unknown}>}
 */
async function fetchReply(base, path, init) {
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
  return { response, body };
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

/**
 * Every limit a positive whole number (tools may be none); one missing is unknown.
 * @param {any} body @returns {Limits}
 */
function checkLimits(body) {
  /** @param {keyof Limits} name */
  const limit = (name, least = 1) => {
    const value = body?.[name];
    return Number.isSafeInteger(value) && value >= least ? value : UNKNOWN_LIMIT;
  };
  return {
    query_chars: limit("query_chars"),
    card_tools: limit("card_tools", 0),
    segment_chars: limit("segment_chars"),
    segments: limit("segments"),
    body_bytes: limit("body_bytes"),
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
