// shared/settings.js: site patterns, the site rules and the migrations of stored settings.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { load } from "./load.mjs";

const { sitePattern, patternCovers, patterns, isPageOn, migrateSettings, normalizeBackendUrl } = load(
  ["shared/settings.js"],
  ["sitePattern", "patternCovers", "patterns", "isPageOn", "migrateSettings", "normalizeBackendUrl"],
);

describe("site patterns", () => {
  const cases = [
    ["Example.com", "https://example.com/a", "example.com", true],
    ["example.com", "https://news.example.com/", "example.com", true], // subdomains too
    ["example.com", "https://notexample.com/", "example.com", false],
    ["*.example.com", "http://a.b.example.com/", "example.com", true],
    ["https://www.example.com/docs/", "https://www.example.com/docs", "www.example.com/docs", true],
    ["example.com/docs", "https://example.com/docs/intro", "example.com/docs", true], // under the path
    ["example.com/docs", "https://example.com/docsearch", "example.com/docs", false],
    ["example.com/docs", "https://example.com/", "example.com/docs", false],
  ];
  for (const [typed, url, stored, covers] of cases) {
    it(`${typed} on ${url}`, () => {
      assert.equal(sitePattern(typed), stored);
      assert.equal(patternCovers(stored, url), covers);
    });
  }

  it("refuses what names no site", () => {
    for (const typed of ["", "   ", "a b.com", "http://", "user@example.com", "?q=1", 7, null]) {
      assert.equal(sitePattern(typed), null, String(typed));
    }
  });

  it("keeps a list sorted, valid and without repeats", () => {
    assert.deepEqual(patterns(["b.org", "A.org", "a.org", "not a site", 3]), ["a.org", "b.org"]);
    assert.deepEqual(patterns("a.org"), []);
  });
});

describe("site rules", () => {
  const settings = (changes) => ({ ...migrateSettings({ schema: 2 }), ...changes });
  it("every site but the switched-off ones", () => {
    const all = settings({ disabledSites: ["example.com/docs"] });
    assert.equal(isPageOn(all, "https://example.com/docs/a"), false);
    assert.equal(isPageOn(all, "https://example.com/blog"), true);
  });
  it("only the listed sites", () => {
    const listed = settings({ siteMode: "listed", enabledSites: ["news.example.com"] });
    assert.equal(isPageOn(listed, "https://news.example.com/"), true);
    assert.equal(isPageOn(listed, "https://example.com/"), false);
  });
});

describe("settings migrations", () => {
  const DEFAULTS = {
    schema: 2,
    backendUrl: "http://127.0.0.1:8000",
    firstOnly: true,
    markHeadings: false,
    markLinks: false,
    paused: false,
    siteMode: "all",
    disabledSites: [],
    enabledSites: [],
    muted: [],
    siteMuted: [],
    disabledGlossaries: [],
  };
  const SCHEMA_1 = {
    schema: 1,
    backendUrl: "http://127.0.0.1:9000/",
    firstOnly: false,
    paused: true,
    disabledSites: ["www.example.org", "News.Example.com", "127.0.0.1"],
  };
  const FROM_SCHEMA_1 = {
    ...DEFAULTS,
    backendUrl: "http://127.0.0.1:9000",
    firstOnly: false,
    paused: true,
    disabledSites: ["127.0.0.1", "news.example.com", "www.example.org"],
  };
  const SCHEMA_2 = {
    ...DEFAULTS,
    backendUrl: "http://glossary.internal:8000",
    markLinks: true,
    siteMode: "listed",
    enabledSites: ["example.com/docs"],
    muted: [{ slug: "token", term: "Token" }],
    siteMuted: [{ slug: "agent", term: "Agent", site: "travel.example.com" }],
    disabledGlossaries: ["company"],
  };
  const { schema: _unversioned, ...SCHEMA_1_UNVERSIONED } = SCHEMA_1;
  const cases = {
    "nothing stored": [{}, DEFAULTS],
    "schema 1": [SCHEMA_1, FROM_SCHEMA_1],
    "schema 1 without its version": [SCHEMA_1_UNVERSIONED, FROM_SCHEMA_1],
    "schema 2": [SCHEMA_2, SCHEMA_2],
    "schema 1, mistyped": [{ schema: 1, firstOnly: "yes", disabledSites: "example.org", backendUrl: 7 }, DEFAULTS],
    "schema 2, mistyped": [
      {
        ...SCHEMA_2,
        muted: [{ slug: "token" }, "rag", { slug: "rag", term: "RAG", x: 1 }],
        siteMode: "sometimes",
        enabledSites: ["example.com/docs", "not a site", 3],
      },
      { ...SCHEMA_2, muted: [{ slug: "rag", term: "RAG" }], siteMode: "all" },
    ],
    "a later schema": [{ ...SCHEMA_2, schema: 3, later: true }, SCHEMA_2],
  };
  for (const [name, [stored, expected]] of Object.entries(cases)) {
    it(name, () => assert.deepEqual(migrateSettings(structuredClone(stored)), expected));
  }
});

describe("backend addresses", () => {
  it("keeps scheme, host, port and path, without a trailing slash", () => {
    assert.equal(normalizeBackendUrl(" http://127.0.0.1:8000/ "), "http://127.0.0.1:8000");
    assert.equal(normalizeBackendUrl("https://example.org/glossary/"), "https://example.org/glossary");
  });
  it("refuses anything but http(s)", () => {
    for (const typed of ["ftp://example.org", "example.org", "", null]) assert.equal(normalizeBackendUrl(typed), null);
  });
});

describe("backend addresses", () => {
  const { isBackendAllowed } = load(["shared/settings.js"], ["isBackendAllowed"]);
  const cases = [
    ["http://127.0.0.1:8000", false, true],
    ["http://127.8.9.10", false, true], // all of 127.0.0.0/8
    ["http://localhost:8000", false, true],
    ["http://[::1]:8000", false, true],
    ["https://glossary.example.com", false, true],
    ["http://glossary.example.com", false, false], // page text in clear over the network
    ["http://10.0.0.5:8000", false, false],
    ["http://128.0.0.1", false, false],
    ["http://localhost.example.com", false, false],
    ["http://glossary.example.com", true, true], // the organisation allows it
    ["ftp://127.0.0.1", true, false],
  ];
  for (const [url, allowed, ok] of cases) {
    it(`${url}${allowed ? " (managed: allowed)" : ""}`, () => assert.equal(isBackendAllowed(url, allowed), ok));
  }
});
