"use strict";
// The marks: Ranges in one CSS custom highlight, painted by ::highlight() in marks.css.
// The page's DOM is never changed; hover is found from the caret under the pointer.

const HIGHLIGHT_NAME = "ai-glossary-term";

/** @typedef {{range: Range, slug: string, run: TextRun}} Mark */

class Marks {
  highlight = new Highlight();
  /** @type {Map<TextRun, Mark[]>} */
  byRun = new Map();
  /** @type {WeakMap<Text, Mark[]>} the marks touching each text node, for hit tests */
  byNode = new WeakMap();
  /** @type {Map<string, number>} live marks of each term */
  perTerm = new Map();

  get size() {
    return this.highlight.size;
  }

  /** @param {string} slug */
  hasTerm(slug) {
    return (this.perTerm.get(slug) ?? 0) > 0;
  }

  /** @param {TextRun} run @param {Range} range @param {string} slug */
  add(run, range, slug) {
    // Registered with the first mark: a page with nothing to mark is left as it was.
    if (CSS.highlights.get(HIGHLIGHT_NAME) !== this.highlight) {
      CSS.highlights.set(HIGHLIGHT_NAME, this.highlight);
    }
    const mark = { range, slug, run };
    this.highlight.add(range);
    this.byRun.set(run, [...(this.byRun.get(run) ?? []), mark]);
    const first = run.nodes.indexOf(/** @type {Text} */ (range.startContainer));
    const last = run.nodes.indexOf(/** @type {Text} */ (range.endContainer));
    for (const node of run.nodes.slice(first, last + 1)) {
      this.byNode.set(node, [...(this.byNode.get(node) ?? []), mark]);
    }
    this.perTerm.set(slug, (this.perTerm.get(slug) ?? 0) + 1);
  }

  /** @param {TextRun} run */
  removeRun(run) {
    for (const mark of this.byRun.get(run) ?? []) {
      this.highlight.delete(mark.range);
      this.perTerm.set(mark.slug, (this.perTerm.get(mark.slug) ?? 1) - 1);
    }
    this.byRun.delete(run);
    for (const node of run.nodes) {
      this.byNode.set(node, (this.byNode.get(node) ?? []).filter((mark) => mark.run !== run));
    }
  }

  clear() {
    this.highlight.clear();
    if (CSS.highlights.get(HIGHLIGHT_NAME) === this.highlight) {
      CSS.highlights.delete(HIGHLIGHT_NAME);
    }
    this.byRun.clear();
    this.byNode = new WeakMap();
    this.perTerm.clear();
  }

  /**
   * The mark under a viewport point. The caret nearest the point is also found beside a
   * line's end, so the point must lie on one of the mark's boxes too.
   * @param {number} x @param {number} y
   */
  at(x, y) {
    const caret = caretAt(x, y);
    const marks = caret ? this.byNode.get(/** @type {Text} */ (caret.node)) ?? [] : [];
    for (const mark of marks) {
      if (!caret || !mark.range.isPointInRange(caret.node, caret.offset)) continue;
      for (const box of mark.range.getClientRects()) {
        if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) return mark;
      }
    }
    return null;
  }
}

/**
 * The caret position nearest a viewport point (caretRangeFromPoint for older Chromium).
 * @param {number} x @param {number} y
 * @returns {{node: Node, offset: number} | null}
 */
function caretAt(x, y) {
  const doc = /** @type {any} */ (document);
  if (doc.caretPositionFromPoint) {
    const position = doc.caretPositionFromPoint(x, y);
    return position && { node: position.offsetNode, offset: position.offset };
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range && { node: range.startContainer, offset: range.startOffset };
}
