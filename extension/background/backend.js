"use strict";
// The only code that talks to the glossary backend. Replies are checked here, so the rest
// of the extension works with well-formed data only.

/** A backend that has not answered in this time counts as unreachable: pages wait no longer. */
const BACKEND_TIMEOUT_MS = 8000;
/** A limit a backend does not publish (one without /v1/limits): its own refusals tell. */
const UNKNOWN_LIMIT = Number.MAX_SAFE_INTEGER;

/**
 * What each backend published, by address: its limits and its prefilter index, each kept as
 * long as its Cache-Control allows and dropped when any call to it fails (it may be back with
 * other settings or glossaries).
 * @type {Map<string, Learned<Limits>>}
 */
const learnedLimits = new Map();
/** @type {Map<string, Learned<PrefilterIndex | null>>} */
const learnedIndexes = new Map();

/**
 * Marks and cards for a page's segments, in the reply shape pages know (matches plus the
 * card of each matched term). Cards travel once (docs/adr/0008-caches.md): the backend is
 * asked for marks only, and the cards this worker lacks come from GET /v1/cards in one
 * request, kept by backend, glossary version and slug. A backend without that endpoint, or
 * one reloaded between the two requests, is asked once more the /v1 way, cards included.
 * @param {string} base the backend address, normalized
 * @param {AnnotateRequest} request
 * @returns {Promise<AnnotateResult>}
 */
async function annotateText(base, request) {
  try {
    const bare = await annotateParts(base, { ...request, options: { ...request.options, cards: false } }, false);
    const slugs = [...new Set(bare.matches.map((match) => match.term))];
    const terms = await cardsOf(base, bare.dictionary.version, request.glossaries, slugs);
    return { ...bare, matches: bare.matches.filter((m) => Object.hasOwn(terms, m.term)), terms };
  } catch (error) {
    if (!(error instanceof MessageError) || !WHOLE_REPLY_AFTER.includes(error.code)) throw error;
    return annotateParts(base, request, true);
  }
}

/**
 * Errors after which the reply is asked whole: an older backend refuses `cards` (422) or
 * has no /v1/cards (404); a reload between the two requests makes the version stale (409).
 */
const WHOLE_REPLY_AFTER = ["invalid_request", "not_found", "version_mismatch"];

/**
 * Pages send batches within the backend's segment limits; a body past its `body_bytes`
 * (JSON may take 6 bytes for a character) goes as two requests, halved again if need be.
 * @param {string} base @param {AnnotateRequest & {options: {cards?: boolean}}} request
 * @param {boolean} withCards whether the reply carries the cards (else `terms` is empty)
 * @returns {Promise<AnnotateResult>}
 */
async function annotateParts(base, request, withCards) {
  const body = JSON.stringify(request);
  const { body_bytes } = await backendLimits(base);
  if (request.segments.length > 1 && new TextEncoder().encode(body).length > body_bytes) {
    return annotateHalves(base, request, withCards);
  }
  const reply = await callBackend(base, "/v1/annotate", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body,
  });
  return checkAnnotateResult(reply, withCards);
}

/**
 * @param {string} base @param {AnnotateRequest} request @param {boolean} withCards
 * @returns {Promise<AnnotateResult>}
 */
async function annotateHalves(base, request, withCards) {
  const half = Math.ceil(request.segments.length / 2);
  const [first, second] = await Promise.all([
    annotateParts(base, { ...request, segments: request.segments.slice(0, half) }, withCards),
    annotateParts(base, { ...request, segments: request.segments.slice(half) }, withCards),
  ]);
  if (first.dictionary.version !== second.dictionary.version) {
    throw new MessageError("version_mismatch", "the glossaries changed between two parts of a page");
  }
  return {
    dictionary: first.dictionary,
    context: { page_is_ai: first.context.page_is_ai || second.context.page_is_ai },
    matches: [...first.matches, ...second.matches.map((m) => ({ ...m, segment: m.segment + half }))],
    terms: { ...first.terms, ...second.terms },
  };
}

