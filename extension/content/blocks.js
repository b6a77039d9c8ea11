"use strict";
// Readable text by block: a block's inline text is one run; hidden or editable text is not read.
// Open shadow roots are read too; closed ones are left alone.

const SKIPPED_ELEMENTS = new Set([
  "input", "textarea", "select", "option", "button", "script", "style", "noscript",
  "template", "code", "pre", "kbd", "samp", "canvas", "iframe", "object", "embed",
  "video", "audio", "math", "svg",
]);
const HTML_NAMESPACE = "http://www.w3.org/1999/xhtml";

class BlockReader {
  /** Blocks read, passed over when an enclosing block is read. */
  seen = new WeakSet();
  /** @type {WeakMap<Element, boolean>} */
  blockish = new WeakMap();
  headings = false;
  /** @type {Set<ShadowRoot>} the open shadow roots read */
  shadows = new Set();

  /** @param {(node: Node) => boolean} isOwn @param {(root: ShadowRoot) => void} onShadow */
  constructor(isOwn, onShadow) {
    this.isOwn = isOwn;
    this.onShadow = onShadow;
  }

  forget() {
    this.seen = new WeakSet();
    this.blockish = new WeakMap();
    this.shadows.clear();
  }

  /** @param {Node} node @returns {Element | null} */
  blockOf(node) {
    let element = isElement(node) ? node : parentOf(node);
    while (element && element !== document.documentElement && !this.isBlock(element)) {
      element = parentOf(element);
    }
    return element;
  }

  /** No ancestor forbids reading. @param {Element} element */
  canRead(element) {
    if (document.designMode === "on") return false;
    for (let el = /** @type {Element | null} */ (element); el; el = parentOf(el)) {
      if (this.refuses(el)) return false;
    }
    return true;
  }

  /** Runs under `root` and its open shadow roots, but for blocks read before. @param {Element | ShadowRoot} root @returns {Generator<TextRun>} */
  *runsIn(root) {
    this.seen.add(root);
    /** @type {ShadowRoot[]} */
    const shadows = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => this.accepts(node, shadows),
    });
    /** @type {Text[]} */
    let nodes = [];
    /** @type {Node | null} */
    let block = root;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = isText(node);
      const owner = text ? this.blockOf(node) : boundaryOf(this, node);
      if (owner && owner !== block) {
        yield* this.finish(nodes);
        nodes = [];
        block = owner;
      }
      if (text) nodes.push(/** @type {Text} */ (node));
    }
    yield* this.finish(nodes);
    for (const shadow of [/** @type {Element} */ (root).shadowRoot, ...shadows]) {
      if (!shadow) continue;
      this.shadows.add(shadow);
      this.onShadow(shadow);
      yield* this.runsIn(shadow);
    }
  }

  /** @param {Text[]} nodes @returns {Generator<TextRun>} */
  *finish(nodes) {
    if (nodes.some((node) => node.data.trim())) {
      yield new TextRun(nodes, this.blockOf(nodes[0]) ?? document.documentElement);
    }
  }

  /** @param {Node} node @param {ShadowRoot[]} shadows */
  accepts(node, shadows) {
    if (isText(node)) return NodeFilter.FILTER_ACCEPT;
    const element = /** @type {Element} */ (node);
    if (this.seen.has(element) || this.refuses(element)) return NodeFilter.FILTER_REJECT;
    if (this.isBlock(element)) this.seen.add(element);
    if (element.shadowRoot) shadows.push(element.shadowRoot); // open ones only
    return NodeFilter.FILTER_ACCEPT;
  }

  /** @param {Element} element */
  refuses(element) {
    const name = element.localName;
    if (this.isOwn(element) || element.namespaceURI !== HTML_NAMESPACE) return true;
    if (SKIPPED_ELEMENTS.has(name) || (!this.headings && /^h[1-6]$/.test(name))) return true;
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

/** The parent in the composed tree: a shadow tree's top leads to its host. @param {Node} node */
function parentOf(node) {
  return node.parentElement ?? /** @type {ShadowRoot} */ (node.parentNode ?? node).host ?? null;
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
