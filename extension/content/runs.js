"use strict";
// A run: the consecutive text nodes of a block, joined; offsets in UTF-16 units (ADR 3).

class TextRun {
  /** @param {Text[]} nodes @param {Element} block */
  constructor(nodes, block) {
    this.nodes = nodes;
    this.block = block;
    /** @type {number[]} where each node starts in `text` */
    this.starts = [];
    let text = "";
    for (const node of nodes) {
      this.starts.push(text.length);
      text += node.data;
    }
    this.text = text;
    /** False once the page changed this text. */
    this.live = true;
  }

  /** The page still holds this text in these nodes. */
  isCurrent() {
    return this.live && this.nodes.every((node) => node.isConnected) &&
      this.nodes.map((node) => node.data).join("") === this.text;
  }

  /** @param {TextRun} other */
  sameAs(other) {
    return this.text === other.text && this.nodes.length === other.nodes.length &&
      this.nodes.every((node, i) => node === other.nodes[i]);
  }

  /** The Range of `text.slice(start, end)`. @param {number} start @param {number} end */
  rangeOf(start, end) {
    if (!(start >= 0 && start < end && end <= this.text.length)) return null;
    const from = this.locate(start, false);
    const to = this.locate(end, true);
    const range = document.createRange();
    range.setStart(this.nodes[from], start - this.starts[from]);
    range.setEnd(this.nodes[to], end - this.starts[to]);
    return range;
  }

  /** The node of a start's first or an end's last character. @param {number} offset @param {boolean} isEnd */
  locate(offset, isEnd) {
    let low = 0;
    let high = this.nodes.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      const begins = this.starts[middle];
      if (isEnd ? begins < offset : begins <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}
