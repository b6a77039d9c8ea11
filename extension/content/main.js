"use strict";
// Entry of the content script: one GlossaryPage, driven by the settings.

async function startContent() {
  if (!pageAddress()) return;
  const page = new GlossaryPage();
  /** @type {Handlers<TabContract>} */
  const tabHandlers = {
    pageStatus: async () => page.status(),
    step: async ({ direction }) => page.step(direction === -1 ? -1 : 1),
    explain: async (explanation) => page.explain(explanation),
  };
  ext.runtime.onMessage.addListener(messageListener(tabHandlers));
  const settings = () => askBackground(BackgroundAction.pageSettings, { url: pageAddress() ?? "" });
  ext.storage.onChanged.addListener((_changes, area) => {
    if (area === "sync") settings().then((s) => page.apply(s), ignore);
  });
  page.apply(await settings());
}

/** Failures stay out of the page's console. */
function ignore() {}

startContent().catch(ignore);
