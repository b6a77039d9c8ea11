"use strict";
// Entry of the content script: one GlossaryPage, driven by the settings, answering the popup.

async function startContent() {
  const page = new GlossaryPage(siteOf(location.href));
  if (!page.site) return;
  /**
   * The content script's one handler table: one entry per TabAction.
   * @type {{[K in keyof TabContract]: () => Promise<TabContract[K]["result"]>}}
   */
  const tabHandlers = {
    async pageStatus() {
      return page.status();
    },
  };
  ext.runtime.onMessage.addListener(messageListener(tabHandlers));
  ext.storage.onChanged.addListener((_changes, area) => {
    if (area === "sync") loadSettings().then((settings) => page.apply(settings), ignore);
  });
  page.apply(await loadSettings());
}

/** Failures with nowhere to go: the page's console is the page's, never ours. */
function ignore() {}

startContent().catch(ignore);
