"use strict";
// Entry of the background. Chromium runs this file as the service worker and loads the
// others with importScripts; Firefox loads the same files as background scripts (see the
// manifest's "scripts"), where importScripts does not exist.

if (typeof importScripts === "function") {
  importScripts(
    "../shared/platform.js",
    "../shared/i18n.js",
    "../shared/messages.js",
    "../shared/settings.js",
    "../shared/managed.js",
    "../shared/tabs.js",
    "../shared/reports.js",
    "backend.js",
    "prefilter.js",
    "handlers.js",
    "commands.js",
  );
}

// Listeners are added at once, on every start: an event may be what woke the worker.
ext.runtime.onMessage.addListener(messageListener(backgroundHandlers));
ext.commands.onCommand.addListener((command, tab) => void runCommand(command, tab));
ext.contextMenus.onClicked.addListener((info, tab) => void explainSelection(info, tab));
ext.runtime.onStartup.addListener(createMenus);
ext.runtime.onInstalled.addListener(({ reason }) => {
  createMenus();
  upgradeSettings();
  // The first-run page says what the extension needs (a backend) and how to get it.
  if (reason === "install") ext.tabs.create({ url: ext.runtime.getURL("welcome/welcome.html") });
});

/** Stored settings of an earlier schema, rewritten in the current layout once (nothing
 * stored, as on a fresh install, stays so: every reader has the defaults). */
async function upgradeSettings() {
  const stored = await ext.storage.sync.get(null);
  const earlier = Object.keys(stored).length > 0 && !(Number(stored.schema) >= SETTINGS_SCHEMA);
  if (earlier) await ext.storage.sync.set(migrateSettings(stored));
}
