"use strict";
// Private by default: a page's block goes to the backend only if it could hold a term. The
// backend's index (GET /v1/prefilter) files every key of its glossaries (a form shaped as its
// matcher shapes text: backend model/shaping.py) under the key's rarest word; each block is
// looked up word by word here, in the browser, before anything is sent.

// Blocks kept back stand as "" between sent ones, as many as the backend looks at for
// evidence of a word's sense beside its block (two blocks away: backend service/sense.py).
const BLOCKS_AROUND = 2;

/**
 * A text's words as the matcher shapes them: lower case, one character at a time; letters,
 * digits, marks, "_" and a dot between letters or digits kept, and "#" and "+" where they end
 * a word's name ("C#", "C++"; not "#AI" or "SFT+DPO"); the rest splits.
 * @param {string} text
 */
function shapedWords(text) {
  return text
    .replace(/[\p{Lu}\p{Lt}]/gu, (c) => String.fromCodePoint(c.toLowerCase().codePointAt(0) ?? 0))
    .replace(/ς/g, "σ") // as the backend folds it: Greek's final sigma depends on its place
    .replace(/[^\p{L}\p{N}\p{M}+#_.]|\.(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])\./gu, " ")
    .replace(/(?<![\p{L}\p{N}])#|(?<![\p{L}\p{N}+])\+|\+(?=(?![0-9])[\p{L}\p{N}])/gu, " ")
    .split(" ")
    .filter(Boolean);
}

/**
 * Whether one of the index's keys is in the text as whole words. Punctuation between two
 * words counts as a space here, so a block is kept back only when the backend would find
 * nothing in it.
 * @param {string} text @param {PrefilterIndex} index
 */
function couldHoldTerm(text, index) {
  const words = shapedWords(text);
  const shaped = ` ${words.join(" ")} `;
  return words.some((word) => index.get(word)?.some((key) => shaped.includes(` ${key} `)));
}

/**
 * Annotate a page's segments, sending only those that could hold a term; the matches come
 * back numbered as the page numbered its segments. No index (a backend without one): all go.
 * @param {AnnotatePayload} payload @param {PrefilterIndex | null} index
 * @param {(sent: AnnotatePayload) => Promise<AnnotateResult>} annotate
 * @returns {Promise<AnnotateResult>}
 */
async function annotateCandidates(payload, index, annotate) {
  if (!index) return annotate(payload);
  /** @type {string[]} */
  const sent = [];
  /** @type {number[]} each sent segment's number on the page; -1 for a stand-in */
  const from = [];
  let gap = 0;
  payload.segments.forEach((text, number) => {
    if (!couldHoldTerm(text, index)) {
      gap += 1;
      return;
    }
    for (let n = from.length ? Math.min(gap, BLOCKS_AROUND) : 0; n > 0; n -= 1) {
      sent.push("");
      from.push(-1);
    }
    sent.push(text);
    from.push(number);
    gap = 0;
  });
  if (!sent.length) return NO_MATCHES;
  const reply = await annotate({ ...payload, segments: sent });
  const matches = reply.matches.map((match) => ({ ...match, segment: from[match.segment] ?? -1 }));
  return { ...reply, matches: matches.filter((match) => match.segment >= 0) };
}
