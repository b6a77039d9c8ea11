"use strict";
// The message contract (types.d.ts): replies are `{result}` or `{error}`.

/** Answered by background/handlers.js. */
const BackgroundAction = Object.freeze({
  annotate: "annotate",
  health: "health",
  glossaries: "glossaries",
  search: "search",
  limits: "limits",
  pageSettings: "pageSettings",
  mute: "mute",
  wrongSense: "wrongSense",
});

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

/** @param {() => Promise<any>} send */
async function deliver(send) {
  /** @type {Reply} */
  let reply;
  try {
    reply = await send();
  } catch (error) {
    // Nobody listens (no content script there), or the extension was reloaded.
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

/** @param {Record<string, Handler>} handlers @returns {OnMessage} */
function messageListener(handlers) {
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
