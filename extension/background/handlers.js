"use strict";
// The background's one handler table: one entry per BackgroundAction.

/** How long the list of a backend's glossaries is reused before it is asked again. */
const GLOSSARIES_TTL_MS = 30_000;

/** Nothing found, without asking the backend. @type {AnnotateResult} */
const NO_MATCHES = { dictionary: { id: "", version: "" }, context: { page_is_ai: false }, matches: [], terms: {} };

/** @type {Map<string, {at: number, list: Promise<Glossary[]>}>} */
const glossaryLists = new Map();

/** @type {Handlers<BackgroundContract>} */
const backgroundHandlers = {
  async annotate(payload) {
    const settings = await loadSettings();
    const index = await backendPrefilter(settings.backendUrl);
    return annotateCandidates(checkAnnotatePayload(payload), index, (sent) => annotateFor(settings, sent));
  },

  async health() {
    const { backendUrl } = await loadSettings();
    return backendHealth(backendUrl);
  },

  async glossaries() {
    const { backendUrl } = await loadSettings();
    glossaryLists.delete(backendUrl); // the options page shows the list as it is now
    return glossariesOf(backendUrl);
  },

  async search(payload) {
    const query = typeof payload?.query === "string" ? payload.query.trim() : "";
    if (!query) return [];
    const { backendUrl } = await loadSettings();
    return searchTerms(backendUrl, query);
  },

  async limits() {
    const { backendUrl } = await loadSettings();
    return backendLimits(backendUrl);
  },

  async pageSettings(payload) {
    return pageSettingsOf(await loadSettings(), String(payload?.url ?? ""));
  },

  async mute(payload) {
    const { slug, term } = payload ?? {};
    if (typeof slug !== "string" || typeof term !== "string") {
      throw new MessageError("invalid_request", "mute needs a term's slug and name");
    }
    const { muted } = await loadSettings();
    if (!muted.some((each) => each.slug === slug)) await saveSettings({ muted: [...muted, { slug, term }] });
    return null;
  },

  async wrongSense(payload) {
    const { slug, term, url } = payload ?? {};
    const site = siteOf(String(url));
    if (typeof slug !== "string" || typeof term !== "string" || !site) {
      throw new MessageError("invalid_request", "wrongSense needs a term's slug and name and the page's address");
    }
    const { siteMuted } = await loadSettings();
    if (!siteMuted.some((each) => each.slug === slug && each.site === site)) {
      await saveSettings({ siteMuted: [...siteMuted, { slug, term, site }] });
    }
    await countSenseReport(slug, site);
    return null;
  },
};

/** @param {Settings} settings @param {string} url @returns {PageSettings} */
function pageSettingsOf(settings, url) {
  const mode = settings.paused ? "paused" : isPageOn(settings, url) ? "on" : "off";
  const { firstOnly, markHeadings, markLinks, backendUrl, disabledGlossaries } = settings;
  // Switched on by name: read even with a password field.
  const explicit = settings.enabledSites.some((pattern) => patternCovers(pattern, url));
  return {
    mode, firstOnly, markHeadings, markLinks,
    explicit,
    muted: [...settings.muted, ...settings.siteMuted.filter((each) => each.site === siteOf(url))]
      .map((each) => each.slug),
    key: JSON.stringify([mode, firstOnly, markHeadings, markLinks, backendUrl, disabledGlossaries, explicit]),
  };
}

/**
 * Annotate with the glossaries the reader left on: all of them (the field omitted) unless
 * some are switched off; nothing to ask when every one is.
 * @param {Settings} settings @param {AnnotatePayload} payload
 */
async function annotateFor(settings, payload) {
  const base = settings.backendUrl;
  if (!settings.disabledGlossaries.length) return annotateText(base, payload);
  const offered = await glossariesOf(base);
  const glossaries = offered.map((g) => g.id).filter((id) => !settings.disabledGlossaries.includes(id));
  if (!glossaries.length) return NO_MATCHES;
  return annotateText(base, { ...payload, glossaries });
}

/** @param {string} base */
function glossariesOf(base) {
  const cached = glossaryLists.get(base);
  if (cached && Date.now() - cached.at < GLOSSARIES_TTL_MS) return cached.list;
  const list = backendGlossaries(base);
  glossaryLists.set(base, { at: Date.now(), list });
  list.catch(() => glossaryLists.delete(base));
  return list;
}

/** @param {any} payload @returns {AnnotatePayload} */
function checkAnnotatePayload(payload) {
  const segments = payload?.segments;
  if (!Array.isArray(segments) || !segments.every((s) => typeof s === "string")) {
    throw new MessageError("invalid_request", "annotate needs a list of text segments");
  }
  return {
    segments,
    options: {
      first_only: payload.options?.first_only === true,
      page_is_ai: payload.options?.page_is_ai === true,
    },
  };
}
