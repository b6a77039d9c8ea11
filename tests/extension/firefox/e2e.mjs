// End-to-end run of the extension in real Firefox (Debian's firefox-esr, headless), driven by
// puppeteer-core over WebDriver BiDi: install, mark, hover, card, Esc, the popup's switch.
//
//   node tests/extension/firefox/e2e.mjs '{"extension": DIR, "site": URL, "backend": URL,
//                                          "artifacts": DIR}'
//
// Prints one JSON line per step and exits 1 at the first failed one. Firefox is kept on
// loopback (MOZ_DISABLE_NONLOCAL_CONNECTIONS); the pages and the backend are on 127.0.0.1.
import { readFileSync } from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";

const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";
const UUID = "0f6e58a4-5c1e-4f5e-9a55-6a7c3c1b2d10"; // the moz-extension:// host, pinned
const HIGHLIGHT = "ai-glossary-term";
const ARTICLE_MARKS = 12; // as in test_marking.py
const { extension, site, backend, artifacts } = JSON.parse(process.argv[2]);
const manifest = JSON.parse(readFileSync(path.join(extension, "manifest.json"), "utf8"));
const geckoId = manifest.browser_specific_settings.gecko.id;
const base = `moz-extension://${UUID}`;

const step = (name, details = {}) => console.log(JSON.stringify({ step: name, ok: true, ...details }));

/**
 * An extension page: no load event comes for these, so poll until its script has run. On a
 * loaded machine the first try can miss (the page asks a tab that is still busy): try again.
 */
async function extensionPage(browser, pagePath, ready, tries = 3) {
  for (let attempt = 1; ; attempt += 1) {
    const page = await browser.newPage();
    page.goto(`${base}/${pagePath}`).catch(() => {});
    try {
      await page.waitForFunction(ready, { timeout: 15_000, polling: 100 });
      return page;
    } catch (error) {
      await page.close().catch(() => {});
      if (attempt >= tries) throw error;
    }
  }
}

const markCount = (page) =>
  page.evaluate((name) => CSS.highlights.get(name)?.size ?? 0, HIGHLIGHT);

async function main() {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    args: ["--remote-allow-system-access"],
    extraPrefsFirefox: { "extensions.webextensions.uuids": JSON.stringify({ [geckoId]: UUID }) },
    env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: "1" },
  });
  try {
    await browser.installExtension(extension);
    const version = await browser.version();
    step("installed", { version });

    const control = await extensionPage(browser, "options/options.html",
      () => typeof browser !== "undefined" && document.readyState === "complete");
    await control.evaluate(async (url) => {
      await browser.storage.sync.clear();
      await browser.storage.sync.set({ backendUrl: url });
    }, backend);
    step("settings");

    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`${site}/article.html`);
    await page.waitForFunction(
      (name, count) => (CSS.highlights.get(name)?.size ?? 0) >= count,
      { timeout: 15_000, polling: 100 }, HIGHLIGHT, ARTICLE_MARKS,
    );
    const marked = await page.evaluate((name) =>
      [...CSS.highlights.get(name)].map((r) => r.toString().replace(/\s+/g, " ")).sort(), HIGHLIGHT);
    step("marked", { marks: marked });
    if (marked.length !== ARTICLE_MARKS || !marked.includes("large language model")) {
      throw new Error(`unexpected marks: ${marked}`);
    }

    const box = await page.evaluate((name) => {
      const range = [...CSS.highlights.get(name)].find((r) => r.toString() === "hallucination");
      const b = range.getClientRects()[0];
      return { x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2, top: b.top, bottom: b.bottom };
    }, HIGHLIGHT);
    await page.mouse.move(box.x - 30, box.y + 40);
    await page.mouse.move(box.x, box.y, { steps: 4 });
    await page.waitForFunction(
      () => [...document.querySelectorAll("ai-glossary-card")].some((h) => !h.hidden),
      { timeout: 10_000, polling: 50 },
    );
    // The card is painted beside the term, above or below it: a point there is the card's
    // element (its content is in a closed shadow root, which the page cannot open).
    const beside = await page.evaluate((term) => {
      const host = [...document.querySelectorAll("ai-glossary-card")].find((h) => !h.hidden);
      const hits = [term.top - 40, term.bottom + 40].map((y) => document.elementFromPoint(term.x, y)?.localName);
      return { hits, closed: host.shadowRoot === null, onTerm: document.elementFromPoint(term.x, term.y)?.localName };
    }, box);
    // The card fades in: its animation (in a closed root, still listed by the document) ends.
    await page.waitForFunction(
      () => document.getAnimations().every((animation) => animation.playState === "finished"),
      { timeout: 5_000, polling: 50 },
    );
    await page.screenshot({ path: path.join(artifacts, "firefox-card.png") });
    step("card", beside);
    if (!beside.hits.includes("ai-glossary-card") || !beside.closed || beside.onTerm === "ai-glossary-card") {
      throw new Error("no card beside the term");
    }

    await page.keyboard.press("Escape");
    await page.waitForFunction(
      () => ![...document.querySelectorAll("ai-glossary-card")].some((h) => !h.hidden),
      { timeout: 5_000, polling: 50 },
    );
    step("escape");

    const tabId = await control.evaluate(async (url) =>
      (await browser.tabs.query({})).find((t) => t.url === url)?.id, page.url());
    const popup = await extensionPage(browser, `popup/popup.html?tab=${tabId}`,
      () => !document.getElementById("site-switch")?.disabled);
    const label = await popup.evaluate(() => document.getElementById("site-label").textContent);
    await popup.click("#site-switch");
    await page.waitForFunction((name) => !CSS.highlights.get(name)?.size,
      { timeout: 10_000, polling: 100 }, HIGHLIGHT);
    const off = await control.evaluate(async () => (await browser.storage.sync.get("disabledSites")).disabledSites);
    // The open popup follows: its switch and its status, without being opened again.
    await popup.waitForFunction(
      () => document.getElementById("site-switch").getAttribute("aria-checked") === "false"
        && document.getElementById("status").textContent === "Off on 127.0.0.1.",
      { timeout: 10_000, polling: 100 },
    );
    step("switched off", { label, disabledSites: off });
    if (JSON.stringify(off) !== JSON.stringify(["127.0.0.1"])) throw new Error(`stored ${off}`);

    await popup.click("#site-switch");
    await page.waitForFunction(
      (name, count) => (CSS.highlights.get(name)?.size ?? 0) >= count,
      { timeout: 15_000, polling: 100 }, HIGHLIGHT, ARTICLE_MARKS,
    );
    await popup.waitForFunction(
      (count) => document.getElementById("status").textContent === `${count} terms marked on this page.`,
      { timeout: 10_000, polling: 100 }, ARTICLE_MARKS,
    );
    step("switched on", { marks: await markCount(page) });

    await framesAndShadowRoots(browser, site);
  } finally {
    await browser.close();
  }
}