/** Slugs one GET /v1/cards names at most (the backend takes 500; a page rarely meets 100). */
const CARD_SLUGS_PER_REQUEST = 200;
/** Cards kept at most: more than any glossary's cards of one version (then all are dropped). */
const CARDS_KEPT = 5000;
/** Where the cards survive the worker's restarts (storage.session: this browser session). */
const CARDS_STORAGE_KEY = "cards";

/**
 * The cards of one backend, glossary version and choice of glossaries: one such shelf at a
 * time, so a reload (a new version) or a glossary switch starts an empty one. `asked` holds
 * the requests under way, by slug, so that pages asking at once ask once.
 * @typedef {{key: string, cards: Record<string, TermCard>, asked: Map<string, Promise<void>>}} CardShelf
 */
/** @type {CardShelf | null} */
let cardShelf = null;
/** @type {Promise<void> | null} the stored shelf, read once per start of the worker */
let cardsRestored = null;

/**
 * The card of each of `slugs` this version has, from the shelf or fetched in one request.
 * @param {string} base @param {string} version @param {string[] | undefined} glossaries
 * @param {string[]} slugs @returns {Promise<Record<string, TermCard>>}
 */
async function cardsOf(base, version, glossaries, slugs) {
  const shelf = await shelfFor(JSON.stringify([base, version, glossaries ?? null]));
  const missing = slugs.filter((slug) => !Object.hasOwn(shelf.cards, slug) && !shelf.asked.has(slug));
  if (missing.length) {
    const chosen = glossaries ? `&glossaries=${glossaries.map(encodeURIComponent).join(",")}` : "";
    const fetched = [];
    for (let at = 0; at < missing.length; at += CARD_SLUGS_PER_REQUEST) {
      const part = missing.slice(at, at + CARD_SLUGS_PER_REQUEST).sort();
      const path = `/v1/cards?slugs=${part.map(encodeURIComponent).join(",")}` +
        `&version=${encodeURIComponent(version)}${chosen}`;
      const asked = fetchCards(base, path, shelf).finally(() => part.forEach((slug) => shelf.asked.delete(slug)));
      part.forEach((slug) => shelf.asked.set(slug, asked));
      fetched.push(asked);
    }
    await Promise.all(fetched);
    void storeShelf(shelf);
  }
  await Promise.all(slugs.map((slug) => shelf.asked.get(slug)));
  /** @type {Record<string, TermCard>} */
  const terms = {};
  for (const slug of slugs) if (Object.hasOwn(shelf.cards, slug)) terms[slug] = shelf.cards[slug];
  return terms;
}

/** @param {string} base @param {string} path @param {CardShelf} shelf */
async function fetchCards(base, path, shelf) {
  // The URL names the version: the HTTP cache may answer it for good (immutable).
  const body = /** @type {any} */ (await callBackend(base, path, { method: "GET" }));
  for (const [slug, card] of Object.entries(body?.terms ?? {})) shelf.cards[slug] = checkCard(card);
}

/** The shelf for `key`, an empty one if the kept shelf is another's. @param {string} key */
async function shelfFor(key) {
  cardsRestored ??= restoreShelf();
  await cardsRestored;
  if (cardShelf?.key !== key || Object.keys(cardShelf.cards).length > CARDS_KEPT) {
    cardShelf = { key, cards: {}, asked: new Map() };
  }
  return cardShelf;
}

async function restoreShelf() {
  const stored = await ext.storage.session?.get(CARDS_STORAGE_KEY).catch(() => ({}));
  const kept = /** @type {any} */ (stored)?.[CARDS_STORAGE_KEY];
  if (cardShelf || typeof kept?.key !== "string" || typeof kept.cards !== "object") return;
  /** @type {Record<string, TermCard>} */
  const cards = {};
  for (const [slug, card] of Object.entries(kept.cards ?? {})) cards[slug] = checkCard(card);
  cardShelf = { key: kept.key, cards, asked: new Map() };
}

