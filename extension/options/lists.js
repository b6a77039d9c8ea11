"use strict";
// The options page's lists: sites, muted terms and the backend's glossaries, drawn from
// the settings with a button or switch per row.

/** @param {Settings} settings */
function drawSites(settings) {
  const listed = settings.siteMode === "listed";
  const key = listed ? "enabledSites" : "disabledSites";
  byId("mode-all").checked = !listed;
  byId("mode-listed").checked = listed;
  byId("sites-title").textContent = uiText(listed ? "sitesListed" : "sitesOff");
  const locked = lockedSettings.includes(key);
  byId("sites").replaceChildren(...settings[key].map((site) =>
    row(site, uiText("remove"), uiText("removeSite", site), () => removeSitePattern(key, site), locked)));
  byId("no-sites").hidden = settings[key].length > 0;
  byId("site-pattern").disabled = locked;
  byId("site-add").disabled = locked;
  byId("sites-locked").hidden = !locked;
}

/** @param {Settings} settings */
function drawMuted(settings) {
  byId("muted").replaceChildren(
    ...settings.muted.map(({ slug, term }) => row(term, uiText("undo"), uiText("markAgain", term), () => unmuteTerm(slug))),
  );
  byId("no-muted").hidden = settings.muted.length > 0;
  byId("site-muted").replaceChildren(...settings.siteMuted.map(({ slug, term, site }) =>
    row(uiText("termOnSite", term, site), uiText("undo"), uiText("markAgainOn", term, site), () => unmuteOnSite(slug, site))));
  byId("no-site-muted").hidden = settings.siteMuted.length > 0;
}

/** @param {Glossary[]} glossaries @param {Settings} settings */
function drawGlossaries(glossaries, settings) {
  byId("glossaries").replaceChildren(...glossaries.map((glossary) => {
    const item = document.createElement("li");
    const label = document.createElement("label");
    label.className = "check";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.setAttribute("role", "switch");
    box.checked = !settings.disabledGlossaries.includes(glossary.id);
    box.disabled = lockedSettings.includes("disabledGlossaries");
    box.setAttribute("aria-describedby", "disabledGlossaries-locked");
    box.addEventListener("change", () => setGlossaryOn(glossary.id, box.checked));
    const name = document.createElement("span");
    name.textContent = glossary.name;
    label.append(box, name);
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = uiCount("terms", glossary.terms);
    item.append(label, meta);
    return item;
  }));
}

/**
 * A row of a list: its text and one button (disabled where the organisation locked the list).
 * @param {string} text @param {string} action @param {string} label @param {() => void} act
 */
function row(text, action, label, act, locked = false) {
  const item = document.createElement("li");
  const name = document.createElement("span");
  name.textContent = text;
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = action;
  button.setAttribute("aria-label", label);
  button.disabled = locked;
  button.addEventListener("click", act);
  item.append(name, button);
  return item;
}

/** @param {string} id @returns {HTMLInputElement} typed loosely: elements of this page only */
function byId(id) {
  return /** @type {HTMLInputElement} */ (document.getElementById(id));
}
