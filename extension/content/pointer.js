"use strict";
// Hover intent with named delays (after Page Previews); touch: tap, or long press in a link.

const DWELL_DELAY_MS = 300; // a pointer passing over a term opens nothing
const HIDE_DELAY_MS = 350; // time to cross the gap between a term and its card
const LONG_PRESS_MS = 500;
const TAP_SLOP_PX = 10; // a touch that moves farther is a scroll, not a tap

class PointerIntent {
  /** @type {Mark | null} */
  dwelling = null;
  dwellTimer = 0;
  hideTimer = 0;
  frame = 0;
  /** @type {PointerAt | null} */
  pointer = null;
  /** @type {Press | null} */
  press = null;
  /** @type {Pressed} */
  pressed = { link: null, at: 0 };
  /** @type {AbortController | null} */
  listening = null;

  /** @param {Marks} marks @param {Cards} cards */
  constructor(marks, cards) {
    this.marks = marks;
    this.cards = cards;
  }

  start() {
    this.listening = new AbortController();
    const signal = this.listening.signal;
    /** @param {string} type @param {(event: any) => void} handle */
    const on = (type, handle, passive = true) =>
      document.addEventListener(type, handle, { capture: true, passive, signal });
    on("pointermove", (e) => (e.pointerType === "touch" ? this.slid(e) : this.moved(e)));
    on("pointerout", (e) => e.pointerType !== "touch" && !e.relatedTarget && this.outside());
    on("pointerdown", (e) => e.pointerType === "touch" && this.touched(e));
    on("pointerup", (e) => e.pointerType === "touch" && this.lifted());
    on("pointercancel", () => this.cancelPress());
    // The click (or menu) after a long press showed a card is not the link's.
    const swallow = (/** @type {Event} */ e) => {
      const { link, at } = this.pressed;
      if (!link?.contains(/** @type {Node} */ (e.target)) || Date.now() - at > 1000) return;
      e.preventDefault();
      e.stopPropagation();
      if (e.type === "click") this.pressed.link = null;
    };
    on("click", swallow, false);
    on("contextmenu", swallow, false);
  }

  stop() {
    this.listening?.abort();
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.cancelPress();
    this.cancelDwell();
  }

  /** @param {PointerEvent} event */
  moved(event) {
    if (event.buttons) return; // not while selecting text
    this.pointer = { x: event.clientX, y: event.clientY, target: event.target };
    // One hit test a frame.
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  update() {
    const { pointer, cards } = this;
    if (!pointer || cards.live.focused) return; // a card that took focus stays
    if (cards.owns(pointer.target)) {
      if (cards.by === "pointer") this.keep();
      return;
    }
    const mark = this.marks.at(pointer.x, pointer.y);
    if (!mark) this.outside();
    else if (mark === cards.mark && cards.by) this.keep();
    else if (mark !== this.dwelling) this.dwell(mark);
  }

  /** @param {Mark} mark */
  dwell(mark) {
    this.cancelDwell();
    this.keep(); // a hide still due for the last card must not close the next one
    if (this.cards.by === "pointer") this.cards.closeLive();
    this.dwelling = mark;
    this.dwellTimer = setTimeout(() => this.show(mark, "pointer"), DWELL_DELAY_MS);
  }

  keep() {
    clearTimeout(this.hideTimer);
    this.hideTimer = 0;
  }

  outside() {
    this.cancelDwell();
    if (this.cards.by !== "pointer" || this.hideTimer) return;
    this.hideTimer = setTimeout(() => {
      this.hideTimer = 0;
      if (this.cards.by === "pointer") this.cards.closeLive();
    }, HIDE_DELAY_MS);
  }

  cancelDwell() {
    clearTimeout(this.dwellTimer);
    this.dwelling = null;
  }

  /** @param {Mark} mark @param {Opener} by */
  show(mark, by) {
    this.dwelling = null;
    this.cards.openMark(mark, by);
  }

  /** @param {PointerEvent} event */
  touched(event) {
    this.cancelPress();
    if (this.cards.owns(event.target)) return;
    const mark = this.marks.at(event.clientX, event.clientY);
    const press = { mark, x: event.clientX, y: event.clientY, long: false, timer: 0 };
    const link = mark && linkOf(mark.range.startContainer);
    this.press = press;
    if (!mark) this.cards.closeLive(); // a tap elsewhere
    else if (link) {
      press.timer = setTimeout(() => {
        press.long = true;
        this.pressed = { link, at: Date.now() };
        this.show(mark, "touch");
      }, LONG_PRESS_MS);
    }
  }

  /** @param {PointerEvent} event */
  slid(event) {
    const press = this.press;
    if (press && Math.hypot(event.clientX - press.x, event.clientY - press.y) > TAP_SLOP_PX) {
      this.cancelPress();
    }
  }

  lifted() {
    const mark = this.press?.long ? null : this.press?.mark;
    this.cancelPress();
    if (!mark || linkOf(mark.range.startContainer)) return;
    if (mark === this.cards.mark && this.cards.by) this.cards.closeLive();
    else this.show(mark, "touch");
  }

  cancelPress() {
    clearTimeout(this.press?.timer);
    this.press = null;
  }
}
