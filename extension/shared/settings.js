"use strict";
// Settings live in storage.sync, one key per setting plus `schema`, the layout's version.
// Every context reads them through loadSettings(), which brings older layouts up to date.

const SETTINGS_SCHEMA = 2;

/** @type {Readonly<Settings>} */
const DEFAULT_SETTINGS = Object.freeze({
  schema: SETTINGS_SCHEMA,
  backendUrl: "http://127.0.0.1:8000", // the README's `make run`
  firstOnly: true,
  markHeadings: false,
  markLinks: false,
  paused: false,
  siteMode: "all",
  disabledSites: [],
  enabledSites: [],
  muted: [],
  disabledGlossaries: [],
});

/**
 * The steps from each earlier schema to the next, oldest first. Nothing stored is schema 1.
 * @type {Record<number, (stored: Record<string, any>) => Record<string, any>>}
 */
const MIGRATIONS = {
  // 1 → 2: a switched-off site was one host name; as a pattern it covers its subdomains too.
  1: (stored) => ({ ...stored, disabledSites: patterns(stored.disabledSites) }),
};

/** @returns {Promise<Settings>} */
async function loadSettings() {
  return migrateSettings(await ext.storage.sync.get(null));
}

/**
 * Stored values of any schema as current settings; missing or mistyped values get defaults.
 * @param {Record<string, any>} stored
 * @returns {Settings}
 */
function migrateSettings(stored) {
  let schema = Number.isInteger(stored.schema) ? stored.schema : 1;
  for (; schema < SETTINGS_SCHEMA; schema += 1) stored = MIGRATIONS[schema]?.(stored) ?? stored;
  /** @param {"firstOnly" | "markHeadings" | "markLinks" | "paused"} key @returns {boolean} */
  const flag = (key) => (typeof stored[key] === "boolean" ? stored[key] : DEFAULT_SETTINGS[key]);
  /** @param {unknown} list */
  const strings = (list) => (Array.isArray(list) ? list : []).filter((s) => typeof s === "string");
  return {
    schema: SETTINGS_SCHEMA,
    backendUrl: normalizeBackendUrl(stored.backendUrl) ?? DEFAULT_SETTINGS.backendUrl,
    firstOnly: flag("firstOnly"),
    markHeadings: flag("markHeadings"),
    markLinks: flag("markLinks"),
    paused: flag("paused"),
    siteMode: stored.siteMode === "listed" ? "listed" : "all",
    disabledSites: patterns(stored.disabledSites),
    enabledSites: patterns(stored.enabledSites),
    muted: (Array.isArray(stored.muted) ? stored.muted : [])
      .filter((m) => typeof m?.slug === "string" && typeof m.term === "string")
      .map(({ slug, term }) => ({ slug, term })),
    disabledGlossaries: strings(stored.disabledGlossaries),
  };
}

/** @param {Partial<Omit<Settings, "schema">>} changes */
async function saveSettings(changes) {
  await ext.storage.sync.set({ ...changes, schema: SETTINGS_SCHEMA });
}

/** The host name of an http(s) address; "" for any other page. @param {string} url */
function siteOf(url) {
  const parsed = URL.parse(url);
  return parsed?.protocol === "http:" || parsed?.protocol === "https:" ? parsed.hostname : "";
}

/**
 * A site pattern as typed ("https://www.Example.com/docs/", "*.example.com") in its stored
 * form, "host" or "host/path"; null when it names no site.
 * @param {unknown} text
 */
function sitePattern(text) {
  if (typeof text !== "string") return null;
  const bare = text.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/^\*\./, "");
  const url = bare && !/[\s?#@]/.test(bare) ? URL.parse(`http://${bare}`) : null;
  if (!url?.hostname || url.hostname.includes("*")) return null;
  return url.hostname + url.pathname.replace(/\/+$/, "");
}

/** @param {unknown} list @returns {string[]} */
function patterns(list) {
  const valid = (Array.isArray(list) ? list : []).map(sitePattern);
  return [...new Set(valid.filter((p) => p !== null))].sort();
}

/**
 * Whether a pattern covers a page: its host or a subdomain of it, and under its path.
 * @param {string} pattern @param {string} url
 */
function patternCovers(pattern, url) {
  const page = URL.parse(url);
  if (!page) return false;
  const slash = pattern.indexOf("/");
  const host = slash < 0 ? pattern : pattern.slice(0, slash);
  const path = slash < 0 ? "" : pattern.slice(slash);
  const name = page.hostname;
  if (name !== host && !name.endsWith(`.${host}`)) return false;
  return !path || page.pathname === path || page.pathname.startsWith(`${path}/`);
}

/** Whether the site rules let terms be marked on a page. @param {Settings} settings @param {string} url */
function isPageOn(settings, url) {
  const covered = (/** @type {string[]} */ list) => list.some((p) => patternCovers(p, url));
  return settings.siteMode === "listed" ? covered(settings.enabledSites) : !covered(settings.disabledSites);
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
