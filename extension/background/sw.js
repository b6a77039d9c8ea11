"use strict";
// Entry of the background. Chromium runs this file as the service worker and loads the
// others with importScripts; Firefox loads the same files as background scripts (see the
// manifest's "scripts"), where importScripts does not exist.

if (typeof importScripts === "function") {
  importScripts(
    "../shared/platform.js",
    "../shared/messages.js",
    "../shared/settings.js",
    "backend.js",
    "handlers.js",
  );
}

ext.runtime.onMessage.addListener(messageListener(backgroundHandlers));
