"use strict";
// The live card and the pinned ones; Esc closes a card and gives focus back.

class Cards {
  /** @type {Set<Card>} */
  pinned = new Set();
  /** @type {WeakSet<Node>} */
  hosts = new WeakSet();
  /** @type {Mark | null} the live card's term */
  mark = null;
  /** @type {Opener | null} who opened the live card, if open */
  by = null;
  /** @type {Element | null} where focus was before a card took it */
  returnTo = null;

  /**
   * @param {(mark: Mark) => CardView | undefined} viewOf @param {(view: CardView) => void} onMute
   * @param {() => void} onClose
   */
  constructor(viewOf, onMute, onClose) {
    this.viewOf = viewOf;
    this.onMute = onMute;
    this.onClose = onClose;
    this.live = this.make();
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !this.live.focused) this.closeLive();
    }, true);
    addEventListener("scroll", () => this.scrolled(), { capture: true, passive: true });
  }

  make() {
    const card = new Card(this);
    this.hosts.add(card.host);
    card.host.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.stopPropagation();
      this.close(card, true);
    });
    card.host.addEventListener("focusout", () => {
      if (card === this.live && this.holding() && document.hasFocus()) this.closeLive();
    });
    return card;
  }

  /** @param {EventTarget | null} target */
  owns(target) {
    return this.hosts.has(/** @type {Node} */ (target));
  }

  holding() {
    return this.by === "keys" || this.by === "menu";
  }

  /** @param {CardView} view @param {Box} anchor @param {Opener} by @param {Mark | null} mark */
  open(view, anchor, by, mark = null) {
    if (!this.owns(document.activeElement)) this.returnTo = document.activeElement;
    this.mark = mark;
    this.by = by;
    this.live.show(view, anchor);
    if (this.holding()) this.live.focus();
  }

  /** @param {Mark} mark @param {Opener} by */
  openMark(mark, by) {
    const view = mark.run.live && this.viewOf(mark);
    if (view) this.open(view, lineOf(mark.range), by, mark);
    return !!view;
  }

  closeLive() {
    if (this.by) this.close(this.live, false);
  }

  /** @param {Card} card @param {boolean} restoreFocus */
  close(card, restoreFocus) {
    const hadFocus = card.focused;
    card.hide();
    if (card.pinned) {
      this.pinned.delete(card);
      card.host.remove();
    } else {
      this.mark = this.by = null;
      this.onClose();
    }
    if (hadFocus && restoreFocus) this.restoreFocus();
  }

  /** @param {Card} card */
  mute(card) {
    if (card.view) this.onMute(card.view);
    this.close(card, true);
  }

  /** "Not this meaning": not marked on this site again (the page follows). @param {Card} card */
  wrong(card) {
    const view = card.view;
    if (view?.slug) askBackground(BackgroundAction.wrongSense, { slug: view.slug, term: view.term, url: pageAddress() ?? "" }).catch(ignore);
    this.close(card, true);
  }

  /** The live card stays where it is; a new one takes its place. @param {Card} card */
  pin(card) {
    if (card !== this.live || !card.view) return;
    const hadFocus = card.focused;
    card.pinned = true;
    card.pin.hidden = true;
    card.close.setAttribute("aria-label", uiText("closeCardOn", card.view.term));
    this.pinned.add(card);
    this.live = this.make();
    this.mark = this.by = null;
    this.onClose();
    if (hadFocus) card.focus();
  }

  restoreFocus() {
    const to = /** @type {HTMLElement | null} */ (this.returnTo);
    this.returnTo = null;
    if (to?.isConnected && to !== document.body && !this.owns(to)) to.focus({ preventScroll: true });
    else if (this.owns(document.activeElement)) /** @type {HTMLElement} */ (document.activeElement).blur();
  }

  /** A card that took focus follows its term; pinned ones stay; others close. */
  scrolled() {
    if (!this.holding()) this.closeLive();
    else if (this.mark) this.live.place(lineOf(this.mark.range));
  }

  closeAll() {
    for (const card of this.pinned) this.close(card, false);
    this.closeLive();
    this.live.host.remove();
  }
}

/** The lines of the text a range covers, for placing its card. @param {Range} range */
function lineOf(range) {
  const node = range.startContainer;
  const element = isElement(node) ? node : node.parentElement;
  const height = element ? parseFloat(getComputedStyle(element).lineHeight) : NaN;
  const rects = [...range.getClientRects()].filter((box) => box.width > 0);
  return lineBox(rects.length ? rects : [range.getBoundingClientRect()], height);
}
