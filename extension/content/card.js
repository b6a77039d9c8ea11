"use strict";
// A card in a closed shadow root, out of the page's reach: no exported parts, styles inside,
// `:host` resetting all the page could pass down (its !important beats the page's). Text only.

const CARD_TAG = "ai-glossary-card";
// No custom properties or font names: the page's @property and @font-face reach those.
// The fade starts above opacity 0: a control at opacity 0 takes no click (see pressed()).
const CARD_CSS = `:host{all:initial!important;position:fixed!important;inset:0 auto auto 0!important;display:block!important;width:0!important;z-index:2147483647!important}
:host([hidden]){display:none!important}
.card{position:fixed;box-sizing:border-box;width:min(360px,calc(100vw - 16px));overflow:auto;padding:12px 16px;border:1px solid #0002;border-radius:10px;background:#fff;color:#1f2328;box-shadow:0 10px 30px #0003;font:14px/1.45 system-ui,sans-serif;animation:in .12s ease-out;outline:0}
@keyframes in{from{opacity:.2;transform:translateY(3px)}}
.head,.foot{display:flex;gap:6px 8px;align-items:center}
.foot{flex-wrap:wrap}
.head{align-items:flex-start;margin-bottom:4px}
.term{flex:1;font-size:16px;font-weight:650}
p{margin:0 0 8px}
.source{margin-top:-2px;font-size:12px}
.plain{font-weight:500}
.source,.definition{color:#57606a}
ul{margin:0 0 4px;padding:0;list-style:none}
li{display:inline-block;margin:0 6px 6px 0}
a{color:#0b57d0;text-decoration:none}
.tool{padding:2px 9px;border-radius:99px;background:#eaf2fd;font-size:12.5px}
.full{flex:1;font-weight:600}
button{padding:2px 8px;border:1px solid #57606a;border-radius:6px;background:none;color:inherit;font:inherit;font-size:12.5px;cursor:pointer}
.close{border-color:#0000;font-size:16px;line-height:1}
a:hover,a:focus-visible{text-decoration:underline}
:focus-visible{outline:2px solid #0b57d0;outline-offset:2px}
@media (prefers-color-scheme:dark){.card{border-color:#fff3;background:#1c2128;color:#e6edf3}.source,.definition{color:#9da7b3}button{border-color:#9da7b3}a{color:#7cb4ff}.tool{background:#22344d}:focus-visible{outline-color:#7cb4ff}}
@media (prefers-reduced-motion:reduce){.card{animation:none}}
@media (forced-colors:active){.card{border:2px solid CanvasText}}`;

class Card {
  /** @type {CardView | null} */
  view = null;
  pinned = false;

  /** @param {Cards} cards */
  constructor(cards) {
    this.host = document.createElement(CARD_TAG);
    this.host.hidden = true;
    const root = (this.root = this.host.attachShadow({ mode: "closed" }));
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CARD_CSS);
    root.adoptedStyleSheets = [sheet];
    const box = (this.box = make("div", "card", root));
    box.tabIndex = -1;
    box.role = "dialog";
    box.dir = uiText("@@bidi_dir");
    box.setAttribute("aria-labelledby", "term");
    box.setAttribute("aria-describedby", "plain");
    const head = make("div", "head", box);
    /** @param {"pin" | "close" | "mute" | "wrong"} name @param {string} text @param {Element} parent */
    const button = (name, text, parent) => {
      const made = make("button", name, parent, text);
      made.addEventListener("click", (event) => this.pressed(event, made) && cards[name](this, true));
      return made;
    };
    this.term = make("div", "term", head);
    this.pin = button("pin", uiText("pin"), head);
    this.close = button("close", "×", head);
    this.close.setAttribute("aria-label", uiText("close"));
    this.source = make("p", "source", box);
    this.plain = make("p", "plain", box);
    this.definition = make("p", "definition", box);
    this.tools = make("ul", "tools", box);
    const foot = make("div", "foot", box);
    this.full = /** @type {HTMLAnchorElement} */ (make("a", "full", foot));
    this.wrong = button("wrong", uiText("notThisMeaning"), foot);
    this.mute = button("mute", uiText("knowThisTerm"), foot);
    this.term.id = "term";
    this.plain.id = "plain";
  }

  /** A person's click on the visible control, not through a layer over it (a key's click,
   * detail 0, has no point). @param {MouseEvent} event @param {Element} control */
  pressed(event, control) {
    return event.isTrusted && control.checkVisibility({ opacityProperty: true }) &&
      (!event.detail || this.root.elementFromPoint(event.clientX, event.clientY) === control);
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
      [this.full, this.full.href], [this.mute, view.slug], [this.wrong, view.slug], [this.pin, !this.pinned],
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
  const item = make("li", "item");
  const link = /** @type {HTMLAnchorElement} */ (make("a", "tool", item, tool.name));
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

/** @param {string} tag @param {string} name its class @param {Node} [parent] */
function make(tag, name, parent, text = "") {
  const made = document.createElement(tag);
  made.className = name;
  made.textContent = text;
  parent?.appendChild(made);
  return made;
}
