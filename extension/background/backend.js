"use strict";
// The only code that talks to the glossary backend. Replies are checked here, so the rest
// of the extension works with well-formed data only.

/** A backend that has not answered in this time counts as unreachable: pages wait no longer. */
const BACKEND_TIMEOUT_MS = 8000;

/**
 * @param {string} base the backend address, normalized
 * @param {AnnotatePayload} payload
 * @returns {Promise<AnnotateResult>}
 */
async function annotateText(base, payload) {
  const body = await callBackend(base, "/v1/annotate", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(payload),
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
    throw new MessageError(String(error.code ?? "http_error"), String(error.message ?? response.status));
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
  return {
    term: String(card?.term ?? ""),
    plain_english: String(card?.plain_english ?? ""),
    definition: String(card?.definition ?? ""),
    url: isWebUrl(card?.url) ? card.url : "",
    tools: tools
      .filter((/** @type {any} */ tool) => isWebUrl(tool?.url))
      .map((/** @type {any} */ tool) => ({ name: String(tool.name ?? tool.url), url: tool.url })),
  };
}

/** @param {unknown} url @returns {url is string} */
function isWebUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url);
}
