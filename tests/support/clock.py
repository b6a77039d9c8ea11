"""A test clock for the content script's timers: hover intent, hiding, long presses.

Playwright's `page.clock` fakes the timers of the page's own (main) world only. A content
script runs in an isolated world with its own `setTimeout`, so that clock does not reach it
(checked: with `page.clock` installed and paused, a hover card still opens after 300 ms of
real time). This clock does the same job in the extension's world: found through the
DevTools protocol by the extension's origin, its `setTimeout` and `clearTimeout` are
replaced by a queue that only the test advances.

Tests read behaviour through it, never through a copy of the code's delays: `run_all()`
fires every timer that is due at any time (as sinon's `runAll`), so "nothing opened" and
"it stayed" hold however long the delays are. Install it once the page is marked: reading a
page also waits on timers, which would then wait for the test.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import CDPSession, Page

_INSTALL = """(() => {
  if (globalThis.__testClock) return true;
  const timers = new Map();
  let next = 1;
  let now = 0;
  globalThis.setTimeout = (callback, delay = 0, ...args) => {
    timers.set(next, { at: now + Math.max(0, Number(delay) || 0), callback, args });
    return next++;
  };
  globalThis.clearTimeout = (id) => void timers.delete(id);
  const fireNext = (until) => {
    let first = null;
    for (const [id, timer] of timers) if (!first || timer.at < first[1].at) first = [id, timer];
    if (!first || first[1].at > until) return false;
    timers.delete(first[0]);
    now = first[1].at;
    first[1].callback(...first[1].args);
    return true;
  };
  globalThis.__testClock = {
    pending: () => timers.size,
    runFor(ms) {
      const until = now + ms;
      while (fireNext(until));
      now = until;
    },
    runAll() {
      for (let fired = 0; fireNext(Infinity); fired += 1) {
        if (fired > 1000) throw new Error("timers keep scheduling timers");
      }
    },
  };
  return true;
})()"""

# Two frames of the page: the content script's hit test (one a frame) has run by then.
_FRAMES = "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"


class ContentClock:
    """The content script's timers on one page, advanced only by the test."""

    def __init__(self, page: Page, cdp: CDPSession, context_id: int) -> None:
        self.page = page
        self._cdp = cdp
        self._context = context_id

    @classmethod
    def install(cls, page: Page, extension_id: str) -> ContentClock:
        cdp = page.context.new_cdp_session(page)
        contexts: list[dict[str, Any]] = []
        cdp.on("Runtime.executionContextCreated", lambda event: contexts.append(event["context"]))
        cdp.send("Runtime.enable")
        origin = f"chrome-extension://{extension_id}"
        frame = cdp.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
        ours = [
            c["id"]
            for c in contexts
            if c["origin"] == origin and c["auxData"].get("frameId") == frame
        ]
        assert len(ours) == 1, f"the content script's world is not in {contexts}"
        clock = cls(page, cdp, ours[0])
        clock._evaluate(_INSTALL)
        return clock

    def run_all(self) -> None:
        """Let the page take in the last input, then fire every timer, however far ahead."""
        self.page.evaluate(_FRAMES)
        self._evaluate("globalThis.__testClock.runAll()")
        self.page.evaluate(_FRAMES)

    def run_for(self, ms: float) -> None:
        """Move the content script's time `ms` on, firing the timers due meanwhile."""
        self._evaluate(f"globalThis.__testClock.runFor({ms})")

    def pending(self) -> int:
        count: int = self._evaluate("globalThis.__testClock.pending()")
        return count

    def _evaluate(self, expression: str) -> Any:
        reply = self._cdp.send(
            "Runtime.evaluate",
            {"expression": expression, "contextId": self._context, "returnByValue": True},
        )
        assert "exceptionDetails" not in reply, reply["exceptionDetails"]
        return reply["result"].get("value")
