"use strict";
// Changes to the settings made from the popup and the options page (not the content script).

/**
 * The popup's switch: marking on or off for the page at `url`. Off in "all" mode adds the
 * page's host; on removes every pattern that covers the page. "listed" mode, the reverse.
 * @param {string} url @param {boolean} on
 */
async function setPageOn(url, on) {
  const settings = await loadSettings();
  const listed = settings.siteMode === "listed";
  const key = listed ? "enabledSites" : "disabledSites";
  const others = settings[key].filter((pattern) => !patternCovers(pattern, url));
  const add = on === listed;
  await saveSettings({ [key]: add ? patterns([...others, siteOf(url)]) : others });
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

/** @param {string} id @param {boolean} on */
async function setGlossaryOn(id, on) {
  const others = (await loadSettings()).disabledGlossaries.filter((each) => each !== id);
  await saveSettings({ disabledGlossaries: on ? others : [...others, id].sort() });
}
