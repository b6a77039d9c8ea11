"use strict";
// Changes to the settings made from the popup and the options page (not the content script).

/**
 * The popup's switch: marking on or off for the page at `url`. On names the page's host in
 * `enabledSites`, in either mode: a site switched on by name is read even on a page with a
 * password field. Off removes every rule of `enabledSites` that covers the page. In "all"
 * mode, off also adds the host to `disabledSites` and on removes every rule that covers it.
 * @param {string} url @param {boolean} on
 */
async function setPageOn(url, on) {
  const settings = await loadSettings();
  const uncovered = (/** @type {string[]} */ list) => list.filter((pattern) => !patternCovers(pattern, url));
  const named = (/** @type {string[]} */ list) => patterns([...uncovered(list), siteOf(url)]);
  /** @type {Partial<Settings>} */
  const changes = { enabledSites: on ? named(settings.enabledSites) : uncovered(settings.enabledSites) };
  if (settings.siteMode === "all") {
    changes.disabledSites = on ? uncovered(settings.disabledSites) : named(settings.disabledSites);
  }
  await saveSettings(changes);
}

/**
 * Whether the organisation locked a list the popup's switch would change (see setPageOn).
 * @param {Settings} settings @param {readonly ManagedSetting[]} locked
 */
function isPageSwitchLocked(settings, locked) {
  return locked.includes("enabledSites") || (settings.siteMode === "all" && locked.includes("disabledSites"));
}

/**
 * Add a typed pattern to the list of the current mode; false if it names no site.
 * @param {string} typed
 */
async function addSitePattern(typed) {
  const pattern = sitePattern(typed);
  if (!pattern) return false;
  const settings = await loadSettings();
  const key = settings.siteMode === "listed" ? "enabledSites" : "disabledSites";
  await saveSettings({ [key]: patterns([...settings[key], pattern]) });
  return true;
}

/** @param {"enabledSites" | "disabledSites"} key @param {string} pattern */
async function removeSitePattern(key, pattern) {
  const settings = await loadSettings();
  await saveSettings({ [key]: settings[key].filter((each) => each !== pattern) });
}

/** Mark a muted term again. @param {string} slug */
async function unmuteTerm(slug) {
  const { muted } = await loadSettings();
  await saveSettings({ muted: muted.filter((each) => each.slug !== slug) });
}

/** Mark a term again on a site where it was "Not this meaning". @param {string} slug @param {string} site */
async function unmuteOnSite(slug, site) {
  const { siteMuted } = await loadSettings();
  await saveSettings({ siteMuted: siteMuted.filter((each) => each.slug !== slug || each.site !== site) });
}

/** @param {string} id @param {boolean} on */
async function setGlossaryOn(id, on) {
  const others = (await loadSettings()).disabledGlossaries.filter((each) => each !== id);
  await saveSettings({ disabledGlossaries: on ? others : [...others, id].sort() });
}
