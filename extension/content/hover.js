"use strict";
// Hover intent: when a term's card opens and closes, as explicit states with named delays
// (after Wikipedia's Page Previews).

/** The pointer rests this long on a term before its card opens: a pointer passing over
 * text on its way elsewhere opens nothing. */
const DWELL_DELAY_MS = 300;
/** After the pointer leaves both the term and its card, the card waits this long: time to
 * cross the gap between them, or to come back after overshooting. */
const HIDE_DELAY_MS = 350;

class HoverIntent {
  /** @type {"idle" | "dwelling" | "open"} */
  state = "idle";
  /** @type {Mark | null} the term dwelt on, or whose card is open */
  mark = null;
  dwellTimer = 0;
  hideTimer = 0;
  frame = 0;
  /** @type {{x: number, y: number, target: EventTarget | null} | null} */
  pointer = null;
  /** @type {AbortController | null} removes the listeners */
  listening = null;

  /**
   * @param {Marks} marks @param {Card} card
   * @param {(slug: string) => TermCard | undefined} cardOf
   */
  constructor(marks, card, cardOf) {
    this.marks = marks;
    this.card = card;
    this.cardOf = cardOf;
  }

  start() {
    this.listening = new AbortController();
    const options = { capture: true, passive: true, signal: this.listening.signal };
    document.addEventListener("pointermove", (event) => this.moved(event), options);
    document.addEventListener("pointerout", (event) => {
      if (!event.relatedTarget) this.outside(); // the pointer left the window
    }, options);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && this.state !== "idle") this.close();
    }, options);
    window.addEventListener("scroll", () => this.state !== "idle" && this.close(), options);
  }

  stop() {
    this.listening?.abort();
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.close();
  }

  /** @param {PointerEvent} event */
  moved(event) {
    if (event.pointerType === "touch" || event.buttons) return; // not while selecting text
    this.pointer = { x: event.clientX, y: event.clientY, target: event.target };
    // One hit test a frame, however fast pointer events come.
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  update() {
    const pointer = this.pointer;
    if (!pointer) return;
    const mark = this.card.owns(pointer.target) ? this.mark : this.marks.at(pointer.x, pointer.y);
    if (!mark) this.outside();
    else if (mark === this.mark && this.state !== "idle") this.keepOpen();
    else this.dwell(mark);
  }

  /** @param {Mark} mark */
  dwell(mark) {
    this.close();
    this.state = "dwelling";
    this.mark = mark;
    this.dwellTimer = window.setTimeout(() => this.open(), DWELL_DELAY_MS);
  }

  keepOpen() {
    window.clearTimeout(this.hideTimer);
    this.hideTimer = 0;
  }

  outside() {
    if (this.state === "dwelling") this.close();
    if (this.state === "open" && !this.hideTimer) {
      this.hideTimer = window.setTimeout(() => this.close(), HIDE_DELAY_MS);
    }
  }

  open() {
    const data = this.mark?.run.live ? this.cardOf(this.mark.slug) : undefined;
    if (!this.mark || !data) return this.close();
    this.state = "open";
    this.card.show(data, this.mark.range.getBoundingClientRect());
  }

  close() {
    window.clearTimeout(this.dwellTimer);
    window.clearTimeout(this.hideTimer);
    this.dwellTimer = this.hideTimer = 0;
    this.state = "idle";
    this.mark = null;
    this.card.hide();
  }
}
