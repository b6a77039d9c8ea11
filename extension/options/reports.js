"use strict";
// The options page's "Not this meaning" count (shared/reports.js): how many reports are kept,
// an export as a JSON file for the glossary's authors, and a delete.

const REPORTS_FILE_NAME = "ai-glossary-not-this-meaning.json";

function startReports() {
  byId("export-reports").addEventListener("click", exportReports);
  byId("clear-reports").addEventListener("click", () => clearSenseReports());
  ext.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && REPORTS_KEY in changes) drawReports();
  });
  drawReports();
}

async function drawReports() {
  const total = (await loadSenseReports()).reduce((sum, line) => sum + line.count, 0);
  byId("reports-status").textContent = uiCount("reports", total);
  byId("export-reports").disabled = byId("clear-reports").disabled = total === 0;
}

async function exportReports() {
  const file = new Blob([reportsFile(await loadSenseReports())], { type: "application/json" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(file);
  link.download = REPORTS_FILE_NAME;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

startReports();
