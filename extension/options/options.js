"use strict";
// Entry of the options page: backend address, first occurrence only, switched-off sites.
// It redraws itself whenever the settings change, here or in the popup.

async function startOptions() {
  const form = /** @type {HTMLFormElement} */ (document.getElementById("backend-form"));
  const address = /** @type {HTMLInputElement} */ (document.getElementById("backend-url"));
  const firstOnly = /** @type {HTMLInputElement} */ (document.getElementById("first-only"));

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    saveBackendUrl(address.value);
  });
  firstOnly.addEventListener("change", () => saveSettings({ firstOnly: firstOnly.checked }));
  ext.storage.onChanged.addListener((_changes, area) => {
    if (area === "sync") loadSettings().then(drawOptions);
  });
  const settings = await loadSettings();
  address.value = settings.backendUrl;
  drawOptions(settings);
  checkBackend();
}

/** @param {Settings} settings */
function drawOptions(settings) {
  const firstOnly = /** @type {HTMLInputElement} */ (document.getElementById("first-only"));
  const sites = /** @type {HTMLElement} */ (document.getElementById("sites"));
  const none = /** @type {HTMLElement} */ (document.getElementById("no-sites"));
  firstOnly.checked = settings.firstOnly;
  sites.replaceChildren(...settings.disabledSites.map(siteItem));
  none.hidden = settings.disabledSites.length > 0;
}

/** @param {string} site */
function siteItem(site) {
  const item = document.createElement("li");
  const name = document.createElement("span");
  name.textContent = site;
  const remove = document.createElement("button");
  remove.type = "button";
  remove.textContent = "Remove";
  remove.setAttribute("aria-label", `Remove ${site}`);
  remove.addEventListener("click", () => setSiteOn(site, true));
  item.append(name, remove);
  return item;
}

/** @param {string} typed */
async function saveBackendUrl(typed) {
  const url = normalizeBackendUrl(typed);
  if (!url) {
    showBackendStatus("Enter an http:// or https:// address.", true);
    return;
  }
  await saveSettings({ backendUrl: url });
  /** @type {HTMLInputElement} */ (document.getElementById("backend-url")).value = url;
  await checkBackend();
}

async function checkBackend() {
  try {
    const health = await askBackground(BackgroundAction.health, null);
    const { id, terms } = health.dictionary;
    showBackendStatus(`Connected: dictionary "${id}", ${terms} terms.`, false);
  } catch {
    const { backendUrl } = await loadSettings();
    showBackendStatus(`Can't reach the glossary backend at ${backendUrl}.`, true);
  }
}

/** @param {string} text @param {boolean} problem */
function showBackendStatus(text, problem) {
  const status = /** @type {HTMLElement} */ (document.getElementById("backend-status"));
  status.textContent = text;
  status.classList.toggle("problem", problem);
}

startOptions();
