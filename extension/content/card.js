"use strict";
// The hover card: its own element with a closed shadow root, so the page's styles and
// scripts cannot reach inside. Data from the backend enters only through textContent and
// attribute setters; links are followed only when they are http(s).

const CARD_TAG = "ai-glossary-card";
/** Space between a term and its card, so the card never touches the text it explains. */
const CARD_GAP_PX = 6;
/** The card keeps this distance from the viewport's edges. */
const VIEWPORT_MARGIN_PX = 8;

const CARD_CSS = `
:host { all: initial !important; position: fixed !important; inset: 0 auto auto 0 !important;
  display: block !important; width: 0 !important; z-index: 2147483647 !important; }
:host([hidden]) { display: none !important; }
.card { position: fixed; box-sizing: border-box; width: min(360px, calc(100vw - 16px));
  overflow: auto; padding: 14px 16px 12px; border: 1px solid #0002; border-radius: 10px;
  background: #fff; color: #1f2328; text-align: left; box-shadow: 0 10px 30px #0003;
  font: 14px/1.45 system-ui, sans-serif; }
.term { margin-bottom: 4px; font-size: 16px; font-weight: 650; }
p { margin: 0 0 8px; }
.plain { font-weight: 500; }
.definition { color: #424a53; }
ul { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 10px; padding: 0; list-style: none; }
ul:empty { display: none; }
a { color: #0b57d0; text-decoration: none; }
ul a { padding: 2px 9px; border-radius: 99px; background: #eaf2fd; font-size: 12.5px; }
.full { font-weight: 600; }
a:hover, a:focus-visible { text-decoration: underline; }
`;

class Card {
  constructor() {
    this.host = document.createElement(CARD_TAG);
    this.host.hidden = true;
    const root = this.host.attachShadow({ mode: "closed" });
    const style = document.createElement("style");
    style.textContent = CARD_CSS;
    this.box = cardElement("div", "card");
    this.box.setAttribute("role", "dialog");
    this.box.setAttribute("aria-labelledby", "term");
    this.term = cardElement("div", "term");
    this.term.id = "term";
    this.plain = cardElement("p", "plain");
    this.definition = cardElement("p", "definition");
    this.tools = cardElement("ul", "tools");
    this.full = /** @type {HTMLAnchorElement} */ (cardElement("a", "full"));
    this.full.textContent = "Full page";
    this.box.append(this.term, this.plain, this.definition, this.tools, this.full);
    root.append(style, this.box);
  }

  /** @param {EventTarget | null} target */
  owns(target) {
    return target === this.host;
  }

  /**
   * Fill the card and show it beside `anchor`, the term's box in viewport coordinates.
   * @param {TermCard} data @param {DOMRect} anchor
   */
  show(data, anchor) {
    this.term.textContent = data.term;
    this.plain.textContent = data.plain_english;
    this.plain.hidden = !data.plain_english;
    this.definition.textContent = data.definition;
    this.tools.replaceChildren(...data.tools.flatMap(toolItem));
    setLink(this.full, data.url);
    this.full.hidden = !this.full.href;
    if (!this.host.isConnected) document.documentElement.append(this.host);
    this.box.style.visibility = "hidden";
    this.box.style.maxHeight = "";
    this.host.hidden = false;
    const size = this.box.getBoundingClientRect();
    const place = cardPlacement(anchor, size, window.innerWidth, window.innerHeight);
    this.box.style.left = `${place.left}px`;
    this.box.style.top = `${place.top}px`;
    this.box.style.maxHeight = `${place.maxHeight}px`;
    this.box.style.visibility = "";
  }

  hide() {
    if (!this.host.hidden) this.host.hidden = true;
  }
}

/**
 * Where the card goes: below the term if it fits, else above if it fits, else on the side
 * with more room (scrolling inside). Never over the term; always inside the viewport.
 * @param {{left: number, top: number, bottom: number}} anchor
 * @param {{width: number, height: number}} size
 * @param {number} viewWidth @param {number} viewHeight
 */
function cardPlacement(anchor, size, viewWidth, viewHeight) {
  const below = viewHeight - VIEWPORT_MARGIN_PX - (anchor.bottom + CARD_GAP_PX);
  const above = anchor.top - CARD_GAP_PX - VIEWPORT_MARGIN_PX;
  const goesBelow = size.height <= below || (size.height > above && below >= above);
  const room = Math.max(goesBelow ? below : above, 0);
  const height = Math.min(size.height, room);
  const top = goesBelow ? anchor.bottom + CARD_GAP_PX : anchor.top - CARD_GAP_PX - height;
  const rightmost = viewWidth - VIEWPORT_MARGIN_PX - size.width;
  const left = Math.max(VIEWPORT_MARGIN_PX, Math.min(anchor.left, rightmost));
  return { left, top, maxHeight: room };
}

/** @param {ToolLink} tool */
function toolItem(tool) {
  const link = /** @type {HTMLAnchorElement} */ (cardElement("a", "tool"));
  if (!setLink(link, tool.url)) return [];
  link.textContent = tool.name;
  const item = document.createElement("li");
  item.append(link);
  return [item];
}

/**
 * Point a link at `url`, opening in a new tab, if it is http(s); else leave it inert.
 * @param {HTMLAnchorElement} link @param {string} url
 */
function setLink(link, url) {
  const parsed = URL.parse(url);
  link.removeAttribute("href");
  if (parsed?.protocol !== "http:" && parsed?.protocol !== "https:") return false;
  link.href = parsed.href;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  return true;
}

/** @param {string} tag @param {string} className */
function cardElement(tag, className) {
  const made = document.createElement(tag);
  made.className = className;
  return made;
}