/**
 * Terms in an open shadow root and a same-origin frame are marked, painted and hovered; a
 * closed root and a cross-origin frame (localhost is another origin than 127.0.0.1) are not.
 */
async function framesAndShadowRoots(browser, site) {
  const other = site.replace("127.0.0.1", "localhost");
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(`${site}/frames.html?other=${other}`);
  const texts = (name) => [...(CSS.highlights.get(name) ?? [])].map((r) => r.toString());
  const marked = (frame, ...terms) => frame.waitForFunction(
    (name, terms) => terms.every((t) => [...(CSS.highlights.get(name) ?? [])].some((r) => r.toString() === t)),
    { timeout: 15_000, polling: 100 }, HIGHLIGHT, terms,
  );
  const frameOf = (origin) => page.frames().find((f) => f.url().startsWith(`${origin}/frame.html`));
  await marked(page, "large language model", "retrieval-augmented generation");
  await marked(frameOf(site), "vector database", "embedding");
  const top = await page.evaluate(texts, HIGHLIGHT);
  const cross = await frameOf(other).evaluate(texts, HIGHLIGHT);
  if (top.includes("hallucination") || cross.length) throw new Error(`marked ${top} and ${cross}`);
  const box = await page.evaluate((name) => {
    const b = [...CSS.highlights.get(name)].find((r) => r.toString() === "retrieval-augmented generation")
      .getBoundingClientRect();
    return { x: b.left, y: b.top, width: b.width, height: b.height + 6 };
  }, HIGHLIGHT);
  await page.mouse.move(box.x + 20, box.y + box.height / 2 + 40);
  await page.mouse.move(box.x + 20, box.y + box.height / 2 - 3, { steps: 4 });
  await page.waitForFunction(
    () => [...document.querySelectorAll("ai-glossary-card")].some((h) => !h.hidden),
    { timeout: 10_000, polling: 50 },
  );
  await page.keyboard.press("Escape");
  // Painted: taking the highlight away changes the pixels under the term.
  const painted = await page.screenshot({ clip: box, encoding: "base64" });
  await page.evaluate((name) => CSS.highlights.delete(name), HIGHLIGHT);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const plain = await page.screenshot({ clip: box, encoding: "base64" });
  step("frames and shadow roots", { top, cross, painted: painted !== plain });
  if (painted === plain) throw new Error("the mark in the shadow root is not painted");
}

main().then(
  () => console.log(JSON.stringify({ done: true })),
  (error) => {
    console.log(JSON.stringify({ step: "failed", ok: false, error: String(error?.stack ?? error) }));
    process.exit(1);
  },
);
