"use strict";
// Marks as a CSS custom highlight (ADR 4), holding only those near the viewport: each change
// costs a frame in proportion to its ranges.

const HIGHLIGHT_NAME = "ai-glossary-term";
const LINK_HIGHLIGHT_NAME = "ai-glossary-link"; // marks inside the page's links: a lighter style
const FOCUS_NAME = "ai-glossary-focus";
// A shadow tree paints marks only by its own ::highlight() rules: styles.css's, adopted
// (test_source.py compares the two).
const SHADOW_CSS = `::highlight(ai-glossary-term){text-decoration:underline dotted 2px #1a73e8}
::highlight(ai-glossary-link){background-color:rgb(26 115 232 / 0.12)}
::highlight(ai-glossary-focus){background-color:rgb(26 115 232 / 0.22);text-decoration:underline solid 3px #1a73e8}
@media (forced-colors:active){::highlight(ai-glossary-term){text-decoration-color:LinkText}
::highlight(ai-glossary-link){background-color:transparent;text-decoration:overline dotted LinkText}
::highlight(ai-glossary-focus){background-color:Highlight;color:HighlightText;text-decoration-color:HighlightText}}`;

class Marks {
  highlight = new Highlight();
  inLinks = new Highlight();
  focused = new Highlight();
  /** @type {Map<TextRun, Mark[]>} */
  byRun = new Map();
  /** @type {WeakMap<Node, TextRun>} for hit tests */
  runOfNode = new WeakMap();
  /** @type {Map<string, number>} */
  perTerm = new Map();
  /** @type {Map<Element, Set<TextRun>>} */
  runsOf = new Map();
  /** @type {Set<Element>} */
  near = new Set();
  count = 0;
  observer = new IntersectionObserver((entries) => {
    for (const { target, isIntersecting } of entries) this.paint(target, isIntersecting);
  }, { rootMargin: "100% 0px" });
  sheet = new CSSStyleSheet();

  /** @param {Set<ShadowRoot>} shadows the open shadow roots read */
  constructor(shadows) {
    this.shadows = shadows;
    this.sheet.replaceSync(SHADOW_CSS);
  }

  /** @param {string} slug */
  hasTerm(slug) {
    return (this.perTerm.get(slug) ?? 0) > 0;
  }

  /** @param {TextRun} run @param {Range} range @param {string} slug */
  add(run, range, slug) {
    const linked = !!(linkOf(range.startContainer) || linkOf(range.endContainer));
    this.byRun.set(run, [...(this.byRun.get(run) ?? []), { range, slug, run, linked }]);
    for (const node of run.nodes) this.runOfNode.set(node, run);
    this.perTerm.set(slug, (this.perTerm.get(slug) ?? 0) + 1);
    this.count += 1;
    this.style(run.nodes[0]);
    const block = run.block;
    if (!this.runsOf.has(block)) {
      this.runsOf.set(block, new Set());
      this.observer.observe(block);
    }
    this.runsOf.get(block)?.add(run);
    if (this.near.has(block)) this.show(range, linked);
  }

  /** A shadow tree adopts the marks' styles (the document has styles.css). @param {Node} node */
  style(node) {
    const root = /** @type {ShadowRoot} */ (node.getRootNode());
    const sheets = root.host && root.adoptedStyleSheets;
    if (sheets && !sheets.includes(this.sheet)) root.adoptedStyleSheets = [...sheets, this.sheet];
  }

  /** @param {Range} range @param {boolean} linked */
  show(range, linked) {
    const [name, highlight] = linked ? [LINK_HIGHLIGHT_NAME, this.inLinks] : [HIGHLIGHT_NAME, this.highlight];
    // Registered with the first mark: a page with nothing to mark is left as it was.
    if (CSS.highlights.get(name) !== highlight) CSS.highlights.set(name, highlight);
    highlight.add(range);
  }

