// shared/reports.js: the local "Not this meaning" count, its stored shape and its export.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { load } from "./load.mjs";

const { senseReports, countedReports, reportsFile } = load(
  ["shared/reports.js"],
  ["senseReports", "countedReports", "reportsFile"],
);
const { migrateSettings } = load(["shared/settings.js"], ["migrateSettings"]);

const day = (iso) => new Date(`${iso}T12:00:00Z`);

describe("the count", () => {
  it("counts per term, site and day", () => {
    let reports = [];
    reports = countedReports(reports, "agent", "travel.example", day("2026-03-02"));
    reports = countedReports(reports, "agent", "travel.example", day("2026-03-02"));
    reports = countedReports(reports, "agent", "news.example", day("2026-03-02"));
    reports = countedReports(reports, "agent", "travel.example", day("2026-03-03"));
    reports = countedReports(reports, "attention", "travel.example", day("2026-03-01"));
    assert.deepEqual(reports, [
      { term: "attention", site: "travel.example", date: "2026-03-01", count: 1 },
      { term: "agent", site: "news.example", date: "2026-03-02", count: 1 },
      { term: "agent", site: "travel.example", date: "2026-03-02", count: 2 },
      { term: "agent", site: "travel.example", date: "2026-03-03", count: 1 },
    ]);
  });

  it("keeps only well-formed lines, and only their four fields", () => {
    const stored = [
      { term: "agent", site: "a.example", date: "2026-03-02", count: 3, text: "page text" },
      { term: "agent", site: "a.example", date: "yesterday", count: 1 },
      { term: "agent", site: "a.example", date: "2026-03-02", count: 0 },
      { term: 7, site: "a.example", date: "2026-03-02", count: 1 },
      null,
    ];
    assert.deepEqual(senseReports(stored), [{ term: "agent", site: "a.example", date: "2026-03-02", count: 3 }]);
    assert.deepEqual(senseReports(undefined), []);
    assert.deepEqual(senseReports("agent"), []);
  });

  it("exports a versioned JSON document of the lines, nothing else", () => {
    const lines = [{ term: "agent", site: "a.example", date: "2026-03-02", count: 2 }];
    const file = JSON.parse(reportsFile(lines));
    assert.deepEqual(Object.keys(file).sort(), ["format", "reports", "version"]);
    assert.equal(typeof file.format, "string");
    assert.ok(Number.isInteger(file.version));
    assert.deepEqual(file.reports, lines);
  });
});

describe("terms muted on a site", () => {
  it("are kept when well-formed, and default to none", () => {
    const kept = { slug: "agent", term: "Agent", site: "travel.example" };
    const settings = migrateSettings({ schema: 2, siteMuted: [kept, { slug: "x", term: "X" }, "agent", null] });
    assert.deepEqual(settings.siteMuted, [kept]);
    assert.deepEqual(migrateSettings({}).siteMuted, []);
  });
});
