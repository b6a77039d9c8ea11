"use strict";
// The organisation's managed settings (storage.managed, declared in managed_schema.json and
// set by a browser policy). A setting they give is used as given; it and every setting they
// name in `lockedSettings` are locked: readers see them but cannot change them.

/** The settings an organisation may set or lock, under the reader's names for them. */
const MANAGEABLE = Object.freeze(/** @type {const} */ ([
  "backendUrl", "firstOnly", "markHeadings", "markLinks", "paused",
  "siteMode", "disabledSites", "enabledSites", "disabledGlossaries",
]));

/** @returns {Promise<Managed>} */
async function loadManaged() {
  try {
    return managedPolicy(await ext.storage.managed.get(null));
  } catch {
    return managedPolicy({}); // no managed storage (Firefox without a policy)
  }
}

/**
 * Managed storage as a policy: the values it sets (checked as stored settings are; a
 * mistyped one locks the default) and the settings it locks.
 * @param {Record<string, any>} raw
 * @returns {Managed}
 */
function managedPolicy(raw) {
  const given = MANAGEABLE.filter((key) => raw[key] !== undefined);
  const checked = migrateSettings({ ...raw, schema: SETTINGS_SCHEMA });
  const listed = Array.isArray(raw.lockedSettings) ? raw.lockedSettings : [];
  return {
    values: Object.fromEntries(given.map((key) => [key, checked[key]])),
    locked: MANAGEABLE.filter((key) => given.includes(key) || listed.includes(key)),
    allowInsecureBackend: raw.allowInsecureBackend === true,
  };
}

/**
 * The reader's settings under the organisation's: a locked setting it gives no value for
 * keeps its default.
 * @param {Settings} settings @param {Managed} managed @returns {Settings}
 */
function withManaged(settings, { values, locked }) {
  const defaults = migrateSettings({ schema: SETTINGS_SCHEMA });
  const kept = Object.fromEntries(locked.map((key) => [key, defaults[key]]));
  return { ...settings, ...kept, ...values };
}

/** Whether the organisation's managed settings allow plain http to any backend. */
async function insecureBackendAllowed() {
  return (await loadManaged()).allowInsecureBackend;
}
