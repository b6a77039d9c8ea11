"use strict";
// The readable text of a page, block by block: a block's inline text is one run, so
// "large <b>language</b> model" is one phrase. Hidden and editable text is never read.

/** Elements whose text is never read: form fields, code, scripts, media and embeds. */
const SKIPPED_ELEMENTS = new Set([
  "input", "textarea", "select", "option", "button", "script", "style", "noscript",
  "template", "code", "pre", "kbd", "samp", "canvas", "iframe", "object", "embed",
  "video", "audio", "math", "svg",
]);

const HTML_NAMESPACE = "http://www.w3.org/1999/xhtml";

class BlockReader {
  /** Blocks read before: reading an enclosing block again passes over them. */
  seen = new WeakSet();
  /** @type {WeakMap<Element, boolean>} */
  blockish = new WeakMap();

  /** @param {(element: Element) => boolean} isOwn true for the extension's own elements */
  constructor(isOwn) {
    this.isOwn = isOwn;
  }

  forget() {
    this.seen = new WeakSet();
    this.blockish = new WeakMap();
  }

  /** The nearest block holding a node. @param {Node} node @returns {Element | null} */
  blockOf(node) {
    let element = isElement(node) ? node : node.parentElement;
    while (element && element !== document.documentElement && !this.isBlock(element)) {
      element = element.parentElement;
    }
    return element;
  }

  /** Whether no ancestor forbids reading. @param {Element} element */
  canRead(element) {
    if (document.designMode === "on") return false;
    for (let el = /** @type {Element | null} */ (element); el; el = el.parentElement) {
      if (this.refuses(el)) return false;
    }
    return true;
  }

  /**
   * The runs under the block `root`, in document order, but those of blocks read before.
   * @param {Element} root
   * @returns {Generator<TextRun>}
   */
  *runsIn(root) {
    this.seen.add(root);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => this.accepts(node),
    });
    /** @type {Text[]} */
    let nodes = [];
    /** @type {Element | null} */
    let block = root;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = isText(node);
      const owner = text ? this.blockOf(node) : boundaryOf(this, node);
      if (owner && owner !== block) {
        yield* finish(nodes);
        nodes = [];
        block = owner;
      }
      if (text) nodes.push(/** @type {Text} */ (node));
    }
    yield* finish(nodes);
  }

  /** @param {Node} node */
  accepts(node) {
    if (isText(node)) return NodeFilter.FILTER_ACCEPT;
    const element = /** @type {Element} */ (node);
    if (this.seen.has(element) || this.refuses(element)) return NodeFilter.FILTER_REJECT;
    if (this.isBlock(element)) this.seen.add(element);
    return NodeFilter.FILTER_ACCEPT;
  }

  /** @param {Element} element */
  refuses(element) {
    if (this.isOwn(element) || element.namespaceURI !== HTML_NAMESPACE) return true;
    if (SKIPPED_ELEMENTS.has(element.localName)) return true;
    if (/** @type {HTMLElement} */ (element).isContentEditable) return true;
    const { display } = getComputedStyle(element);
    if (display === "none") return true;
    return display !== "contents" && !element.checkVisibility({ visibilityProperty: true });
  }

  /** @param {Element} element */
  isBlock(element) {
    let block = this.blockish.get(element);
    if (block === undefined) {
      const { display } = getComputedStyle(element);
      block = !display.startsWith("inline") && display !== "contents" && display !== "none";
      this.blockish.set(element, block);
    }
    return block;
  }
}

/** A block or line break ends a run. @param {BlockReader} reader @param {Node} node */
function boundaryOf(reader, node) {
  const element = /** @type {Element} */ (node);
  return element.localName === "br" || reader.isBlock(element) ? element : null;
}

/** @param {Text[]} nodes @returns {Generator<TextRun>} */
function* finish(nodes) {
  if (nodes.some((node) => node.data.trim())) yield new TextRun(nodes);
}

// By node type: `instanceof` is unreliable across the worlds of content scripts.
/** @param {Node} node @returns {node is Text} */
function isText(node) {
  return node.nodeType === Node.TEXT_NODE;
}

/** @param {Node} node @returns {node is Element} */
function isElement(node) {
  return node.nodeType === Node.ELEMENT_NODE;
}
