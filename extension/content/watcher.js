"use strict";
// Following the page: new or changed text is read, nothing else; marks on rewritten text go.

// Changes that can reveal hidden text (expanding sections, tabs, dialogs).
const REVEALING_ATTRIBUTES = ["class", "style", "hidden", "open"];

class PageWatcher {
  /** @type {Annotator | null} */
  annotator = null;

  /** @param {BlockReader} reader */
  constructor(reader) {
    this.reader = reader;
    this.observer = new MutationObserver((records) => this.changed(records));
  }

  /** @param {Annotator} annotator */
  start(annotator) {
    this.annotator = annotator;
    this.watch(document.documentElement);
  }

  /** The page, and each open shadow root read (unseen from the page). @param {Node} root */
  watch(root) {
    this.observer.observe(root, { childList: true, subtree: true, characterData: true, attributeFilter: REVEALING_ATTRIBUTES });
  }

  stop() {
    this.observer.disconnect();
    this.annotator = null;
  }

  /** @param {MutationRecord[]} records */
  changed(records) {
    const annotator = this.annotator;
    if (!annotator) return;
    /** @type {Set<Node>} */
    const roots = new Set();
    /** @type {Text[]} */
    const gone = [];
    for (const record of records) {
      const { target } = record;
      if (this.reader.isOwn(target)) continue;
      if (record.type === "characterData") {
        gone.push(/** @type {Text} */ (target));
        roots.add(target);
      } else if (record.type === "attributes") {
        this.reader.blockish.delete(/** @type {Element} */ (target));
        roots.add(target);
      } else {
        for (const node of record.addedNodes) {
          if (!this.reader.isOwn(node)) roots.add(isText(node) ? target : node);
        }
        for (const node of record.removedNodes) gone.push(...textsIn(node));
        if (record.removedNodes.length) roots.add(target);
      }
    }
    annotator.forget(gone);
    annotator.read(roots);
  }
}

/** @param {Node} node @returns {Text[]} */
function textsIn(node) {
  if (isText(node)) return [node];
  const texts = [];
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    texts.push(/** @type {Text} */ (text));
  }
  return texts;
}
