// background/prefilter.js: which blocks could hold a term, and what goes to the backend.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { load } from "./load.mjs";

const { shapedWords, couldHoldTerm, annotateCandidates } = load(
  ["background/prefilter.js"],
  ["shapedWords", "couldHoldTerm", "annotateCandidates"],
  { NO_MATCHES: { dictionary: { id: "", version: "" }, context: { page_is_ai: false }, matches: [], terms: {} } },
);

// Keys by their rarest word, as GET /v1/prefilter files them.
const index = new Map([
  ["window", ["context window"]],
  ["rlhf", ["rlhf"]],
  ["4.1", ["gpt 4.1"]],
  ["c++", ["c++"]],
]);

describe("shaped words", () => {
  it("shapes as the matcher does", () => {
    assert.deepEqual(shapedWords("The GPT-4.1 model, in C++ and C#. DAIR.AI."), [
      "the", "gpt", "4.1", "model", "in", "c++", "and", "c#", "dair.ai",
    ]);
    assert.deepEqual(shapedWords("ΟΔΟΣ İstanbul naïve"), ["οδοσ", "istanbul", "naïve"]);
    assert.deepEqual(shapedWords("#RLHF and SFT+DPO, not C++17"), [
      "rlhf", "and", "sft", "dpo", "not", "c++17",
    ]);
  });
});

describe("could hold a term", () => {
  const cases = [
    ["A bigger Context  Window helps.", true],
    ["context, window", true], // punctuation between: the backend decides
    ["The window was open; the context was lost.", false],
    ["Trained with RLHF.", true],
    ["RLHFs", false], // whole words only
    ["GPT-4.1 is out", true],
    ["C++ code", true],
    ["#RLHF", true], // a hashtag's sign is not part of the word
    ["RLHF+SFT", true], // nor is a "+" between two words
    ["Your balance on Tuesday.", false],
  ];
  for (const [text, could] of cases) {
    it(text, () => assert.equal(couldHoldTerm(text, index), could));
  }
});

describe("what is sent", () => {
  /** @param {string[]} segments */
  const run = async (segments) => {
    const asked = [];
    const reply = await annotateCandidates({ segments, options: {} }, index, async (sent) => {
      asked.push(sent.segments);
      return {
        dictionary: { id: "d", version: "1" }, context: { page_is_ai: false }, terms: {},
        matches: sent.segments.flatMap((text, segment) => (text ? [{ segment, start: 0, end: 1, term: "x" }] : [])),
      };
    });
    return { asked, found: reply.matches.map((m) => m.segment) };
  };

  it("sends nothing for a page with nothing to mark", async () => {
    assert.deepEqual(await run(["hello", "world"]), { asked: [], found: [] });
  });

  it("keeps blocks back, with stand-ins between sent ones so nearby stays nearby", async () => {
    const page = ["a", "RLHF one", "b", "c", "d", "e", "RLHF two", "f", "RLHF three", "g"];
    const { asked, found } = await run(page);
    assert.deepEqual(asked, [["RLHF one", "", "", "RLHF two", "", "RLHF three"]]);
    assert.deepEqual(found, [1, 6, 8]); // numbered as the page numbered them
  });

  it("sends everything to a backend without an index", async () => {
    const asked = [];
    await annotateCandidates({ segments: ["hello"], options: {} }, null, async (sent) => {
      asked.push(sent.segments);
      return { matches: [] };
    });
    assert.deepEqual(asked, [["hello"]]);
  });
});
