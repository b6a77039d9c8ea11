"use strict";
// Entry of the options page: backend address, marking density, glossaries, site rules and
// muted terms. It redraws itself whenever the settings change, here or elsewhere.

/** @type {Glossary[]} the backend's glossaries, as last listed */
let offeredGlossaries = [];
/** @type {readonly ManagedSetting[]} the settings the organisation locked */
let lockedSettings = [];

async function startOptions() {
  localizePage(document);
  byId("backend-form").addEventListener("submit", (event) => {
    event.preventDefault();
    saveBackendUrl(byId("backend-url").value);
  });
  /** @type {[string, "firstOnly" | "markHeadings" | "markLinks"][]} */
  const flags = [["first-only", "firstOnly"], ["mark-headings", "markHeadings"], ["mark-links", "markLinks"]];
  for (const [id, key] of flags) {
    byId(id).addEventListener("change", () => saveSettings({ [key]: byId(id).checked }));
  }
  for (const mode of /** @type {const} */ (["all", "listed"])) {
    byId(`mode-${mode}`).addEventListener("change", () => saveSettings({ siteMode: mode }));
  }
  byId("site-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const added = await addSitePattern(byId("site-pattern").value);
    showStatus("site-status", added ? "" : uiText("badSite"), !added);
    if (added) byId("site-pattern").value = "";
  });
  ext.storage.onChanged.addListener((_changes, area) => {
    if (area === "sync") loadSettings().then(drawOptions);
    if (area === "managed") startOver();
  });
  await startOver();
}

/** Draw everything from the settings and the organisation's locks, and ask the backend. */
async function startOver() {
  lockedSettings = (await loadManaged()).locked;
  const settings = await loadSettings();
  byId("backend-url").value = settings.backendUrl;
  drawOptions(settings);
  await checkBackend();
}

/** @param {Settings} settings */
function drawOptions(settings) {
  drawLocks(lockedSettings);
  if (lockedSettings.includes("backendUrl")) byId("backend-url").value = settings.backendUrl;
  byId("first-only").checked = settings.firstOnly;
  byId("mark-headings").checked = settings.markHeadings;
  byId("mark-links").checked = settings.markLinks;
  drawSites(settings);
  drawMuted(settings);
  drawGlossaries(offeredGlossaries, settings);
}

/** @param {string} typed */
async function saveBackendUrl(typed) {
  const url = normalizeBackendUrl(typed);
  if (!url) {
    showStatus("backend-status", uiText("badAddress"), true);
    return;
  }
  if (!isBackendAllowed(url, await insecureBackendAllowed())) {
    showStatus("backend-status", uiText("insecureBackend"), true);
    return;
  }
  await saveSettings({ backendUrl: url });
  byId("backend-url").value = url;
  await checkBackend();
}

async function checkBackend() {
  try {
    offeredGlossaries = await askBackground(BackgroundAction.glossaries, null);
    showStatus("backend-status", connectedLine(offeredGlossaries), false);
    showStatus("glossaries-status", "", false);
  } catch {
    const { backendUrl } = await loadSettings();
    showStatus("backend-status", uiText("unreachable", backendUrl), true);
    offeredGlossaries = [];
    showStatus("glossaries-status", uiText("glossariesLater"), false);
  }
  drawGlossaries(offeredGlossaries, await loadSettings());
}

/** The glossary by its name and size; several, by their number. @param {Glossary[]} glossaries */
function connectedLine(glossaries) {
  if (glossaries.length !== 1) return uiText("connectedMany", glossaries.length);
  const [glossary] = glossaries;
  return uiText("connectedOne", glossary.name, uiCount("terms", glossary.terms));
}

/**
 * A locked setting's controls (`data-setting`) are disabled, its note (`data-locked`) shown.
 * @param {readonly ManagedSetting[]} locked
 */
function drawLocks(locked) {
  const isLocked = (/** @type {string | undefined} */ name) => (/** @type {readonly string[]} */ (locked)).includes(name ?? "");
  for (const control of document.querySelectorAll("[data-setting]")) {
    /** @type {HTMLInputElement} */ (control).disabled = isLocked(/** @type {HTMLElement} */ (control).dataset.setting);
  }
  for (const note of document.querySelectorAll("[data-locked]")) {
    /** @type {HTMLElement} */ (note).hidden = !isLocked(/** @type {HTMLElement} */ (note).dataset.locked);
  }
}

/** @param {string} id @param {string} text @param {boolean} problem */
function showStatus(id, text, problem) {
  const status = byId(id);
  status.textContent = text;
  status.classList.toggle("problem", problem);
}

startOptions();
