"use strict";
// The popup's look-up: terms matching what is typed (the backend's /v1/search), each with
// its plain-English line; choosing one opens its page in a new tab.

/** Typing pauses this long before the backend is asked, so each keystroke is not a request. */
const SEARCH_DELAY_MS = 200;

function startSearch() {
  const form = /** @type {HTMLFormElement} */ (document.getElementById("search-form"));
  const input = /** @type {HTMLInputElement} */ (document.getElementById("search"));
  let timer = 0;
  let asked = 0; // replies to an older query are dropped
  const search = async () => {
    const token = ++asked;
    const query = input.value.trim();
    const found = query ? await searchFor(query) : { hits: [], line: "" };
    if (token === asked) showResults(found.hits, found.line);
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = window.setTimeout(search, SEARCH_DELAY_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
}

/** @param {string} query @returns {Promise<{hits: SearchHit[], line: string}>} */
async function searchFor(query) {
  try {
    const hits = await askBackground(BackgroundAction.search, { query });
    return { hits, line: hits.length ? "" : uiText("noMatch", query) };
  } catch (error) {
    return { hits: [], line: await failureLine(error) };
  }
}

/**
 * Too long for the backend (by the limit it gives now), or the backend out of reach.
 * @param {unknown} error
 */
async function failureLine(error) {
  if (errorInfo(error).code === "query_too_long") {
    const limits = await askBackground(BackgroundAction.limits, null).catch(() => null);
    if (limits) return uiText("searchTooLong", limits.query_chars);
  }
  return uiText("unreachableShort");
}

/** @param {SearchHit[]} hits @param {string} line */
function showResults(hits, line) {
  const status = /** @type {HTMLElement} */ (document.getElementById("search-status"));
  const list = /** @type {HTMLElement} */ (document.getElementById("results"));
  status.textContent = line || uiCount("terms", hits.length);
  list.replaceChildren(...hits.map(resultItem));
}

/** @param {SearchHit} hit */
function resultItem(hit) {
  const link = document.createElement("a");
  link.href = hit.url;
  const term = document.createElement("strong");
  term.textContent = hit.term;
  const plain = document.createElement("span");
  plain.textContent = hit.plain_english;
  link.append(term, plain);
  link.addEventListener("click", (event) => {
    event.preventDefault();
    ext.tabs.create({ url: hit.url });
  });
  const item = document.createElement("li");
  item.append(link);
  return item;
}
