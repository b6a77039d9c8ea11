"use strict";
// Text to marks: read in slices, sent in batches (visible first), applied if still current.

const SLICE_MS = 8; // longest a reading slice holds the main thread
const IDLE_TIMEOUT_MS = 50; // reading waits for idle time, but no longer
const BATCH_MAX_SEGMENTS = 200;
const BATCH_MAX_CHARS = 30_000;
const SEGMENT_MAX_CHARS = 20_000; // longer runs go in pieces cut at a space
// A tab's requests come from a bucket: a 1 MB article's first reading (about 35 batches)
// goes at once, then one comes back each interval, so a page rewriting itself non-stop
// costs two a second. (At 24, the last 11 batches of that article waited 5.5 s.)
const BURST_REQUESTS = 40;
const REQUEST_EVERY_MS = 500;
// After a reply slower than this, the next request waits as long; after a refusal, twice
// the last wait (up to the most).
const SLOW_REPLY_MS = 1000;
const BACKOFF_MAX_MS = 60_000;

class Annotator {
  /** @type {Set<Node>} nodes whose blocks are to be read */
  roots = new Set();
  /** @type {Generator<TextRun> | null} */
  reading = null;
  /** @type {Segment[]} text in view: sent first */
  visible = [];
  /** @type {Segment[]} */
  later = [];
  /** @type {WeakMap<Text, TextRun>} */
  runOf = new WeakMap();
  /** @type {Map<string, TermCard>} */
  cards = new Map();
  pageIsAi = false;
  running = true;
  inFlight = false;
  scheduled = false;
  unreachable = false;
  /** a password field, on a site not switched on by name: nothing is sent */
  withheld = false;
  tokens = BURST_REQUESTS;
  backoff = 0;

  /**
   * @param {BlockReader} reader @param {Marks} marks
   * @param {MarkingRules} rules
   * @param {() => void} onUnreachable
   */
  constructor(reader, marks, rules, onUnreachable) {
    this.reader = reader;
    this.marks = marks;
    this.rules = rules;
    this.onUnreachable = onUnreachable;
    // Reading starts after the page's first frame: the page lays itself out, not us.
    this.scheduled = true;
    requestAnimationFrame(() => setTimeout(() => askBackground(BackgroundAction.limits, null).then((backend) => {
      this.maxSegments = Math.min(BATCH_MAX_SEGMENTS, backend.segments);
      this.maxPiece = Math.min(SEGMENT_MAX_CHARS, backend.segment_chars);
      this.scheduled = false;
      this.read([]);
    }, () => this.fail())));
  }

  fail() {
    if (!this.running) return;
    this.unreachable = true;
    this.onUnreachable();
  }

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
    requestIdleCallback(() => {
      this.scheduled = false;
      if (this.running) this.slice();
    }, { timeout: IDLE_TIMEOUT_MS });
  }

  /** Text the page changed: its marks go now. @param {Iterable<Text>} nodes */
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
    if (known?.live && known.sameAs(run)) return;
    for (const node of run.nodes) {
      const old = this.runOf.get(node);
      if (old) this.retire(old);
      this.runOf.set(node, run);
    }
    (inView(run) ? this.visible : this.later).push(...piecesOf(run, this.maxPiece));
  }

  async send() {
    if (this.inFlight || !this.running || this.unreachable || !this.tokens) return;
    if (!this.rules.explicit && hasPassword(this.reader.shadows)) {
      this.withheld = true;
      return this.stop();
    }
    let batch;
    do batch = this.takeBatch(); while (!batch.length && this.visible.length + this.later.length);
    if (!batch.length) return;
    this.inFlight = true;
    this.spend();
    const asked = performance.now();
    const { firstOnly, links } = this.rules;
    try {
      const reply = await askBackground(BackgroundAction.annotate, {
        segments: batch.map((segment) => segment.text),
        // Without links, the first occurrence may be in one: ask for all.
        options: { first_only: firstOnly && links, page_is_ai: this.pageIsAi },
      });
      if (this.running) this.apply(batch, reply);
      const took = performance.now() - asked;
      this.backoff = took > SLOW_REPLY_MS ? took : 0;
    } catch (error) {
      // Any other failure costs this batch only.
      const { code } = errorInfo(error);
      if (code === "unreachable" || code === "no_receiver") this.fail();
      this.backoff = Math.min(2 * this.backoff || SLOW_REPLY_MS, BACKOFF_MAX_MS);
    }
    if (this.backoff) await new Promise((resume) => setTimeout(resume, this.backoff));
    this.inFlight = false;
    this.send();
  }

  /** A request from the bucket, which fills again one request each interval. */
  spend() {
    if (this.tokens-- < BURST_REQUESTS) return; // filling already
    const refill = () => setTimeout(() => {
      if (++this.tokens < BURST_REQUESTS) refill();
      this.send();
    }, REQUEST_EVERY_MS);
    refill();
  }

  takeBatch() {
    const batch = [];
    let chars = 0;
    for (const queue of [this.visible, this.later]) {
      let count = 0;
      for (const { text } of queue) {
        const taken = batch.length + count;
        if (taken >= this.maxSegments || (taken && chars + text.length > BATCH_MAX_CHARS)) break;
        chars += text.length;
        count += 1;
      }
      // Text the page changed again before it went is not sent.
      batch.push(...queue.splice(0, count).filter((segment) => segment.run.live));
      if (queue.length) break; // full
    }
    return batch;
  }

  /** @param {Segment[]} batch @param {AnnotateResult} reply */
  apply(batch, reply) {
    for (const [slug, card] of Object.entries(reply.terms)) this.cards.set(slug, card);
    this.pageIsAi ||= reply.context.page_is_ai;
    /** @type {Map<TextRun, boolean>} */
    const current = new Map();
    const { firstOnly, links, muted } = this.rules;
    for (const { segment, start, end, term } of reply.matches) {
      const { run, base } = batch[segment] ?? {};
      if (!run || muted.has(term)) continue;
      if (!current.has(run)) current.set(run, run.isCurrent());
      if (!current.get(run) || (firstOnly && this.marks.hasTerm(term))) continue;
      const range = run.rangeOf(base + start, base + end);
      if (range && (links || !(linkOf(range.startContainer) || linkOf(range.endContainer)))) {
        this.marks.add(run, range, term);
      }
    }
  }
}

/** A password field in the page (a frame's top page too) or an open shadow root read. @param {Iterable<ShadowRoot>} shadows */
function hasPassword(shadows) {
  return [document, top?.document ?? document, ...shadows].some((root) => root.querySelector("input[type=password]"));
}

/** In view, or just below it. @param {TextRun} run */
function inView(run) {
  const box = run.block.getBoundingClientRect();
  return box.bottom >= 0 && box.top <= innerHeight * 1.5;
}

/** @param {TextRun} run @param {number} most @returns {Segment[]} */
function piecesOf(run, most) {
  const { text } = run;
  const pieces = [];
  for (let base = 0; base < text.length; ) {
    let end = Math.min(base + most, text.length);
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
