"use strict";
// A card in a closed shadow root, styled through ::part(); data goes in as text only.

const CARD_TAG = "ai-glossary-card";

class Card {
  /** @type {CardView | null} */
  view = null;
  pinned = false;

  /** @param {Cards} cards */
  constructor(cards) {
    this.host = document.createElement(CARD_TAG);
    this.host.hidden = true;
    const box = (this.box = part("div", "card", this.host.attachShadow({ mode: "closed" })));
    box.tabIndex = -1;
    box.role = "dialog";
    box.setAttribute("aria-labelledby", "term");
    box.setAttribute("aria-describedby", "plain");
    const head = part("div", "head", box);
    /** @param {"pin" | "close" | "mute"} name @param {string} text @param {Element} parent */
    const button = (name, text, parent) => {
      const made = part("button", name, parent, text);
      made.addEventListener("click", () => cards[name](this, true));
      return made;
    };
    this.term = part("div", "term", head);
    this.pin = button("pin", uiText("pin"), head);
    this.close = button("close", "×", head);
    this.close.setAttribute("aria-label", uiText("close"));
    this.source = part("p", "source", box);
    this.plain = part("p", "plain", box);
    this.definition = part("p", "definition", box);
    this.tools = part("ul", "tools", box);
    const foot = part("div", "foot", box);
    this.full = /** @type {HTMLAnchorElement} */ (part("a", "full", foot));
    this.mute = button("mute", uiText("knowThisTerm"), foot);
    this.term.id = "term";
    this.plain.id = "plain";
  }

  get focused() {
    return document.activeElement === this.host;
  }

  /** @param {CardView} view @param {Box} anchor the term's line box */
  show(view, anchor) {
    this.view = view;
    this.term.textContent = view.term;
    this.source.textContent = view.glossary ? uiText("fromGlossary", view.glossary.name) : "";
    this.plain.textContent = view.plain_english;
    this.definition.textContent = view.definition;
    this.tools.replaceChildren(...view.tools.flatMap(toolItem));
    setLink(this.full, view.url);
    this.full.textContent = view.linkText ?? uiText("fullPage");
    for (const [element, shown] of /** @type {const} */ ([
      [this.source, view.glossary], [this.definition, view.definition], [this.tools, view.tools.length],
      [this.full, this.full.href], [this.mute, view.slug], [this.pin, !this.pinned],
    ])) element.hidden = !shown;
    if (!this.host.isConnected) document.documentElement.append(this.host);
    this.box.style.visibility = "hidden";
    this.box.style.maxHeight = "";
    this.host.hidden = false;
    this.place(anchor);
    this.box.style.visibility = "";
  }

  /** @param {Box} anchor */
  place(anchor) {
    const size = this.box.getBoundingClientRect();
    const place = cardPlacement(anchor, size, innerWidth, innerHeight);
    this.box.style.left = `${place.left}px`;
    this.box.style.top = `${place.top}px`;
    this.box.style.maxHeight = `${place.maxHeight}px`;
  }

  focus() {
    this.box.focus({ preventScroll: true });
  }

  hide() {
    this.host.hidden = true;
    this.view = null;
  }
}

/** @param {ToolLink} tool */
function toolItem(tool) {
  const item = part("li", "item");
  const link = /** @type {HTMLAnchorElement} */ (part("a", "tool", item, tool.name));
  return setLink(link, tool.url) ? [item] : [];
}

/** A new tab's link if `url` is http(s), else inert. @param {HTMLAnchorElement} link @param {string} url */
function setLink(link, url) {
  const parsed = URL.parse(url);
  link.removeAttribute("href");
  if (parsed?.protocol !== "http:" && parsed?.protocol !== "https:") return false;
  Object.assign(link, { href: parsed.href, target: "_blank", rel: "noopener noreferrer" });
  return true;
}

/** @param {string} tag @param {string} name @param {Node} [parent] */
function part(tag, name, parent, text = "") {
  const made = document.createElement(tag);
  made.setAttribute("part", name);
  made.textContent = text;
  parent?.appendChild(made);
  return made;
}
