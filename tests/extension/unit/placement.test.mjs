// content/placement.js: a card goes above or below the term's whole line, never over it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { load } from "./load.mjs";

const { cardPlacement, lineBox } = load(["content/placement.js"], ["cardPlacement", "lineBox"]);

const CARD = { width: 360, height: 240 };
/** A term's line, 24 px high, at `top`. */
const line = (top, left = 100) => ({ left, top, bottom: top + 24 });
/** The card's box from a placement. */
const boxOf = (place, size = CARD) => ({
  top: place.top, bottom: place.top + Math.min(size.height, place.maxHeight),
  left: place.left, right: place.left + size.width,
});
const clearOf = (box, term) => box.bottom <= term.top || box.top >= term.bottom;
const inside = (box, width, height) => box.left >= 0 && box.top >= 0 && box.right <= width && box.bottom <= height;

describe("card placement", () => {
  it("goes below the line when there is room", () => {
    const place = cardPlacement(line(100), CARD, 1280, 900);
    assert.equal(place.side, "below");
    assert.ok(place.top > 124);
  });

  it("flips above near the viewport's bottom", () => {
    const term = line(800);
    const place = cardPlacement(term, CARD, 1280, 900);
    assert.equal(place.side, "above");
    assert.ok(clearOf(boxOf(place), term) && inside(boxOf(place), 1280, 900));
  });

  it("takes the roomier side, shortened, when the card fits neither", () => {
    const tall = { width: 344, height: 700 };
    for (const top of [150, 400, 560]) {
      const term = line(top, 20);
      const place = cardPlacement(term, tall, 360, 640);
      const box = boxOf(place, tall);
      assert.ok(clearOf(box, term), `covers the line at ${top}`);
      assert.ok(inside(box, 360, 640), `leaves the viewport at ${top}`);
      assert.equal(place.side, top < 320 ? "below" : "above");
    }
  });

  it("never covers the line, anywhere in the viewport, wide or narrow", () => {
    for (const [width, height] of [[1280, 900], [360, 640]]) {
      const size = { width: Math.min(360, width - 16), height: 260 };
      for (let top = 0; top + 24 <= height; top += 7) {
        const term = line(top, width - 40);
        const box = boxOf(cardPlacement(term, size, width, height), size);
        assert.ok(clearOf(box, term), `covers the line at ${top} in ${width}`);
        assert.ok(inside(box, width, height), `leaves the viewport at ${top} in ${width}`);
      }
    }
  });

  it("stays inside the viewport's sides", () => {
    assert.equal(cardPlacement(line(100, 1200), CARD, 1280, 900).left, 1280 - 8 - 360);
    assert.equal(cardPlacement(line(100, -50), CARD, 1280, 900).left, 8);
  });
});

describe("line box", () => {
  it("grows the text's box by the half-leading", () => {
    assert.deepEqual(lineBox([{ left: 5, top: 100, bottom: 117 }], 27), { left: 5, top: 95, bottom: 122 });
  });
  it("covers every line of a term that wraps", () => {
    const lines = [{ left: 300, top: 100, bottom: 117 }, { left: 20, top: 127, bottom: 144 }];
    assert.deepEqual(lineBox(lines, 27), { left: 300, top: 95, bottom: 149 });
  });
  it("is the text's box for a 'normal' line height", () => {
    assert.deepEqual(lineBox([{ left: 5, top: 100, bottom: 117 }], NaN), { left: 5, top: 100, bottom: 117 });
  });
});
