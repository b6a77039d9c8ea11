"use strict";
// One page: its marks and card, and the work behind them, switched by the settings.

class GlossaryPage {
  /** @param {string} site */
  constructor(site) {
    this.site = site;
    this.card = new Card();
    /** @param {Node} node */
    const isOwn = (node) => node === this.card.host;
    this.reader = new BlockReader(isOwn);
    this.marks = new Marks();
    /** @type {Annotator | null} this run's work; a new one each time marking starts */
    this.annotator = null;
    this.watcher = new PageWatcher(this.reader, isOwn);
    this.hover = new HoverIntent(this.marks, this.card, (slug) => this.annotator?.cards.get(slug));
    /** @type {"on" | "off" | "paused"} */
    this.mode = "off";
    /** The settings that matter here, as last applied: a change restarts the page. */
    this.applied = "";
  }

  /** @param {Settings} settings */
  apply(settings) {
    const mode = settings.paused ? "paused" : isSiteOn(settings, this.site) ? "on" : "off";
    const applied = JSON.stringify([mode, settings.firstOnly, settings.backendUrl]);
    if (applied === this.applied) return;
    this.applied = applied;
    this.stop();
    this.mode = mode;
    if (mode !== "on") return;
    const annotator = new Annotator(this.reader, this.marks, settings.firstOnly, () =>
      this.watcher.stop(),
    );
    this.annotator = annotator;
    annotator.read([document.body ?? document.documentElement]);
    this.watcher.start(annotator);
    this.hover.start();
  }

  stop() {
    this.annotator?.stop();
    this.annotator = null;
    this.watcher.stop();
    this.hover.stop();
    this.marks.clear();
    this.reader.forget();
    this.card.host.remove();
  }

  /** @returns {PageStatus} */
  status() {
    const work = this.annotator;
    /** @type {PageState} */
    let state = this.mode === "on" ? "done" : this.mode;
    if (work?.unreachable) state = "unreachable";
    else if (work?.busy) state = "working";
    return { site: this.site, state, marks: this.marks.size };
  }
}
