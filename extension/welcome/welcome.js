"use strict";
// Entry of the first-run page (opened once, on install): what the extension does, whether
// the glossary backend answers, and what to do when it does not. It asks again on "Check
// again" and whenever the settings change (say, a backend address saved in Options).

/** Replies to an older check are dropped. */
let welcomeChecks = 0;

function startWelcome() {
  localizePage(document);
  welcomePart("check-again").addEventListener("click", checkBackendOnWelcome);
  welcomePart("open-options").addEventListener("click", () => ext.runtime.openOptionsPage());
  ext.storage.onChanged.addListener((_changes, area) => {
    if (area === "sync") checkBackendOnWelcome();
  });
  checkBackendOnWelcome();
}

async function checkBackendOnWelcome() {
  const token = ++welcomeChecks;
  welcomePart("status").textContent = uiText("welcomeChecking");
  let line = "";
  let ready = false;
  try {
    line = connectedText(await askBackground(BackgroundAction.glossaries, null));
    ready = true;
  } catch {
    line = uiText("unreachable", (await loadSettings()).backendUrl);
  }
  if (token !== welcomeChecks) return;
  welcomePart("state").dataset.tone = ready ? "good" : "problem";
  welcomePart("status").textContent = line;
  welcomePart("ready").hidden = !ready;
  welcomePart("help").hidden = ready;
  welcomePart("check-again").hidden = ready;
}

/** The glossary by its name and size; several, by their number. @param {Glossary[]} glossaries */
function connectedText(glossaries) {
  if (glossaries.length !== 1) return uiText("connectedMany", glossaries.length);
  const [glossary] = glossaries;
  return uiText("connectedOne", glossary.name, uiCount("terms", glossary.terms));
}

/** @param {string} id */
function welcomePart(id) {
  return /** @type {HTMLElement} */ (document.getElementById(id));
}

startWelcome();
