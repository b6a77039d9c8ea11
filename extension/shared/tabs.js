"use strict";
// Messages to a tab's content script, from the background and the popup.

/** Answered by content/main.js. */
const TabAction = Object.freeze({
  pageStatus: "pageStatus",
  step: "step",
  explain: "explain",
});

/**
 * @template {keyof TabContract} K
 * @param {number} tabId @param {K} action @param {TabContract[K]["payload"]} payload
 * @returns {Promise<TabContract[K]["result"]>}
 */
function askTab(tabId, action, payload) {
  return deliver(() => ext.tabs.sendMessage(tabId, { action, payload }, { frameId: 0 }));
}
