"use strict";
// The background's one handler table: one entry per BackgroundAction.

/**
 * @type {{[K in keyof BackgroundContract]: (payload: BackgroundContract[K]["payload"],
 *         sender: chrome.runtime.MessageSender) => Promise<BackgroundContract[K]["result"]>}}
 */
const backgroundHandlers = {
  async annotate(payload) {
    const { backendUrl } = await loadSettings();
    return annotateText(backendUrl, checkAnnotatePayload(payload));
  },

  async health() {
    const { backendUrl } = await loadSettings();
    return backendHealth(backendUrl);
  },
};

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
