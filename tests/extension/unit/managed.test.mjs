// shared/managed.js: an organisation's managed settings over the reader's.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { load } from "./load.mjs";

const { managedPolicy, withManaged, migrateSettings, MANAGEABLE } = load(
  ["shared/settings.js", "shared/managed.js"],
  ["managedPolicy", "withManaged", "migrateSettings", "MANAGEABLE"],
);
const SCHEMA = JSON.parse(readFileSync(new URL("../../../extension/managed_schema.json", import.meta.url), "utf8"));

const reader = migrateSettings({
  schema: 2,
  backendUrl: "http://localhost:9000",
  markLinks: true,
  markHeadings: true,
  disabledSites: ["news.example"],
});

describe("managed settings", () => {
  it("are the ones the schema declares", () => {
    const lockable = SCHEMA.properties.lockedSettings.items.enum;
    assert.deepEqual([...MANAGEABLE].sort(), [...lockable].sort());
    const declared = Object.keys(SCHEMA.properties).sort();
    assert.deepEqual(declared, [...lockable, "allowInsecureBackend", "lockedSettings"].sort());
  });

  it("change nothing when there are none", () => {
    const policy = managedPolicy({});
    assert.deepEqual(policy, { values: {}, locked: [], allowInsecureBackend: false });
    assert.deepEqual(withManaged(reader, policy), reader);
  });

  it("win over the reader's, and lock what they give", () => {
    const policy = managedPolicy({
      backendUrl: "https://glossary.corp.example/",
      disabledSites: ["https://hr.corp.example/"],
      disabledGlossaries: ["ai-glossary"],
    });
    assert.deepEqual(policy.locked, ["backendUrl", "disabledSites", "disabledGlossaries"]);
    const settings = withManaged(reader, policy);
    assert.equal(settings.backendUrl, "https://glossary.corp.example"); // checked as typed ones are
    assert.deepEqual(settings.disabledSites, ["hr.corp.example"]);
    assert.deepEqual(settings.disabledGlossaries, ["ai-glossary"]);
    assert.equal(settings.markLinks, true); // not managed: the reader's
  });

  it("lock a listed setting they give no value for at its default", () => {
    const policy = managedPolicy({ lockedSettings: ["markLinks", "muted", "nonsense"] });
    assert.deepEqual(policy.locked, ["markLinks"]); // only settings an organisation may lock
    const settings = withManaged(reader, policy);
    assert.equal(settings.markLinks, migrateSettings({}).markLinks);
    assert.equal(settings.markHeadings, true);
  });

  it("lock the default in place of a mistyped value", () => {
    const policy = managedPolicy({ backendUrl: "ftp://glossary", firstOnly: "no", siteMode: "some" });
    assert.deepEqual(policy.locked, ["backendUrl", "firstOnly", "siteMode"]);
    const defaults = migrateSettings({});
    const settings = withManaged(reader, policy);
    assert.equal(settings.backendUrl, defaults.backendUrl);
    assert.equal(settings.firstOnly, defaults.firstOnly);
    assert.equal(settings.siteMode, defaults.siteMode);
  });

  it("allow plain http only when told so exactly", () => {
    assert.equal(managedPolicy({ allowInsecureBackend: true }).allowInsecureBackend, true);
    assert.equal(managedPolicy({ allowInsecureBackend: "true" }).allowInsecureBackend, false);
  });
});
