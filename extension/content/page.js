"use strict";
// One page: its marks and cards, and the work behind them, switched by the settings.

const TYPING = "textarea, select, input:not([type=button], [type=checkbox], [type=radio], [type=submit])";

class GlossaryPage {
  /** @type {PageSettings["mode"] | "own"} */
  mode = "off";
  /** A new settings key restarts the page. */
  applied = "";
  /** @type {Set<string>} */
  muted = new Set();
  /** @type {Annotator | null} */
  annotator = null;
  /** @type {Mark | null} the keyboard's term */
  current = null;

  constructor() {
    this.reader = new BlockReader((node) => this.cards.owns(node), (root) => this.watcher.watch(root));
    this.marks = new Marks(this.reader.shadows);
    this.cards = new Cards(
      (mark) => {
        const card = this.annotator?.cards.get(mark.slug);
        return card && { ...card, slug: mark.slug };
      },
      (view) => this.mute(view),
      () => this.marks.focus(null),
    );
    this.watcher = new PageWatcher(this.reader);
    this.pointer = new PointerIntent(this.marks, this.cards);
  }

  /** @param {PageSettings} settings */
  apply(settings) {
    const muted = new Set(settings.muted);
    const unmuted = [...this.muted].some((slug) => !muted.has(slug));
    this.muted = muted;
    // Muting drops marks in place; unmuting needs a new reading.
    for (const slug of muted) this.marks.removeTerm(slug);
    if (this.annotator) this.annotator.rules.muted = muted; // text read later skips them too
    if (settings.key === this.applied && !unmuted) return;
    this.applied = settings.key;
    this.stop();
    this.mode = settings.mode === "on" && isOwnPage() ? "own" : settings.mode;
    if (this.mode !== "on") return;
    this.reader.headings = settings.markHeadings;
    const rules = { firstOnly: settings.firstOnly, links: settings.markLinks, muted, explicit: settings.explicit };
    this.annotator = new Annotator(this.reader, this.marks, rules, () => this.watcher.stop());
    this.annotator.read([document.body ?? document.documentElement]);
    this.watcher.start(this.annotator);
    this.pointer.start();
  }

  stop() {
    this.annotator?.stop();
    this.annotator = null;
    this.watcher.stop();
    this.pointer.stop();
    this.cards.closeAll();
    this.marks.clear();
    this.reader.forget();
  }

  /** The keyboard commands: to the next or previous mark, its card focused. @param {1 | -1} direction */
  step(direction) {
    const order = isTyping() ? [] : this.marks.ordered();
    if (!order.length) return false;
    const at = this.current ? order.indexOf(this.current) : -1;
    const index = at < 0 ? firstInView(order, direction) : at + direction;
    const mark = order[(index + order.length) % order.length];
    this.current = mark;
    const box = mark.range.getBoundingClientRect();
    if (box.top < 0 || box.bottom > innerHeight) scrollBy({ top: box.top - innerHeight / 3, behavior: "instant" });
    this.marks.focus(mark);
    return this.cards.openMark(mark, "keys");
  }

  /** "I know this term". @param {CardView} view */
  mute({ slug, term }) {
    if (!slug) return;
    this.marks.removeTerm(slug);
    this.muted.add(slug);
    askBackground(BackgroundAction.mute, { slug, term }).catch(ignore);
  }

  /** The context menu's card, by the selection. @param {CardView} view */
  explain(view) {
    const selection = getSelection();
    const anchor = selection?.rangeCount ? lineOf(selection.getRangeAt(0)) : new DOMRect();
    this.cards.open(view, anchor, "menu");
    return true;
  }

  /** @returns {PageStatus} */
  status() {
    const work = this.annotator;
    const state = work?.unreachable ? "unreachable" : work?.withheld ? "private" : work?.busy || !this.applied ? "working"
      : this.mode === "on" ? "done" : this.mode;
    return { site: location.hostname, url: location.href, state, marks: this.marks.count };
  }
}

/** The first term in view going forward, the last going back. @param {Mark[]} order @param {1 | -1} direction */
function firstInView(order, direction) {
  const box = (/** @type {Mark} */ mark) => mark.range.getBoundingClientRect();
  if (direction > 0) return Math.max(order.findIndex((mark) => box(mark).bottom > 0), 0);
  const index = order.findLastIndex((mark) => box(mark).top < innerHeight);
  return index < 0 ? order.length - 1 : index;
}

/**
 * The page's address; a same-origin frame's is its top page's (where the site rules look). A
 * cross-origin frame has none: it is a page of its own, left alone.
 */
function pageAddress() {
  try {
    return top?.origin === origin ? top.location.href : null;
  } catch {
    return null; // a cross-origin top is not readable
  }
}

/** One of the glossary's own pages: the backend's templates carry this marker. */
function isOwnPage() {
  return document.querySelector('meta[name="ai-glossary"][content="own-page"]') !== null;
}

/** Focus in a field or an editable region (in open shadow roots too). */
function isTyping() {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return document.designMode === "on" || !!element?.matches(TYPING) ||
    !!(/** @type {HTMLElement | null} */ (element)?.isContentEditable);
}