/** @param {CardShelf} shelf */
async function storeShelf(shelf) {
  if (shelf !== cardShelf) return; // replaced meanwhile
  await ext.storage.session?.set({ [CARDS_STORAGE_KEY]: { key: shelf.key, cards: shelf.cards } }).catch(() => {});
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
  return learned(learnedLimits, base, async () => {
    // Asked again means asked again: not answered from the HTTP cache.
    const reply = await publishedReply(base, "/v1/limits", "no-cache");
    return { value: checkLimits(reply?.body), freshMs: freshFor(reply) };
  });
}

/**
 * The backend's prefilter index (GET /v1/prefilter): every key of its glossaries by its
 * rarest word; null from a backend without one (pages then send every block). Once it is
 * stale, the HTTP cache asks again with its ETag: the same version costs a 304.
 * @param {string} base @returns {Promise<PrefilterIndex | null>}
 */
function backendPrefilter(base) {
  return learned(learnedIndexes, base, async () => {
    const reply = await publishedReply(base, "/v1/prefilter", "default");
    return { value: reply && checkIndex(reply.body), freshMs: freshFor(reply) };
  });
}

/**
 * What a backend published, asked once while it is fresh (one asking shared by all).
 * @template T @param {Map<string, Learned<T>>} store @param {string} base
 * @param {() => Promise<{value: T, freshMs: number}>} ask
 * @returns {Promise<T>}
 */
function learned(store, base, ask) {
  const known = store.get(base);
  if (known && Date.now() < known.until) return known.value;
  const asked = ask();
  const entry = { until: Infinity, value: asked.then((reply) => reply.value) };
  store.set(base, entry);
  asked.then((reply) => (entry.until = Date.now() + reply.freshMs), () => store.delete(base));
  return entry.value;
}

/**
 * A published document; null from a backend that does not publish it.
 * @param {string} base @param {string} path @param {RequestCache} cache
 */
function publishedReply(base, path, cache) {
  return backendReply(base, path, { method: "GET", cache }).catch((error) => {
    if (error instanceof MessageError && error.code === "not_found") return null;
    throw error;
  });
}

/** Kept as long as the backend says; without a word from it, until a failure. @param {{response: Response} | null} reply */
function freshFor(reply) {
  const maxAge = /max-age=(\d+)/.exec(reply?.response.headers.get("Cache-Control") ?? "");
  return maxAge ? Number(maxAge[1]) * 1000 : Infinity;
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
    learnedIndexes.delete(base);
    throw error;
  }
}

/**
 * @param {string} base @param {string} path @param {RequestInit} init
 * @returns {Promise<{response: Response, body: unknown}>}
 */
async function fetchReply(base, path, init) {
  if (!isBackendAllowed(base, await insecureBackendAllowed())) {
    throw new MessageError("insecure_backend", `plain http is for a backend on this computer only: ${base}`);
  }
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
 * With cards, a match without its card is dropped; without, `terms` is empty.
 * @param {any} body @param {boolean} withCards
 * @returns {AnnotateResult}
 */
function checkAnnotateResult(body, withCards) {
  if (!body || !Array.isArray(body.matches) || typeof body.terms !== "object") {
    throw new MessageError("bad_reply", "the backend's annotate reply has an unexpected shape");
  }
  /** @type {Record<string, TermCard>} */
  const terms = {};
  for (const [slug, card] of withCards ? Object.entries(body.terms ?? {}) : []) {
    terms[slug] = checkCard(card);
  }
  const matches = body.matches.filter(
    (/** @type {any} */ m) =>
      Number.isInteger(m?.segment) && Number.isInteger(m.start) && Number.isInteger(m.end) &&
      m.start >= 0 && m.end > m.start && typeof m.term === "string" &&
      (!withCards || Object.hasOwn(terms, m.term)),
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

/**
 * The prefilter index: words to lists of keys, anything else left out.
 * @param {any} body @returns {PrefilterIndex}
 */
function checkIndex(body) {
  const words = body?.words && typeof body.words === "object" ? Object.entries(body.words) : [];
  return new Map(words.filter(([, keys]) => Array.isArray(keys)).map(
    ([word, keys]) => [word, keys.filter((/** @type {unknown} */ key) => typeof key === "string")],
  ));
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
