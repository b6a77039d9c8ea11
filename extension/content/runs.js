"use strict";
// A text run: the consecutive text nodes of one block, joined as the backend reads them.
// Offsets are UTF-16 code units (JavaScript string indices), as in the backend's replies.

class TextRun {
  /** @param {Text[]} nodes in document order */
  constructor(nodes) {
    this.nodes = nodes;
    /** @type {number[]} where each node's text starts in `text` */
    this.starts = [];
    let text = "";
    for (const node of nodes) {
      this.starts.push(text.length);
      text += node.data;
    }
    this.text = text;
    /** False once the page changed this text: marks and replies for it are dropped. */
    this.live = true;
  }

  /** Whether the page still holds exactly this text in these nodes. */
  isCurrent() {
    return this.live && this.nodes.every((node) => node.isConnected) &&
      this.nodes.map((node) => node.data).join("") === this.text;
  }

  /** @param {TextRun} other */
  sameAs(other) {
    return this.text === other.text && this.nodes.length === other.nodes.length &&
      this.nodes.every((node, i) => node === other.nodes[i]);
  }

  /**
   * The Range over the page's nodes that covers `text.slice(start, end)`.
   * @param {number} start @param {number} end
   */
  rangeOf(start, end) {
    if (!(start >= 0 && start < end && end <= this.text.length)) return null;
    const from = this.locate(start, false);
    const to = this.locate(end, true);
    const range = document.createRange();
    range.setStart(this.nodes[from], start - this.starts[from]);
    range.setEnd(this.nodes[to], end - this.starts[to]);
    return range;
  }

  /**
   * The node holding `offset`: for a start, the node whose first character it is; for an
   * (exclusive) end, the node whose last character comes before it. So a range never
   * reaches into a neighbouring node by zero characters.
   * @param {number} offset @param {boolean} isEnd
   */
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
