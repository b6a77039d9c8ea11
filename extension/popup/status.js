"use strict";
// What the popup says about the page it was opened on: one line, a tone, and what to do.

/**
 * @typedef {{text: string, tone: "quiet" | "good" | "off" | "problem", hint: string,
 *   retry: boolean}} StatusView
 */

/**
 * @param {Settings} settings @param {PageStatus | null} page
 * @param {boolean} backendAnswers whether the backend answered just now
 * @returns {StatusView}
 */
function statusView(settings, page, backendAnswers) {
  const view = (/** @type {StatusView["tone"]} */ tone, text = "", hint = "", retry = false) =>
    ({ text, tone, hint, retry });
  if (!backendAnswers) return view("problem", uiText("unreachable", settings.backendUrl), uiText("unreachableHint"), true);
  if (settings.paused) return view("off", uiText("statusPaused"));
  if (!page) return view("quiet", uiText("statusNotHere"));
  switch (page.state) {
    case "off": return view("off", uiText("statusOff", page.site));
    case "private": return view("off", uiText("statusPrivate"));
    case "own": return view("quiet", uiText("statusOwnPage"));
    case "unreachable": return view("problem", uiText("statusMissed"), uiText("reloadHint"));
    case "working": return view("quiet", uiText("statusWorking"));
    default:
      return page.marks ? view("good", uiText("statusMarked", uiCount("terms", page.marks)))
        : view("quiet", uiText("statusNone"));
  }
}