  /** @param {Range} range */
  hide(range) {
    this.highlight.delete(range);
    this.inLinks.delete(range);
  }

  /** @param {Element} block @param {boolean} near */
  paint(block, near) {
    if (near) this.near.add(block);
    else this.near.delete(block);
    for (const run of this.runsOf.get(block) ?? []) {
      for (const { range, linked } of this.byRun.get(run) ?? []) {
        if (near) this.show(range, linked);
        else this.hide(range);
      }
    }
  }

  /** @param {TextRun} run */
  removeRun(run) {
    this.drop(run, () => true);
    this.runsOf.get(run.block)?.delete(run);
  }

  /** @param {string} slug */
  removeTerm(slug) {
    for (const run of [...this.byRun.keys()]) this.drop(run, (mark) => mark.slug === slug);
  }

  /** @param {TextRun} run @param {(mark: Mark) => boolean} gone */
  drop(run, gone) {
    const marks = this.byRun.get(run) ?? [];
    const kept = marks.filter((mark) => !gone(mark));
    if (kept.length === marks.length) return;
    for (const mark of marks.filter(gone)) {
      this.hide(mark.range);
      this.focused.delete(mark.range);
      this.perTerm.set(mark.slug, (this.perTerm.get(mark.slug) ?? 1) - 1);
      this.count -= 1;
    }
    if (kept.length) this.byRun.set(run, kept);
    else this.byRun.delete(run);
  }

  clear() {
    this.observer.disconnect();
    this.highlight.clear();
    this.inLinks.clear();
    this.focus(null);
    for (const name of [HIGHLIGHT_NAME, LINK_HIGHLIGHT_NAME, FOCUS_NAME]) {
      const own = CSS.highlights.get(name);
      if (own === this.highlight || own === this.inLinks || own === this.focused) CSS.highlights.delete(name);
    }
    this.byRun.clear();
    this.perTerm.clear();
    this.runsOf.clear();
    this.near.clear();
    this.count = 0;
  }

  /** The keyboard's current term, or none. @param {Mark | null} mark */
  focus(mark) {
    this.focused.clear();
    if (!mark) return;
    this.focused.priority = 1;
    if (CSS.highlights.get(FOCUS_NAME) !== this.focused) CSS.highlights.set(FOCUS_NAME, this.focused);
    this.focused.add(mark.range);
  }

  /** Every mark in reading order. */
  ordered() {
    return [...this.byRun.values()].flat().sort(({ range: a }, { range: b }) => {
      // Across trees, a mark in a shadow tree sits where its host does.
      if (a.startContainer.getRootNode() === b.startContainer.getRootNode()) return a.compareBoundaryPoints(Range.START_TO_START, b);
      const order = outermost(a.startContainer).compareDocumentPosition(outermost(b.startContainer));
      return order & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : order & Node.DOCUMENT_POSITION_PRECEDING ? 1 : 0;
    });
  }

  /** The mark under a point (its caret and its boxes). @param {number} x @param {number} y */
  at(x, y) {
    // A browser without `shadowRoots` stops at their hosts: no hover inside.
    const caret = document.caretPositionFromPoint(x, y, { shadowRoots: [...this.shadows] });
    const node = caret?.offsetNode;
    const run = node && this.runOfNode.get(node);
    for (const mark of (run && this.byRun.get(run)) ?? []) {
      if (!mark.range.isPointInRange(/** @type {Node} */ (node), caret?.offset ?? 0)) continue;
      for (const box of mark.range.getClientRects()) {
        if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) return mark;
      }
    }
    return null;
  }
}

/** The node, or its shadow tree's host in the document. @param {Node} node */
function outermost(node) {
  for (let host = /** @type {Node | undefined} */ (node); host; host = /** @type {ShadowRoot} */ (host.getRootNode()).host) node = host;
  return node;
}

/** @param {Node} node */
function linkOf(node) {
  return (isElement(node) ? node : node.parentElement)?.closest("a[href]") ?? null;
}
