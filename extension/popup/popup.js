"use strict";
// Entry of the popup: the current site's switch, the global pause, a one-line status and
// the look-up box (search.js).

async function startPopup() {
  startSearch();
  const siteSwitch = /** @type {HTMLInputElement} */ (document.getElementById("site-switch"));
  const siteLabel = /** @type {HTMLElement} */ (document.getElementById("site-label"));
  const pauseSwitch = /** @type {HTMLInputElement} */ (document.getElementById("pause-switch"));
  const status = /** @type {HTMLElement} */ (document.getElementById("status"));

  const settings = await loadSettings();
  pauseSwitch.checked = settings.paused;
  pauseSwitch.addEventListener("change", () => saveSettings({ paused: pauseSwitch.checked }));

  const page = await pageStatusOf(await targetTab());
  if (page) {
    siteLabel.textContent = `Highlight terms on ${page.site}`;
    siteSwitch.checked = isPageOn(settings, page.url);
    siteSwitch.disabled = false;
    siteSwitch.addEventListener("change", () => setPageOn(page.url, siteSwitch.checked));
  } else {
    siteLabel.textContent = "AI Glossary does not run on this page";
  }
  const line = await statusLine(settings, page);
  status.textContent = line.text;
  status.classList.toggle("problem", line.problem);
}

/**
 * The tab the popup is about: the `tab` query parameter when the popup is opened as a page
 * (handy for debugging and used by the tests), else the active tab.
 * @returns {Promise<number | undefined>}
 */
async function targetTab() {
  const asked = new URLSearchParams(location.search).get("tab");
  if (asked) return Number(asked);
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** @param {number | undefined} tabId @returns {Promise<PageStatus | null>} */
async function pageStatusOf(tabId) {
  if (tabId === undefined) return null;
  try {
    return await askTab(tabId, TabAction.pageStatus, null);
  } catch {
    return null; // a page without the content script: browser pages, the web store, files
  }
}

/**
 * @param {Settings} settings @param {PageStatus | null} page
 * @returns {Promise<{text: string, problem: boolean}>}
 */
async function statusLine(settings, page) {
  try {
    await askBackground(BackgroundAction.health, null);
  } catch {
    return { text: `Can't reach the glossary backend at ${settings.backendUrl}.`, problem: true };
  }
  if (settings.paused) return { text: "Paused on every site.", problem: false };
  if (!page || page.state === "off") return { text: "", problem: false };
  const count = page.marks === 1 ? "1 term" : `${page.marks} terms`;
  return { text: `${count} marked on this page.`, problem: false };
}

startPopup();
