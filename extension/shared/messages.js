"use strict";
// The one message contract of the extension: every action with its payload and result.
// Each receiver answers through one handler table (background/handlers.js, content/main.js);
// a reply is `{result}` or `{error: {code, message}}`.

/** Actions the background answers; sent by content scripts, the popup and the options page. */
const BackgroundAction = Object.freeze({
  /** Find glossary terms in text segments (the backend's POST /v1/annotate). */
  annotate: "annotate",
  /** Whether the configured backend answers, and with which dictionary (GET /healthz). */
  health: "health",
});

/** Actions a tab's content script answers; sent by the popup. */
const TabAction = Object.freeze({
  /** The page's site and how marking it went. */
  pageStatus: "pageStatus",
});

/**
 * @typedef {{first_only: boolean, page_is_ai: boolean}} AnnotateOptions
 * @typedef {{segments: string[], options: AnnotateOptions}} AnnotatePayload
 * @typedef {{segment: number, start: number, end: number, term: string}} TermMatch
 * @typedef {{name: string, url: string}} ToolLink
 * @typedef {{term: string, plain_english: string, definition: string, url: string,
 *            tools: ToolLink[]}} TermCard
 * @typedef {{dictionary: {id: string, version: string}, context: {page_is_ai: boolean},
 *            matches: TermMatch[], terms: Record<string, TermCard>}} AnnotateResult
 * @typedef {{backendUrl: string, dictionary: {id: string, version: string, terms: number}}} Health
 * @typedef {"off" | "paused" | "working" | "done" | "unreachable"} PageState
 * @typedef {{site: string, state: PageState, marks: number}} PageStatus
 * @typedef {{
 *   annotate: {payload: AnnotatePayload, result: AnnotateResult},
 *   health: {payload: null, result: Health},
 * }} BackgroundContract
 * @typedef {{pageStatus: {payload: null, result: PageStatus}}} TabContract
 * @typedef {{code: string, message: string}} ErrorInfo
 */

/** A failed request; `code` says why ("unreachable", "no_receiver", ...). */
class MessageError extends Error {
  /** @param {string} code @param {string} message */
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/**
 * @template {keyof BackgroundContract} K
 * @param {K} action @param {BackgroundContract[K]["payload"]} payload
 * @returns {Promise<BackgroundContract[K]["result"]>}
 */
function askBackground(action, payload) {
  return deliver(() => ext.runtime.sendMessage({ action, payload }));
}

/**
 * @template {keyof TabContract} K
 * @param {number} tabId @param {K} action @param {TabContract[K]["payload"]} payload
 * @returns {Promise<TabContract[K]["result"]>}
 */
function askTab(tabId, action, payload) {
  return deliver(() => ext.tabs.sendMessage(tabId, { action, payload }));
}

/** @param {() => Promise<any>} send */
async function deliver(send) {
  /** @type {{result?: any, error?: ErrorInfo} | undefined} */
  let reply;
  try {
    reply = await send();
  } catch (error) {
    // Nobody listens (a page without the content script), or the extension was reloaded.
    throw new MessageError("no_receiver", errorInfo(error).message);
  }
  if (reply && "result" in reply) return reply.result;
  const { code, message } = reply?.error ?? { code: "no_reply", message: "no reply" };
  throw new MessageError(code, message);
}

/** @param {unknown} error @returns {ErrorInfo} */
function errorInfo(error) {
  if (error instanceof MessageError) return { code: error.code, message: error.message };
  return { code: "internal", message: error instanceof Error ? error.message : String(error) };
}

/**
 * The runtime.onMessage listener of one handler table.
 * @param {Record<string, (payload: any, sender: chrome.runtime.MessageSender) => Promise<unknown>>} handlers
 */
function messageListener(handlers) {
  /** @param {any} message @param {chrome.runtime.MessageSender} sender @param {(reply: unknown) => void} respond */
  return (message, sender, respond) => {
    const action = message?.action;
    if (!Object.hasOwn(handlers, action)) {
      respond({ error: { code: "unknown_action", message: `unknown action ${action}` } });
      return false;
    }
    handlers[action](message.payload ?? null, sender).then(
      (result) => respond({ result }),
      (error) => respond({ error: errorInfo(error) }),
    );
    return true; // the reply comes later
  };
}
