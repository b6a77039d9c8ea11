"use strict";
// Settings live in storage.sync, one key per setting plus `schema`, the layout's version.
// Every context reads them through loadSettings(), which brings older layouts up to date
// and puts the organisation's managed settings (shared/managed.js) over the reader's.

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
  siteMuted: [],
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
  const [stored, managed] = await Promise.all([ext.storage.sync.get(null), loadManaged()]);
  return withManaged(migrateSettings(stored), managed);
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
    siteMuted: (Array.isArray(stored.siteMuted) ? stored.siteMuted : [])
      .filter((m) => typeof m?.slug === "string" && typeof m.term === "string" && typeof m.site === "string")
      .map(({ slug, term, site }) => ({ slug, term, site })),
    disabledGlossaries: strings(stored.disabledGlossaries),
  };
}

/**
 * Store the reader's changes; those to a setting the organisation locked are dropped.
 * @param {Partial<Omit<Settings, "schema">>} changes
 */
async function saveSettings(changes) {
  const { locked } = await loadManaged();
  const allowed = Object.entries(changes).filter(([key]) => !(/** @type {readonly string[]} */ (locked)).includes(key));
  await ext.storage.sync.set({ ...Object.fromEntries(allowed), schema: SETTINGS_SCHEMA });
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

/**
 * Page text goes in clear only within this computer: plain http only to a loopback backend
 * (127.0.0.0/8, ::1, localhost), anywhere else https, unless the organisation's managed
 * settings allow plain http (`allowInsecureBackend`).
 * @param {string} url @param {boolean} insecureAllowed
 */
function isBackendAllowed(url, insecureAllowed) {
  const { protocol, hostname } = URL.parse(url) ?? {};
  if (protocol === "https:") return true;
  return protocol === "http:" && (insecureAllowed || isLoopback(String(hostname)));
}

/** @param {string} host a URL's host name (IPv4 in dotted form, IPv6 in brackets) */
function isLoopback(host) {
  return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
