"use strict";
// The keyboard commands of the manifest's "commands" (changeable by the reader, in
// chrome://extensions/shortcuts or Firefox's add-ons manager) and the context menu.

/** @type {Record<string, 1 | -1>} */
const STEP_COMMANDS = { "next-term": 1, "previous-term": -1 };
const EXPLAIN_MENU = "explain-selection";
/** The longest selection looked up; a longer one is cut. */
const SELECTION_MAX_CHARS = 200;

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
      id: EXPLAIN_MENU, title: "Explain with AI Glossary", contexts: ["selection"],
    });
  });
}

/**
 * "Explain with AI Glossary" on a selection: the card of the best-matching term, or a note.
 * @param {{menuItemId?: string | number, selectionText?: string}} info
 * @param {chrome.tabs.Tab | undefined} tab
 */
async function explainSelection(info, tab) {
  const query = (info.selectionText ?? "").replace(/\s+/g, " ").trim().slice(0, SELECTION_MAX_CHARS);
  if (info.menuItemId !== EXPLAIN_MENU || !query || tab?.id === undefined) return false;
  const settings = await loadSettings();
  /** @type {CardView} */
  const note = {
    term: `“${query}”`, plain_english: "Not in the glossary.", definition: "", tools: [],
    url: `${settings.backendUrl}/search?q=${encodeURIComponent(query)}`, linkText: "Search the glossary",
  };
  const card = await bestCard(settings, query).catch(() => {
    note.plain_english = "Can't reach the glossary backend.";
    return null;
  });
  return askTab(tab.id, TabAction.explain, card ?? note).catch(() => false);
}

/**
 * The longest term found in the text, as marking would find it; else the search's best hit.
 * @param {Settings} settings @param {string} query
 * @returns {Promise<CardView | null>}
 */
async function bestCard(settings, query) {
  const payload = { segments: [query], options: { first_only: false, page_is_ai: true } };
  const found = await annotateFor(settings, payload);
  const longest = found.matches.toSorted((a, b) => b.end - b.start - (a.end - a.start))[0];
  if (longest) return { ...found.terms[longest.term], slug: longest.term };
  const [hit] = await searchTerms(settings.backendUrl, query);
  return hit ? { ...(await termCard(settings.backendUrl, hit.slug)), slug: hit.slug } : null;
}
