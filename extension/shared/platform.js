"use strict";
// The extension API of the browser we run in: Firefox's `browser` (promise-based), else
// Chromium's `chrome` (promise-based under Manifest V3). Every other file uses `ext`.

const ext = /** @type {typeof chrome} */ (
  /** @type {any} */ (globalThis).browser ?? globalThis.chrome
);
