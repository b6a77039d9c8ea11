"use strict";
// Entry of the popup: the current site's switch, the global pause, a status that follows the
// page and the settings while the popup is open, and the look-up box (search.js).

/** While a page is being read, its count is asked again this often; after, less often. */
const BUSY_POLL_MS = 250;
const IDLE_POLL_MS = 1000;

async function startPopup() {
  localizePage(document);
  startSearch();
  const tabId = await targetTab();
  const siteSwitch = popupPart("site-switch");
  const pauseSwitch = popupPart("pause-switch");
  let backendAnswers = await askHealth();
  let timer = 0;

  const refresh = async () => {
    clearTimeout(timer);
    const [settings, { locked }, page] = await Promise.all([loadSettings(), loadManaged(), pageStatusOf(tabId)]);
    drawSwitches(settings, locked, page);
    drawStatus(statusView(settings, page, backendAnswers));
    timer = window.setTimeout(refresh, page?.state === "working" ? BUSY_POLL_MS : IDLE_POLL_MS);
  };
  siteSwitch.addEventListener("click", async () => {
    const page = await pageStatusOf(tabId);
    if (page) await setPageOn(page.url, siteSwitch.getAttribute("aria-checked") !== "true");
  });
  pauseSwitch.addEventListener("click", () =>
    saveSettings({ paused: pauseSwitch.getAttribute("aria-checked") !== "true" }));
  popupPart("check-again").addEventListener("click", async () => {
    backendAnswers = await askHealth();
    refresh();
  });
  ext.storage.onChanged.addListener((_changes, area) => {
    if (area === "sync" || area === "managed") askHealth().then((answers) => { backendAnswers = answers; refresh(); });
  });
  await refresh();
}

/**
 * The site's switch is on where the page is read: not on a page left unread for its
 * password field ("private"), which switching on reads. Locked settings disable theirs.
 * @param {Settings} settings @param {readonly ManagedSetting[]} locked @param {PageStatus | null} page
 */
function drawSwitches(settings, locked, page) {
  const siteSwitch = popupPart("site-switch");
  const siteLocked = !!page && isPageSwitchLocked(settings, locked);
  popupPart("site-label").textContent = page ? uiText("highlightOn", page.site) : uiText("notOnThisPage");
  setSwitch(siteSwitch, !!page && isPageOn(settings, page.url) && page.state !== "private");
  siteSwitch.disabled = !page || siteLocked;
  popupPart("site-locked").hidden = !siteLocked;
  const pauseLocked = locked.includes("paused");
  setSwitch(popupPart("pause-switch"), settings.paused);
  popupPart("pause-switch").disabled = pauseLocked;
  popupPart("pause-locked").hidden = !pauseLocked;
}

/** @param {HTMLElement} element @param {boolean} on */
function setSwitch(element, on) {
  element.setAttribute("aria-checked", String(on));
}

/** @param {StatusView} view */
function drawStatus(view) {
  popupPart("state").dataset.tone = view.tone;
  // A live region announces changes only: the same text is not written again.
  if (popupPart("status").textContent !== view.text) popupPart("status").textContent = view.text;
  popupPart("hint").textContent = view.hint;
  popupPart("hint").hidden = !view.hint;
  popupPart("check-again").hidden = !view.retry;
}

async function askHealth() {
  return askBackground(BackgroundAction.health, null).then(() => true, () => false);
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

/** @param {string} id */
function popupPart(id) {
  return /** @type {HTMLButtonElement} */ (document.getElementById(id));
}

startPopup();
