"""How much each kind of evidence counts, and where (docs/adr/0007-sense-judgement.md)."""

# How much evidence counts by where it is. Inside the occurrence's own sentence, evidence
# counts for its block and once more for the sentence: 0.6 + 0.4.
WHERE = {"sentence": 0.4, "block": 0.6, "next block": 0.35, "two blocks away": 0.15}
# Cues against the AI sense also count from further away: a page about poultry farming is no
# place for "AI" the technology, however far apart the two words are.
ELSEWHERE = 0.3
# Weights of each kind of evidence, before `WHERE`.
CONFIDENT_TERM = 1.0  # another term, with no other sense, found nearby
RELATED_TERM = 2.0  # a term the entry names as related, instead of the above
OTHER_AMBIGUOUS = 1.0  # another ambiguous AI word in the sentence, itself not ruled out
OWN_WORDS = 0.7  # per word of the entry's own text, times its rarity in everyday English
OWN_WORDS_CAP = 2.0  # per place: a long paragraph does not outvote a sentence
CUE_FOR = 1.2  # a word of the entry's [context] `for` list
CUE_AGAINST = -1.6  # a word of its `against` list: a wrong mark costs more than a missed one
VERSION_AFTER = 1.2  # a version number after a product line's name: "Claude 3", "Llama 3.1"
VALUE_AFTER = 1.2  # a value of the setting after its name (`values`): "temperature 0.7"
# A name greeted, asked or answering ("Hey Gemini", "Perplexity found it"), where the entry says
# only its AI sense answers: added to the final verdict, so it lends nothing to the words
# around ("Gemini says dress in layers" is no neural network's layers).
ASKED_OR_ANSWERING = 1.2
SIZE_IN_SENTENCE = 1.2  # a model's size in parameters in the sentence: "the 70B model"
# A `for` cue phrase the occurrence is itself a word of ("and it hallucinated a study"), on
# top of the phrase's weight as a cue of its sentence: at 0.6, "fine-tuned on the spot" and a
# theatre's "prompt book" were marked (docs/sense-judgement-record.md, the 78th-81st rounds).
PHRASE_AROUND = 0.35
PAGE_IS_AI = 0.6  # the client's word that earlier parts of the page were about AI, or:
# the request's own terms with no other sense, found in at least this many blocks, spread
# over at least this many, at least this many different ones, in at least this share of its
# blocks: a page about AI. One AI sentence, or one AI paragraph, on a page about something
# else never is; nor is a bank's minutes or a lab's newsletter that comes back to AI three or
# four times (without the share: 3.16 false marks per 1,000 words on such pages, not 1.42).
ABOUT_AI_BLOCKS = 4
ABOUT_AI_SPREAD = 6
ABOUT_AI_TERMS = 4
ABOUT_AI_SHARE = 0.4
# ... or blocks holding at least this share of the request's text (in characters, which
# costs no pass over it): headings, captions and a guide's "Prompt:" and "Output:" lines are
# blocks that say little either way. An AI guide had its terms in 29% of its blocks and 62%
# of its text; the pages that come back to AI, in at most 44% of theirs. At 0.45 rather
# than 0.5: AI pages +17 right marks on the tuned half, +6 (and 2 wrong) on the frozen one,
# nothing else moved; at 0.4, the pages that come back to AI had 2 wrong marks more.
ABOUT_AI_TEXT_SHARE = 0.45
# A `borrowed` entry (a term of business or data protection the glossary holds for those who
# buy and run AI: "SLA", "proof of concept", "GDPR") with nothing against it, on a page about
# AI: with the page's own clue, as much as the threshold. Such a page's service levels and
# proofs of concept are its AI's (read off tune232 and tune233, business AI pages at 73% and
# 81% recall). Frozen AI pages 45 right marks more and 3 wrong, tuned 64 and 5; nothing else
# moved: pages about other things are not about AI.
BORROWED_ON_AN_AI_PAGE = 0.4
NEVER = -10.0  # inside a phrase the entry says never means it
NAME = -1.5  # part of a longer name: "Meta AI", "the SNLI dataset" (support outweighs it)
JOINED_NAME = -10.0  # joined to a capitalised word by an ampersand: "Weights & Biases", settled
PERSON = -10.0  # a name that is a person's: "her husband Claude", "Gemma herself", settled
# The same name elsewhere on a page whose list of people names it ("Present: Gemma, Jasper",
# then "Gemma presented her results"): twice NAME's -1.5, what a surname or a relation
# elsewhere counts. Read off a tuned lab's minutes: frozen AI pages 5 wrong marks fewer and
# 1 right one lost, tuned 6 wrong fewer; at -6, 6 fewer and 3 lost on the frozen ones.
LISTED_NAME = -3.0
THRESHOLD = 1.0  # marked at or above
# A page not about AI holds, at most, one AI passage: its terms with no other sense, and its
# ambiguous words marked on their own evidence at least this strongly, all in blocks at most
# this many apart. An ambiguous word marked more weakly beyond the blocks beside that passage,
# in one block only, is a stray: a word of the page's own subject that a cue or two made
# look like AI's ("the Gemini 4 spacewalk"), not another AI passage. Where such marks are in
# two blocks or more, they back each other: an AI page that names its terms only once. Read
# as issue 13's rule for a page with one AI sentence. Frozen half: marks beyond that
# neighbourhood 7 -> 0 and 7 false marks fewer, AI pages 54 right marks fewer (recall 94.66%
# -> 94.43%) and 1 wrong fewer; tuned half: AI pages 75 right fewer (94.80% -> 94.55%);
# the tuned pages that come back to AI 1 right fewer. With strays in two blocks dropped
# too, 140 and 170 right fewer.
AI_PASSAGE_MARK = 2.0
AI_PASSAGE_SPAN = 2
STRAY_BLOCKS = 1
DECIDED = 3.0  # from terms alone: marked without weighing words (unless an idiom or a name)
# A long block (at least this many words) whose own terms, words and cues come to less than
# this speaks for itself: the terms of the blocks around it lend it nothing. A bank's minutes
# between two AI paragraphs are not about AI; a heading, or a short line, is what follows it.
LONG_BLOCK = 25
SPEAKS = 0.1
# Where words are weighed: beyond the next blocks, only terms count (words cost more to weigh).
WORDS_REACH = frozenset({"sentence", "block"})
SUPPORTING = 0.4  # an ambiguous word supports others from this first-pass score
UNUSUAL = 0.8  # from this rarity an ambiguous word with no evidence against it supports others
# In a short sentence (at most this many words) two words of one field stand together: an
# ambiguous word that could vouch for others, beside one the second pass marked, is vouched
# for in its turn; two terms the glossary relates, with nothing against either, hold each
# other up however common their words ("Pre-training builds knowledge and post-training
# shapes behaviour"). In a long one, a list of an engineering handbook's parts, two words
# of one field co-occur more loosely.
SHORT_SENTENCE = 20
RETURNED = 1.0
RELATED_PAIR = 1.0
# A pair that holds only because one entry lists the other's ambiguous form as a `for` cue
# holds where one of its two words is less than everyday: "Claude" and "prompts", not an
# insurer's "agent" and "policy" (tuned sentences sent alone: 68 -> 64 false marks, the
# same recall at any value from 0.2 to 0.4).
PAIRED_RARITY = 0.3
MIN_UNUSUAL = 0.25  # the least an everyday ambiguous word counts for, of its full weight
# One sense per discourse, page-wide: a term marked on its own evidence in blocks this far
# apart (more than one AI passage and the blocks beside it can reach) keeps its sense on the
# rest of the page wherever nothing speaks against it.
DISCOURSE_SPREAD = 3
DISCOURSE = 1.0
# ... and so does a page that names the entry's related terms, in forms with no other
# sense, in at least this many blocks spread as far: a prompt guide that names prompt
# engineering, templates and few-shot prompting all along is about prompts (tuned AI
# excerpts +11 marks, nothing else changed on the tuned half; with 3 blocks, +17 and a
# bookshop blog's "Hallucinations" on a page that comes back to AI).
DISCOURSE_RELATED_BLOCKS = 4
# ... and so does the term itself, written in at least this many blocks spread as far, with
# nothing against any of them, on a page whose terms with no other sense are in two blocks
# or more, that far apart or one of them a term the entry relates (more than one AI
# passage): a guide that writes of prompts all along (tuned AI excerpts +15 marks, nothing
# else changed on the tuned half; the same at 3 to 8 blocks, with 23 to 0 marks more; +15
# again with a related term instead of the spread).
DISCOURSE_REPEATS = 4

# Everyday English frequency (Zipf scale, wordfreq) at or above which a word says nothing
# about the subject ("people", "time"), and the spread over which rarer words count more.
COMMON_ZIPF = 4.8
ZIPF_SPREAD = 2.5
# A word at least this common right before a model's size names a class, a flat or a seat
# ("Class 3B", "flat 7B": 5.4 and 4.7), unless a determiner or a preposition ("the 70B
# model"); the names of models are rarer ("Falcon 40B", "Llama 70B": 3.7 and 3.0).
NAMES_A_PLACE_ZIPF = 4.3
