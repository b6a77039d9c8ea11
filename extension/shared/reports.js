"use strict";
// The "Not this meaning" count: per term, site and day, how often a reader said a mark had the
// wrong meaning. Kept in storage.local (this computer only, never synced or sent); it holds
// the glossary's term id, a host name and a date, never page text. The reader exports it from
// the options page as a file for the glossary's authors.

const REPORTS_KEY = "senseReports";
const REPORTS_FORMAT = "ai-glossary/not-this-meaning";
const REPORTS_VERSION = 1;

/** @returns {Promise<SenseReport[]>} */
async function loadSenseReports() {
  const stored = (await ext.storage.local.get(REPORTS_KEY))[REPORTS_KEY];
  return senseReports(stored);
}

/** Stored lines of any shape as reports; anything else is dropped. @param {unknown} stored */
function senseReports(stored) {
  return (Array.isArray(stored) ? stored : []).filter((line) =>
    typeof line?.term === "string" && typeof line.site === "string" &&
    /^\d{4}-\d{2}-\d{2}$/.test(line.date) && Number.isInteger(line.count) && line.count > 0)
    .map(({ term, site, date, count }) => ({ term, site, date, count }));
}

/**
 * The reports with one more for `term` on `site` on `day`.
 * @param {SenseReport[]} reports @param {string} term @param {string} site @param {Date} day
 * @returns {SenseReport[]}
 */
function countedReports(reports, term, site, day) {
  const date = day.toISOString().slice(0, 10);
  const same = (/** @type {SenseReport} */ line) => line.term === term && line.site === site && line.date === date;
  const found = reports.find(same);
  const others = reports.filter((line) => !same(line));
  return [...others, { term, site, date, count: (found?.count ?? 0) + 1 }]
    .sort((a, b) => a.date.localeCompare(b.date) || a.term.localeCompare(b.term) || a.site.localeCompare(b.site));
}

/** Counts are added one at a time, so two reports at once are both kept. */
let reportsWritten = Promise.resolve();

/** @param {string} term @param {string} site */
function countSenseReport(term, site) {
  const write = async () => {
    const reports = countedReports(await loadSenseReports(), term, site, new Date());
    await ext.storage.local.set({ [REPORTS_KEY]: reports });
  };
  reportsWritten = reportsWritten.then(write, write);
  return reportsWritten;
}

async function clearSenseReports() {
  await ext.storage.local.remove(REPORTS_KEY);
}

/** The exported file's text. @param {SenseReport[]} reports */
function reportsFile(reports) {
  return `${JSON.stringify({ format: REPORTS_FORMAT, version: REPORTS_VERSION, reports }, null, 2)}\n`;
}
