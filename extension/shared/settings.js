"use strict";
// Settings live in storage.sync, one key per setting plus `schema`, the layout's version.
// Every context reads them through loadSettings(), which brings older layouts up to date.

const SETTINGS_SCHEMA = 1;

/**
 * @typedef {{schema: number, backendUrl: string, firstOnly: boolean, paused: boolean,
 *            disabledSites: string[]}} Settings
 */

/** @type {Readonly<Settings>} */
const DEFAULT_SETTINGS = Object.freeze({
  schema: SETTINGS_SCHEMA,
  backendUrl: "http://127.0.0.1:8000", // the README's `make run`
  firstOnly: true,
  paused: false,
  disabledSites: [],
});

/** @returns {Promise<Settings>} */
async function loadSettings() {
  return migrateSettings(await ext.storage.sync.get(null));
}

/**
 * Stored values of any schema as current settings; missing or mistyped values get defaults.
 * Schema 1 is the first: later schemas add their steps here, oldest first.
 * @param {Record<string, any>} stored
 * @returns {Settings}
 */
function migrateSettings(stored) {
  /** @param {"firstOnly" | "paused"} key @returns {boolean} */
  const flag = (key) => (typeof stored[key] === "boolean" ? stored[key] : DEFAULT_SETTINGS[key]);
  const sites = Array.isArray(stored.disabledSites) ? stored.disabledSites : [];
  return {
    schema: SETTINGS_SCHEMA,
    backendUrl: normalizeBackendUrl(stored.backendUrl) ?? DEFAULT_SETTINGS.backendUrl,
    firstOnly: flag("firstOnly"),
    paused: flag("paused"),
    disabledSites: sites.filter((site) => typeof site === "string"),
  };
}

/** @param {Partial<Omit<Settings, "schema">>} changes */
async function saveSettings(changes) {
  await ext.storage.sync.set({ ...changes, schema: SETTINGS_SCHEMA });
}

/**
 * The site of a page, as the per-site switch knows it: the host name of an http(s)
 * address; "" for any other page.
 * @param {string} url
 */
function siteOf(url) {
  const parsed = URL.parse(url);
  return parsed?.protocol === "http:" || parsed?.protocol === "https:" ? parsed.hostname : "";
}

/** @param {Settings} settings @param {string} site */
function isSiteOn(settings, site) {
  return !settings.disabledSites.includes(site);
}

/** @param {string} site @param {boolean} on */
async function setSiteOn(site, on) {
  const others = (await loadSettings()).disabledSites.filter((each) => each !== site);
  await saveSettings({ disabledSites: on ? others : [...others, site].sort() });
}

/**
 * A backend address as typed, as "scheme://host[:port][/path]" without a trailing slash;
 * null unless it is http(s).
 * @param {unknown} text
 */
function normalizeBackendUrl(text) {
  const url = typeof text === "string" ? URL.parse(text.trim()) : null;
  if (url?.protocol !== "http:" && url?.protocol !== "https:") return null;
  return (url.origin + url.pathname).replace(/\/+$/, "");
}
