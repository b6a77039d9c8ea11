"use strict";
// The extension API: Firefox's `browser`, else Chromium's `chrome` (both promise-based).

const ext = /** @type {typeof chrome} */ (
  /** @type {any} */ (globalThis).browser ?? globalThis.chrome
);
