"""The native sense judgement (service/sense/_native) against the Python one, the reference:
on every corpus article, every evaluation page and requests built to probe its edges, each
candidate gets the same verdict, with both option sets and with the page said to be about
AI or not."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

import orjson
import pytest
from ai_glossary.glossary.reader import BUNDLED, load_dictionary
from ai_glossary.matching.matcher import Matcher
from ai_glossary.model import Dictionary
from ai_glossary.service.annotate import _marked
from ai_glossary.service.sense import MARK_KEPT, MARK_SURE, Candidate, SenseJudge, Verdict, handover
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.native import judge_on, require_native
from tests.support.sense_eval import SETS, parts, read_set

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "sense"
# The corpora sit beside the repository, as for bench/ (bench/_inputs.py).
CORPORA = [ROOT.parent / "shared" / "corpus", ROOT.parent / "shared" / "corpus2"]
OPTIONS = [(page_is_ai, first_only) for page_is_ai in (False, True) for first_only in (False, True)]


@pytest.fixture(scope="module")
def dictionary() -> Dictionary:
    return load_dictionary(BUNDLED)


@pytest.fixture(scope="module")
def matcher(dictionary: Dictionary) -> Matcher:
    return Matcher(dictionary)


@pytest.fixture(scope="module")
def python(dictionary: Dictionary) -> SenseJudge:
    return judge_on("python", dictionary)


@pytest.fixture(scope="module")
def native(dictionary: Dictionary) -> SenseJudge:
    return judge_on("native", dictionary)


@pytest.fixture(scope="module")
def names(python: SenseJudge) -> list[str]:
    """Every name an entry lists, capitalised as a name is written."""
    return sorted({n.title() for sense in python._senses.values() for n in sense.names})


def candidates(matcher: Matcher, segments: list[str]) -> list[Candidate]:
    return [
        Candidate(index, start, end, slug, ambiguous)
        for index, found in enumerate(matcher.find_many(segments))
        for start, end, slug, ambiguous in found
    ]


def differences(
    python: SenseJudge,
    native: SenseJudge,
    matcher: Matcher,
    segments: list[str],
    options: list[tuple[bool, bool]] = OPTIONS,
) -> list[str]:
    """Every candidate whose verdicts differ, with each option set, and every request whose
    marks (the reply's path, `SenseJudge.marks`) say otherwise than those verdicts; the
    native judge must take the request itself (not hand it back to Python)."""
    found = []
    for page_is_ai, first_only in options:
        expected = candidates(matcher, segments)
        python.judge(segments, expected, page_is_ai, False, first_only)
        actual = candidates(matcher, segments)
        assert native.native.judge(segments, actual, page_is_ai, first_only), segments
        marks = native.marks(segments, matcher.find_many(segments), page_is_ai, first_only)
        assert marks is not None, segments
        said = bytes(
            MARK_SURE if c.verdict is None else MARK_KEPT if c.verdict.kept else 0 for c in expected
        )
        if marks != said:
            found.append(f"{page_is_ai=} {first_only=} marks {marks!r} != {said!r}")
        for want, got in zip(expected, actual, strict=True):
            a, b = want.verdict, got.verdict
            if not _same(a, b):
                where = segments[want.segment][max(0, want.start - 40) : want.end + 40]
                found.append(f"{page_is_ai=} {first_only=} {want.slug} {where!r}: {a} {b}")
    return found


def _same(a: Verdict | None, b: Verdict | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.kept, a.against) == (b.kept, b.against) and abs(a.score - b.score) <= 1e-9


def articles(folder: Path) -> Iterator[list[str]]:
    for path in sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if lines:
            yield lines


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_every_article_is_judged_alike(
    python: SenseJudge, native: SenseJudge, matcher: Matcher, corpus: Path
) -> None:
    if not corpus.is_dir():
        pytest.skip(f"no corpus at {corpus}")
    found = [d for lines in articles(corpus) for d in differences(python, native, matcher, lines)]
    assert found == []


def test_every_evaluation_page_is_judged_alike(
    python: SenseJudge, native: SenseJudge, matcher: Matcher
) -> None:
    pages = [
        list(page.blocks)
        for half in ("frozen", "tune")
        for folder in parts(FIXTURES, half)
        for name in SETS
        for page in read_set(folder, name)
    ]
    assert len(pages) > 500
    # One option set a page, in turn (the Python path is the slow one, and the pages keep
    # coming): each set still meets some 12,000 pages; the corpora's articles get all four.
    found = [
        d
        for n, blocks in enumerate(pages)
        for d in differences(python, native, matcher, blocks, OPTIONS[n % len(OPTIONS) :][:1])
    ]
    assert found == []


def test_blocks_with_no_capital_are_judged_alike(
    python: SenseJudge, native: SenseJudge, dictionary: Dictionary
) -> None:
    """Every evaluation sentence in lower case, as a search box has it, matched without case
    (`service/uncased.py`): names and acronyms in lower case are judged alike too."""
    uncased = Matcher(dictionary, any_case=True)
    lines = [
        block.lower()
        for half in ("frozen", "tune")
        for folder in parts(FIXTURES, half)
        for page in read_set(folder, "sentences")
        for block in page.blocks
    ]
    assert len(lines) > 5000
    requests = [lines[i : i + 8] for i in range(0, len(lines), 8)]
    found = [
        d
        for n, blocks in enumerate(requests)
        for d in differences(python, native, uncased, blocks, OPTIONS[n % len(OPTIONS) :][:1])
    ]
    assert found == []


def test_a_judge_dropped_is_freed(dictionary: Dictionary) -> None:
    """SenseJudge -> its native Judge -> the call-backs -> SenseJudge is a cycle, which the
    collector must see through: a judge that was never freed leaked about 30 MB at every
    dictionary reload."""
    judge = judge_on("native", dictionary)
    dropped = weakref.ref(judge)
    del judge
    gc.collect()
    assert dropped() is None


def native_reply() -> Callable[..., tuple[list[dict[str, Any]], int]]:
    require_native()
    made = handover.reply_matches()
    assert made is not None
    return made


@pytest.mark.parametrize("first_only", [False, True])
def test_the_reply_is_made_alike_from_the_marks(
    native: SenseJudge, matcher: Matcher, first_only: bool
) -> None:
    """`_native.reply_matches` and `_native.reply_json` against `annotate._marked`, on every
    article of both corpora: the same matches, written as orjson writes them, the same
    terms and the same count of terms with no other sense."""
    reply_matches = native_reply()
    reply_json = handover.reply_json()
    assert reply_json is not None
    requests = [lines for corpus in CORPORA if corpus.is_dir() for lines in articles(corpus)]
    if not requests:
        pytest.skip("no corpus beside the repository")
    for lines in requests:
        found = matcher.find_many(lines)
        marks = native.marks(lines, found, False, first_only)
        assert marks is not None
        matches, confident = _marked(found, marks, first_only)
        assert reply_matches(found, marks, first_only) == (matches, confident)
        written = (orjson.dumps(matches), {m["term"] for m in matches}, confident)
        assert reply_json(found, marks, first_only) == written


def test_the_json_is_left_to_orjson_for_a_slug_that_needs_escaping() -> None:
    require_native()
    reply_json = handover.reply_json()
    assert reply_json is not None
    assert reply_json([], b"", False) == (b"[]", set(), 0)
    for slug in ('say "hi"', "back\\slash", "tab\there", "café"):
        json, terms, sure = reply_json(
            [[(0, 3, "rlhf", False), (4, 6, slug, True)]], b"\x02\x01", False
        )
        assert json is None and terms == {"rlhf", slug} and sure == 1
    with pytest.raises(ValueError, match="one mark for each"):
        reply_json([[(0, 3, "rlhf", False)]], b"", False)


def test_the_reply_wants_a_mark_for_each_match() -> None:
    reply_matches = native_reply()
    found = [[(0, 3, "rlhf", False)], [(2, 5, "agent", True)]]
    for marks in (b"\x02", b"\x02\x01\x01"):
        with pytest.raises(ValueError, match="one mark for each"):
            reply_matches(found, marks, False)
    assert reply_matches(found, b"\x02\x00", True) == (
        [{"segment": 0, "start": 0, "end": 3, "term": "rlhf"}],
        1,
    )


def test_requests_judged_at_once_in_threads_get_their_own_marks(
    native: SenseJudge, matcher: Matcher
) -> None:
    """A call-back into Python lets another thread judge meanwhile: no request may read or
    spoil another's state in the shared Judge. Switching threads as often as Python allows
    makes that likely (a scratch shared without a busy flag failed here 3 runs in 3)."""
    requests = [lines for corpus in CORPORA if corpus.is_dir() for lines in articles(corpus)]
    if not requests:
        pytest.skip("no corpus beside the repository")
    found = [matcher.find_many(lines) for lines in requests]
    alone = [native.marks(lines, f, False, True) for lines, f in zip(requests, found, strict=True)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            for _ in range(4):  # one round caught a request using a busy scratch 2 times in 3
                at_once = pool.map(
                    lambda i: native.marks(requests[i], found[i], False, True), range(len(requests))
                )
                assert list(at_once) == alone
    finally:
        sys.setswitchinterval(interval)


# Words and marks where the paths could part: numbers after a setting or a version, names
# and relation words, idioms, punctuation, and characters whose case or width is unusual.
EDGES = [
    *["3", "3.1", "v2", "0.7", "-2", "=0", "zero", "21C", "1.5", "degrees"],
    *["3a", "1.2a", "v.2", "v", "_1", "\u0663", "-\u0663", "\u00b2", "\u2163", "-3_"],
    *["Meta", "Claude", "Gemma", "Mensah", "Weights", "&", "Biases", "AT&T", "AI-2", "ML-104"],
    *["her", "husband", "herself", "himself", "friend", "colleague", "My", "Our", "In"],
    *["pay", "close", "attention", "travel", "agent", "the", "a"],
    *["Task", "Planner", "O'Brien", "Smith-Jones", "Adapters", "Tutorial", "Colorado", "Act"],
    *[".", "!", "?", ":", ";", ",", "(", ")", "[", "]", '"', "'", "“", "”", "‘", "’", "'s"],
    *["...", "e.g.", "4.1", "C++", "C#", "snake_case", "x_y", "+#_", "’s"],
    *["é", "e\u0301", "中文", "😀", "👩\u200d💻", "İ", "ß", "Σ", "ς", "ſ", "\u212a"],
    # words read 8 bytes at a time: 7, 8, 9, 16 and 17 letters, and accented ones
    *["trainin", "training", "trainings", "interpretability", "interpretability2", "fiancée"],
]


def _sentences() -> list[str]:
    """Sentences of the evaluation's AI pages and pages about other things."""
    pages = read_set(FIXTURES / "tune", "ai") + read_set(FIXTURES / "tune", "other")
    return sorted({block for page in pages for block in page.blocks})[:400]


@cache  # one strategy for every example: hypothesis replays its choices against it
def requests() -> st.SearchStrategy[list[str]]:
    """Segments that mix real sentences, the dictionary's forms in every case, names,
    numbers, relation words, non-ASCII and odd white space: where the two paths could part."""
    dictionary = load_dictionary(BUNDLED)
    forms = sorted(
        {f for t in dictionary.terms.values() for f in (*t.forms, *t.ambiguous) if t.marked}
    )
    ambiguous = sorted({f for t in dictionary.terms.values() for f in t.ambiguous})
    cased = st.sampled_from(ambiguous + forms[::7]).flatmap(
        lambda f: st.sampled_from([f, f.lower(), f.upper(), f.title(), f + "s", f + "'s"])
    )
    # The phrases entries say never mean them, inflected and with a word between.
    never = sorted({p for t in dictionary.terms.values() for p in t.cues.never})
    idioms = st.sampled_from(never).flatmap(
        lambda p: st.sampled_from(
            [p, p.upper(), p.title(), p.replace(" ", " close "), p + "s", p + "ing", p + "-ish"]
        )
    )
    # Cues against, which count from anywhere in the request, across blocks too.
    against = st.sampled_from(
        sorted({c for t in dictionary.terms.values() for c in t.cues.against if t.marked})
    )
    pieces = st.one_of(
        cased,
        cased,
        idioms,
        against,
        st.sampled_from(_sentences()),
        st.sampled_from(
            [
                *EDGES,
                "\n",
                "\t",
                "\u00a0",
                "\u2003",
                "  ",
                " . ",
                ".\n",
            ]
        ),
    )
    segment = st.lists(pieces, min_size=1, max_size=25).flatmap(
        lambda parts: st.sampled_from([" ".join(parts), "".join(parts)])
    )
    return st.lists(segment, min_size=1, max_size=8)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(segments=requests())
def test_built_requests_are_judged_alike(
    python: SenseJudge, native: SenseJudge, matcher: Matcher, segments: list[str]
) -> None:
    assert differences(python, native, matcher, segments) == []


# What follows a form that C reads itself (no call-back): a version ("Claude 3"), an action
# item's number ("AI-2"); digits of other scripts, superscripts and word characters after.
AFTER = ["3", "v2", "3a", "1.2a", "3.", "v.2", "v", "\t4", "  5", "_1", "\u0663", "\u00b2", "3_"]
# Two digits or more are no version ("Gemini 48"), unless dotted or a size.
AFTER += ["48", "48.", "10.5", "10.5a", "1.2.3a", "12a", "v12", "v3.1a", "70B", "1.5B", "12.5.1"]
AFTER += ["12.b", "1.5M", "48 ", "\u0663\u0664", "vv3"]


def around_every_form(
    python: SenseJudge,
    native: SenseJudge,
    matcher: Matcher,
    dictionary: Dictionary,
    requests: Callable[[str], list[list[str]]],
) -> list[str]:
    """The differences on the requests built around each ambiguous form of the glossary."""
    forms = sorted({f for t in dictionary.terms.values() for f in t.ambiguous})
    return [
        found
        for form in forms
        for segments in requests(form)
        for found in differences(python, native, matcher, segments)
    ]


def test_what_follows_a_form_is_read_alike(
    python: SenseJudge, native: SenseJudge, matcher: Matcher, dictionary: Dictionary
) -> None:
    def requests(form: str) -> list[list[str]]:
        return [[f"We tried {form} {a} today.", f"{form.upper()}-{a} is done."] for a in AFTER]

    assert around_every_form(python, native, matcher, dictionary, requests) == []


# A person's full name and a comma before a form ("Jasper Moran, LLM, a specialist"), what
# may follow it, and look-alikes.
FULL_NAMES = [
    "Jasper Moran, ",
    "Ann O'Neil-Lee,\t",
    "Ann Lee ,",
    "AL Moran, ",
    "Ann LEE, ",
    "éAnn Lee, ",
]
FULL_NAMES += ["Ann lee, ", "A Lee, ", "ann Lee, ", "-Ann Lee, ", "Ann  Lee,  ", "Ann Lee,"]
AFTER_LETTERS = [", a specialist", ".", ". Next", ";", ")", "", "\nNext", " research", ".5", "s,"]


def test_letters_after_a_name_are_read_alike(
    python: SenseJudge, native: SenseJudge, matcher: Matcher, dictionary: Dictionary
) -> None:
    def requests(form: str) -> list[list[str]]:
        return [[f"{name}{form}{after}" for name in FULL_NAMES] for after in AFTER_LETTERS]

    assert around_every_form(python, native, matcher, dictionary, requests) == []


# Never phrases with words of grammar, which take no endings ("grok it" is not "grok ... its").
GRAMMAR = [
    "Took ages to grok how Grok picks its sources.",
    "I grok it now, and Grok its rival too.",
    "Put it on my CV, ones my CV lacks.",
    "She is studying for an LLM, and LLMs help.",
]


def test_never_phrases_with_words_of_grammar_are_read_alike(
    python: SenseJudge, native: SenseJudge, matcher: Matcher
) -> None:
    assert differences(python, native, matcher, GRAMMAR) == []


# What precedes a form that C reads itself: a number and spaces before a unit of size ("4 KB").
BEFORE = [
    "4 ",
    "1.5 ",
    "4\u00a0",
    "4\u202f",
    "4\t",
    "4   ",
    "4       ",
    "\u0663 ",
    "4\n",
    "4a ",
    "x ",
]


def test_what_precedes_a_form_is_read_alike(
    python: SenseJudge, native: SenseJudge, matcher: Matcher, dictionary: Dictionary
) -> None:
    def requests(form: str) -> list[list[str]]:
        return [
            [f"The RAG index is {b}{form} in all.", f"{b}{form.lower()} chunks"] for b in BEFORE
        ]

    assert around_every_form(python, native, matcher, dictionary, requests) == []


# Around a form that is also a first name: a relation word before it, "himself" after.
BEFORE_NAME = [
    "a driver named ",
    "the CLERK called ",
    "our vicar is called ",
    "a coachman named ",
    "her husband ",
    "HUSBAND\t",
    "step-brother ",
    "godbrother ",
    "son-in-law ",
    "husband \n",
    "my friend\n",
    "ſon ",
    "neighbour  ",
    "fiancée ",
    "twins ",
    # Someone's person or animal ("my dog Jasper", "our student volunteer, Adam"), "Dear".
    "my dog ",
    "Our student volunteer, ",
    "our dog,\n",
    "their AI coach ",
    "my dogs ",
    "the dog ",
    "Dear ",
    "dear\t",
    "Deary ",
    # One named ("we named ours Claude"; "it" is not one).
    "we named ours ",
    "Called HIM ",
    "named it ",
    "ours is called ",
    "a tarantula called ",
    "my Hamster ",
    "Mrs ",
    "Dr. ",
    "MRS ",
    "Missy ",
    # Asked for, a name joined to a person's before it, a job ("our producer Jasper").
    "ask for ",
    "ASKED FOR\t",
    "my sister Gemma and ",
    "Tom or ",
    "Tom, and ",
    "our producer ",
    "my Labmate ",
    "by ",
    "forum ",
    "a lovely human called ",
    # People in the plural, with a comma; without one the name may be what they were given.
    "our associate teachers, ",
    "our nurses, Tom and ",
    "my bosses , ",
    "our engineers ",
    "our teachers,\n",
    "their coachs, ",
    "Auntie ",
    "my mate ",
    "checkmate ",
    # One of them, with a comma ("One reader, Adam from Bristol"); without one, nothing.
    "One reader, ",
    "a listener,\n",
    "Another Moderator , ",
    "one owner ",
    "an old colleague, ",
    "a human moderator called ",
    "Done reader, ",
]
AFTER_NAME = [" himself", " HERSELF.", "\therself", " himselfish", " himſelf", " herself_"]
# A family after a possessive, a role in brackets after the name or a surname.
AFTER_NAME += ["'s boyfriend", "’s mum", "'s sister model", "'s MUM", "'sboyfriend", "'s"]
AFTER_NAME += [" Lee (trainee)", " (chair)", " (Chair)", "(intern)", " Lee  (head of maths)"]
AFTER_NAME += [" Lee (Anthropic)", " (the model)", " Ćlee (intern)", " Lee\t(guest)", " L"]
# Who the name is, right after it ("Jasper the dog", "Claude, our head coach").
AFTER_NAME += [" the dog", ", our head coach", ",our coach", ", the assistant", " The dog"]
AFTER_NAME += [" the client", ", the customer's assistant", " the customer’s"]
AFTER_NAME += [" here from the support team", " HERE from HR", " here", " hereford"]
AFTER_NAME += [" (metadata librarian):", " (data protection officer)", " (paid plan):"]
AFTER_NAME += [" the\tblacksmith", "  my sister", ", thé dog", " their", " the", ", her ſon"]
AFTER_NAME += [
    ", our new booking clerk",
    ", the old village vet",
    ", our new AI coach",
    ", my a b c dog",
]
# Who the name is, in a clause with a person's pronoun ("Claude, who is here with his dog").
AFTER_NAME += [", who is here with his dog", ", who said she", ", who answered", ", WHO HIS"]
AFTER_NAME += [",  who\tthen told him", ", whom her", ", who. his", ", whö his", ",who his"]
# A product called "it" as it answers, or before what one buys of it, and look-alikes.
AFTER_NAME += [" for a pun and it wrote", ", it just gave", " and it looks", " licence", " seats"]
AFTER_NAME += [" licenced", " usage limits", " answers", " and it said", "; it said", " API"]
# Where a person lives, a name joined to another's team, a team after a passive's doer.
AFTER_NAME += [
    " next door",
    " over the road",
    " up the lane",
    " upstairs",
    " Upstairs",
    " nextdoor",
]
AFTER_NAME += [" or Gemma from HR", " and Tom from the team", ", and Tom from IT", " in IT", " or"]
AFTER_NAME += [" and", " andrew from HR", " in HR", " from the garden centre", " from practice"]
# A numbered place one lives in, a rota, the people one is joined to.
AFTER_NAME += [" from Flat 12", " from room 3b", " from Flatland", " on C shift", " ON LEAVE"]
AFTER_NAME += [" on call", " on calling", " on the night shift", " on Bedrock", " and Tom on leave"]
AFTER_NAME += [" and the team", ", and the rest of the staff", " and the teams", " on"]
# An occasion or a shift of one's own, a group chat's time stamp.
AFTER_NAME += ["'s birthday", "’s night shifts", "'s shiftless", " (20:50):", " (9.05 pm):"]
AFTER_NAME += [" (20:50)", "(20:50):", " (2025):"]


# Lines that list people after a key, look-alikes, and a name and surname before a comma in a
# line of capitals (a chat message's header).
LISTED = [
    "Present: Priya (PI), {name}, Jasper.",
    "  ATTENDEES:\t{name} and Tomasz",
    "In attendance: Jo Bloggs (chair); {name} & Sam",
    "In  attendance : {name}",
    "Minutes: {name}.",
    "From: {name} Okeke",
    "Cc: {name}",
    "Present: my {name}",
    "Presents: {name}",
    "Prēsent: {name}",
    "Models tried: {name}, Gemini",
    "To be fair: {name}",
    "Notes\nFrom: {name}, Sam",
    "{name} Okeke, 09:24",
    "{name} Okeke Audience Editor",
    "Thread Started By {name} Okeke, Audience Editor, 09:12",
    "A ticket from {name} in accounts: the OCR misreads sevens.",
    "A Ticket From {name} In Accounts",
    "09:12 {name}: That's the fun of it!",
    "[9.05 pm] {name} (organiser): names are drawn",
    "09:12 {name} said so",
    "9:12am {name}:",
    "0912 {name}:",
    "Today 09:12 {name}: hi",
]


def test_a_person_is_read_alike(
    python: SenseJudge,
    native: SenseJudge,
    matcher: Matcher,
    dictionary: Dictionary,
    names: list[str],
) -> None:
    assert names
    found = []
    for name in names:
        segments = [f"Then {before}{name} said so." for before in BEFORE_NAME]
        segments += [f"Then {name}{after} said so." for after in AFTER_NAME]
        segments += [line.format(name=name) for line in LISTED]
        found += differences(python, native, matcher, segments)
    assert found == []


# A word with a full stop before a name: a sentence's end, or a title, an initial or a
# dotted abbreviation, which a name goes on from.
FULL_STOPS = ["JSON. ", "ERP.  ", "Dr. ", "DR. ", "J. ", "U.S. ", "Ünï. ", "Ab.\t", "A..", "x. "]
FULL_STOPS += ["Capt. ", "Averyveryverylongword. ", "Ab.c. ", "(JSON. ", "Ŀlee. "]


# A name opening a line as a speaker, and look-alikes: a role in brackets, too long a role,
# a longer word, a colon further on, the name not first on its line.
SPEAKING = ["{name}: define small", "  {name} (dad): so", "{name}(dad): so", "{name} (): so"]
SPEAKING += ["{name} (" + "r" * 31 + "): so", "{name} (" + "r" * 30 + "): so", "{name}:"]
SPEAKING += ["{name}s: so", "{name}-Bot: so", "Re {name}: so", "\t{name}: so", "x\n{name}: so"]
SPEAKING += ["{name} : so", "{upper}: so", "{name} (dad)", "{name} (d)\n: so", "{name}'s: so"]
# What else opens lines: people twice (a conversation), people once, a chat with an AI.
AROUND_SPEAKERS = [
    ["Tom: sure", "Tom (mum): fine"],
    ["Tom: sure"],
    ["Me: summarise this", "Me: thanks", "User: again", "Chatgpt: ok", "ChatGPT: ok"],
    ["Tom: sure\nTom: fine"],
]


def test_a_speaker_in_a_conversation_is_read_alike(
    python: SenseJudge, native: SenseJudge, matcher: Matcher, names: list[str]
) -> None:
    found = []
    for name in names:
        for around in AROUND_SPEAKERS:
            for line in SPEAKING:
                segments = [line.format(name=name, upper=name.upper()), *around]
                segments.append(f"{name} said the chatbot runs on a large language model.")
                found += differences(python, native, matcher, segments)
    assert found == []


def test_a_full_stop_before_a_name_is_read_alike(
    python: SenseJudge, native: SenseJudge, matcher: Matcher, names: list[str]
) -> None:
    found = []
    for name in names:
        segments = [f"The prompt went in. {before}{name} said so." for before in FULL_STOPS]
        segments += [f"The prompt went in {before}{name} Lee said so." for before in FULL_STOPS]
        found += differences(python, native, matcher, segments)
    assert found == []


def test_a_persons_name_elsewhere_on_the_page_is_read_alike(
    python: SenseJudge,
    native: SenseJudge,
    matcher: Matcher,
    dictionary: Dictionary,
    names: list[str],
) -> None:
    # A name shown to be a person's in one block (a surname, a relation, a team) weighs
    # against the same name in the page's other sentences, not in its own.
    introductions = ["Present: {} Okafor (chair), Ben Hart.", "My cousin {} came too.", ""]
    found = []
    for name in names:
        for introduction in introductions:
            segments = [
                introduction.format(name),
                f"The chatbot runs on a large language model; {name} said its answers were fine.",
                f"{name} from HR asked whether {name} 3 could read the invoices.",
                f"{name} checked the tokens, the prompt and the embeddings. {name} agreed.",
            ]
            found += differences(python, native, matcher, segments)
    assert found == []


def test_a_long_capitalised_word_at_the_window_edge_is_read_alike(
    python: SenseJudge, native: SenseJudge, matcher: Matcher
) -> None:
    """The quick look for a name reads 30 characters back: a capitalised word too long for
    C's list of words that start no name, or not all ASCII, still goes through the test of
    what comes before it, wherever the window cuts (hypothesis found "Call your agent
    SUGGESTStrainingsCrowdStrike Falcon", one shift from agreeing)."""
    found = []
    for word in ("SUGGESTStrainingsCrowdStrike", "Émile", "ÉmileZolaWroteItAllDown"):
        for shift in range(0, 36):
            segments = [f"Call {'x' * shift} agent {word} Falcon"]
            segments.append(f"Call {'x' * shift}. {word} Falcon")
            found += differences(python, native, matcher, segments)
    assert found == []


# What comes before a model's size, which C reads itself: a common word names a room or a
# class ("Class 3B"), a determiner or a preposition does not ("the 70B"); the word's run of
# letters, digits, dots, hyphens and apostrophes, on the size's line, within 40 characters.
BEFORE_SIZE = [
    "the ",
    "Class ",
    "flat ",
    "FLAT\t",
    "room\n",
    "room \n ",
    "co-op ",
    "-flat ",
    "'n' ",
    "it’s ",
    "Çlass ",
    "İnstance ",
    "class_ ",
    "...  ",
    "a" * 45 + " ",
    "with 3 ",
    "",
    "$",
    "v",
    "1.",
]


def test_a_model_size_is_read_alike(
    python: SenseJudge, native: SenseJudge, matcher: Matcher, dictionary: Dictionary
) -> None:
    forms = sorted({f for t in dictionary.terms.values() for f in t.ambiguous})[::4]
    found = []
    for before in BEFORE_SIZE:
        # The form after the sizes: a line break before one starts the form's sentence there.
        segments = [
            f"We ran it on {before}7B and {before}1.5B with {form} today." for form in forms
        ]
        found += differences(python, native, matcher, segments)
    assert found == []


# Characters that are not ASCII, around and inside a never idiom: C folds the window as
# re.IGNORECASE does ("K", the Kelvin sign, is "k"; "İ" is "i"; sre folds "ı" and "ſ" by
# hand) and takes any other letter as a letter, no idiom's.
def _not_ascii_around(phrase: str) -> list[str]:
    folded = [
        phrase.replace("s", "\u017f", 1),
        phrase.replace("k", "\u212a", 1),
        phrase.replace("i", "\u0131", 1),
        phrase.replace("i", "\u0130", 1),
        phrase.replace("a", "\u00e0", 1),
    ]
    return [
        f"“{phrase}” — as the café’s manager put it.",
        f"Naïve readers {phrase.replace(' ', ' très ', 1)} here.",
        f"Élan: {phrase.replace(' ', '—', 1)}, then 中文 {phrase}s.",
        *(f"We saw “{variant}” twice." for variant in folded if variant != phrase),
    ]


def test_a_never_idiom_among_characters_not_ascii_is_read_alike(
    python: SenseJudge, native: SenseJudge, matcher: Matcher, dictionary: Dictionary
) -> None:
    # An entry with a phrase not all ASCII ("Claude Lévi-Strauss") is left to Python's regex.
    ascii = sorted(
        {
            p
            for t in dictionary.terms.values()
            if all(map(str.isascii, t.cues.never))
            for p in t.cues.never
        }
    )
    others = sorted({p for t in dictionary.terms.values() for p in t.cues.never} - set(ascii))
    assert ascii and others
    callbacks = native.native.callbacks
    callbacks.counts.clear()
    callbacks.counting = True
    try:
        found = []
        for phrase in ascii:
            found += differences(python, native, matcher, _not_ascii_around(phrase))
    finally:
        callbacks.counting = False
    assert callbacks.counts.get("never", 0) == 0  # C read every window itself
    for phrase in others:
        found += differences(python, native, matcher, _not_ascii_around(phrase))
    assert found == []


# Cues against anywhere in a request are read from the shape of all its texts joined
# (`Request.everything`): when most of that is not ASCII, shaping takes its other path for
# every character, so the native judge must shape each text in the joined text's mode.
MOSTLY_NOT_ASCII = [
    "中文" * 60,
    "ΣΑΣ " * 40,
    "İstanbul " * 20 + "İ" * 40,
    "\u212a" * 50 + " Kelvin",
    "e\u0301" * 60,
    "😀 " * 80,
]


@pytest.mark.parametrize("mostly", MOSTLY_NOT_ASCII)
def test_a_request_mostly_not_ascii_is_shaped_as_one_text(
    python: SenseJudge, native: SenseJudge, matcher: Matcher, mostly: str
) -> None:
    sentences = _sentences()
    found = []
    for at in range(0, 400, 20):
        blocks = sentences[at : at + 6]
        for segments in (
            [mostly, *blocks],
            [*blocks, mostly],
            [mostly + " " + blocks[0], *blocks[1:]],
        ):
            found += differences(python, native, matcher, segments)
    assert found == []


def test_a_request_it_cannot_take_goes_to_python(
    python: SenseJudge, native: SenseJudge, dictionary: Dictionary
) -> None:
    """Offsets past the text (a client's own candidates): Python's slices clamp them, so the
    native judge hands the request back, and `judge` gives Python's verdicts."""
    segments = ["Our agent"]

    def odd() -> list[Candidate]:
        return [Candidate(0, 4, 40, "ai-agent", True)]

    assert not native.native.judge(segments, odd(), False, False)
    expected, actual = odd(), odd()
    python.judge(segments, expected, False)
    native.judge(segments, actual, False)
    assert [c.verdict for c in actual] == [c.verdict for c in expected]


def test_the_switch_forces_the_python_path() -> None:
    code = (
        "from ai_glossary.glossary.reader import BUNDLED, load_dictionary\n"
        "from ai_glossary.service.sense import SenseJudge\n"
        "print(SenseJudge(load_dictionary(BUNDLED)).native is None)\n"
    )
    env = {**os.environ, "AI_GLOSSARY_PURE_PYTHON": "1"}
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert run.stdout.strip() == "True", run.stderr
