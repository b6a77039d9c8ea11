"use strict";
// From page text to marks. Blocks are read in slices between frames, sent in bounded
// batches (visible text first), and a reply is applied only to text the page still holds.

/** Longest a reading slice holds the main thread (a frame lasts about 16 ms). */
const SLICE_MS = 8;
/** Reading waits for idle time, but never longer than this on a busy page. */
const IDLE_TIMEOUT_MS = 50;
/** Batch bounds: quick replies for quick first marks, few requests for long articles. */
const BATCH_MAX_SEGMENTS = 200;
const BATCH_MAX_CHARS = 30_000;
/** Longer runs go in pieces cut at a space (the backend accepts 200,000). */
const SEGMENT_MAX_CHARS = 20_000;

/** @typedef {{run: TextRun, base: number, text: string}} Segment */

class Annotator {
  /** @type {Set<Node>} nodes whose block is to be read */
  roots = new Set();
  /** @type {Generator<TextRun> | null} */
  reading = null;
  /** @type {Segment[]} text in view when it was read: sent first */
  visible = [];
  /** @type {Segment[]} */
  later = [];
  /** @type {WeakMap<Text, TextRun>} the current run of every text node read */
  runOf = new WeakMap();
  /** @type {Map<string, TermCard>} card data of the terms marked */
  cards = new Map();
  pageIsAi = false;
  running = true;
  inFlight = false;
  scheduled = false;
  unreachable = false;

  /**
   * @param {BlockReader} reader @param {Marks} marks @param {boolean} firstOnly
   * @param {() => void} onUnreachable
   */
  constructor(reader, marks, firstOnly, onUnreachable) {
    this.reader = reader;
    this.marks = marks;
    this.firstOnly = firstOnly;
    this.onUnreachable = onUnreachable;
  }

  /** For good: queued work and replies still to come are dropped. */
  stop() {
    this.running = false;
    this.roots.clear();
    this.reading = null;
    this.visible = [];
    this.later = [];
  }

  get busy() {
    const queued = this.roots.size + this.visible.length + this.later.length;
    return this.running && (queued > 0 || this.reading !== null || this.inFlight);
  }

  /** Read these nodes' blocks, new or changed. @param {Iterable<Node>} nodes */
  read(nodes) {
    for (const node of nodes) this.roots.add(node);
    if (this.scheduled || !this.running || this.unreachable) return;
    this.scheduled = true;
    const slice = () => {
      this.scheduled = false;
      if (this.running) this.slice();
    };
    if (typeof requestIdleCallback === "function") {
      requestIdleCallback(slice, { timeout: IDLE_TIMEOUT_MS });
    } else {
      setTimeout(slice, 0);
    }
  }

  /** The page changed these text nodes: their runs' marks go now. @param {Iterable<Text>} nodes */
  forget(nodes) {
    for (const node of nodes) {
      const run = this.runOf.get(node);
      if (run) this.retire(run);
    }
  }

  /** @param {TextRun} run */
  retire(run) {
    if (!run.live) return;
    run.live = false;
    this.marks.removeRun(run);
  }

  slice() {
    const deadline = performance.now() + SLICE_MS;
    while (performance.now() < deadline) {
      if (!this.reading) {
        const root = this.nextRoot();
        if (!root) break;
        this.reading = this.reader.runsIn(root);
      }
      const next = this.reading.next();
      if (next.done) this.reading = null;
      else this.accept(next.value);
    }
    if (this.reading || this.roots.size) this.read([]);
    this.send();
  }

  /** @returns {Element | null} */
  nextRoot() {
    for (const node of this.roots) {
      this.roots.delete(node);
      const block = node.isConnected ? this.reader.blockOf(node) : null;
      if (block && this.reader.canRead(block)) return block;
    }
    return null;
  }

  /** @param {TextRun} run */
  accept(run) {
    const known = this.runOf.get(run.nodes[0]);
    if (known && known.live && known.sameAs(run)) return;
    for (const node of run.nodes) {
      const old = this.runOf.get(node);
      if (old) this.retire(old);
      this.runOf.set(node, run);
    }
    (inView(run) ? this.visible : this.later).push(...piecesOf(run));
  }

  async send() {
    if (this.inFlight || !this.running || this.unreachable) return;
    const batch = this.takeBatch();
    if (!batch.length) return;
    this.inFlight = true;
    try {
      const reply = await askBackground(BackgroundAction.annotate, {
        segments: batch.map((segment) => segment.text),
        options: { first_only: this.firstOnly, page_is_ai: this.pageIsAi },
      });
      if (this.running) this.apply(batch, reply);
    } catch (error) {
      // Any other failure costs this batch only.
      const code = error instanceof MessageError ? error.code : "";
      if (this.running && (code === "unreachable" || code === "no_receiver")) {
        this.unreachable = true;
        this.onUnreachable();
      }
    }
    this.inFlight = false;
    this.send();
  }

  /** @returns {Segment[]} */
  takeBatch() {
    const batch = [];
    let chars = 0;
    for (const queue of [this.visible, this.later]) {
      let count = 0;
      for (const { text } of queue) {
        const taken = batch.length + count;
        if (taken >= BATCH_MAX_SEGMENTS || (taken && chars + text.length > BATCH_MAX_CHARS)) break;
        chars += text.length;
        count += 1;
      }
      batch.push(...queue.splice(0, count));
      if (queue.length) break; // the batch is full
    }
    return batch;
  }

  /** @param {Segment[]} batch @param {AnnotateResult} reply */
  apply(batch, reply) {
    for (const [slug, card] of Object.entries(reply.terms)) this.cards.set(slug, card);
    this.pageIsAi ||= reply.context.page_is_ai;
    /** @type {Map<TextRun, boolean>} */
    const current = new Map();
    for (const match of reply.matches) {
      const segment = batch[match.segment];
      if (!segment) continue;
      const { run, base } = segment;
      if (!current.has(run)) current.set(run, run.isCurrent());
      if (!current.get(run) || (this.firstOnly && this.marks.hasTerm(match.term))) continue;
      const range = run.rangeOf(base + match.start, base + match.end);
      if (range) this.marks.add(run, range, match.term);
    }
  }
}

/** Whether a run is in view, or just below it. @param {TextRun} run */
function inView(run) {
  const box = run.nodes[0].parentElement?.getBoundingClientRect();
  return !!box && box.bottom >= 0 && box.top <= window.innerHeight * 1.5;
}

/** @param {TextRun} run @returns {Segment[]} */
function piecesOf(run) {
  const { text } = run;
  const pieces = [];
  for (let base = 0; base < text.length; ) {
    let end = Math.min(base + SEGMENT_MAX_CHARS, text.length);
    if (end < text.length) {
      const space = text.lastIndexOf(" ", end);
      if (space > base) end = space;
      else if (/[\uD800-\uDBFF]/.test(text[end - 1])) end -= 1; // keep surrogate pairs whole
    }
    pieces.push({ run, base, text: text.slice(base, end) });
    base = end;
  }
  return pieces;
}
