"use strict";
// The keyboard commands of the manifest's "commands" (changeable by the reader, in
// chrome://extensions/shortcuts or Firefox's add-ons manager) and the context menu.

/** @type {Record<string, 1 | -1>} */
const STEP_COMMANDS = { "next-term": 1, "previous-term": -1 };
const EXPLAIN_MENU = "explain-selection";
/** A note's title shows this much of a longer selection. */
const NOTE_TITLE_CHARS = 80;

/** @param {string} command @param {chrome.tabs.Tab | undefined} tab */
async function runCommand(command, tab) {
  const direction = STEP_COMMANDS[command];
  const tabId = tab?.id ?? (await activeTabId());
  if (!direction || tabId === undefined) return false;
  return askTab(tabId, TabAction.step, { direction }).catch(() => false);
}

async function activeTabId() {
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function createMenus() {
  ext.contextMenus.removeAll(() => {
    ext.contextMenus.create({
      id: EXPLAIN_MENU, title: uiText("explainMenu"), contexts: ["selection"],
    });
  });
}

/**
 * "Explain with AI Glossary" on a selection: the card of the best-matching term, or a note.
 * @param {{menuItemId?: string | number, selectionText?: string}} info
 * @param {chrome.tabs.Tab | undefined} tab
 */
async function explainSelection(info, tab) {
  const query = (info.selectionText ?? "").replace(/\s+/g, " ").trim();
  if (info.menuItemId !== EXPLAIN_MENU || !query || tab?.id === undefined) return false;
  const settings = await loadSettings();
  const base = settings.backendUrl;
  const card = await bestCard(settings, query).catch((error) => failureNote(base, query, error));
  const shown = card ?? note(base, query, uiText("notInGlossary"));
  return askTab(tab.id, TabAction.explain, shown).catch(() => false);
}

/**
 * The longest term found in the text, as marking would find it; else the search's best hit.
 * A selection too long to search may still hold a term.
 * @param {Settings} settings @param {string} query
 * @returns {Promise<CardView | null>}
 */
async function bestCard(settings, query) {
  const base = settings.backendUrl;
  if (query.length <= (await backendLimits(base)).segment_chars) {
    const payload = { segments: [query], options: { first_only: false, page_is_ai: true } };
    const found = await annotateFor(settings, payload);
    const longest = found.matches.toSorted((a, b) => b.end - b.start - (a.end - a.start))[0];
    if (longest) return { ...found.terms[longest.term], slug: longest.term };
  }
  const [hit] = await searchTerms(base, query);
  return hit ? { ...(await termCard(base, hit.slug)), slug: hit.slug } : null;
}

/**
 * Too long to look up (by the limit the backend gives now), or the backend out of reach.
 * @param {string} base @param {string} query @param {unknown} error
 */
async function failureNote(base, query, error) {
  const tooLong = errorInfo(error).code === "query_too_long";
  const limits = tooLong ? await backendLimits(base).catch(() => null) : null;
  if (!limits) return note(base, query, uiText("unreachableShort"));
  const line = uiText("selectionTooLong", limits.query_chars);
  return { ...note(base, query, line), url: "" }; // its search would be refused too
}

/**
 * A selection's card without a term: a line and a link to search for it.
 * @param {string} base @param {string} query @param {string} line
 * @returns {CardView}
 */
function note(base, query, line) {
  const title = query.length > NOTE_TITLE_CHARS ? `${query.slice(0, NOTE_TITLE_CHARS - 1)}…` : query;
  return {
    term: `“${title}”`, plain_english: line, definition: "", tools: [],
    url: `${base}/search?q=${encodeURIComponent(query)}`, linkText: uiText("searchGlossary"),
  };
}
