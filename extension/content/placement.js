"use strict";
// Where a card goes: above or below the term's whole line, never over it (pure; unit-tested).

const CARD_GAP_PX = 6; // between a term's line and its card
const VIEWPORT_MARGIN_PX = 8;

/**
 * The box of a term's lines: from its first line's top to its last line's bottom, each grown
 * to the line's height (the half-leading above and below the glyphs), so the card leaves
 * every line of the term readable, not just its glyphs.
 * @param {Box[]} rects the term's boxes, one a line (a range's client rects)
 * @param {number} lineHeight the line's height in px; NaN when "normal"
 * @returns {Box}
 */
function lineBox(rects, lineHeight) {
  const first = rects[0];
  const last = rects[rects.length - 1];
  /** @param {Box} box */
  const leading = (box) =>
    Number.isFinite(lineHeight) ? Math.max(0, (lineHeight - (box.bottom - box.top)) / 2) : 0;
  return { left: first.left, top: first.top - leading(first), bottom: last.bottom + leading(last) };
}

/**
 * Below the line if the card fits there, else above it if it fits, else on the roomier
 * side, shortened to fit (it scrolls). Flush with the term's left, inside the viewport.
 * @param {Box} line @param {{width: number, height: number}} size
 * @param {number} viewWidth @param {number} viewHeight
 */
function cardPlacement(line, size, viewWidth, viewHeight) {
  const below = viewHeight - VIEWPORT_MARGIN_PX - (line.bottom + CARD_GAP_PX);
  const above = line.top - CARD_GAP_PX - VIEWPORT_MARGIN_PX;
  const side = size.height <= below ? "below" : size.height <= above || above > below ? "above" : "below";
  const room = Math.max(side === "below" ? below : above, 0);
  const height = Math.min(size.height, room);
  const top = side === "below" ? line.bottom + CARD_GAP_PX : line.top - CARD_GAP_PX - height;
  const rightmost = viewWidth - VIEWPORT_MARGIN_PX - size.width;
  const left = Math.max(VIEWPORT_MARGIN_PX, Math.min(line.left, rightmost));
  return { side, left, top, maxHeight: room };
}
