"""What the judgement knows of an entry: its own words (a Lesk signature) with their rarity
in everyday English, its `[context]` cues and its related terms."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType

from wordfreq import get_frequency_dict, get_frequency_list, iter_wordlist, zipf_frequency

from ai_glossary.model import Term
from ai_glossary.model.forms import key_of, plural_of, plurals_of, surface_forms, variants
from ai_glossary.service.sense.weights import COMMON_ZIPF, UNUSUAL, ZIPF_SPREAD

# A version number right after a name: "Claude 3", "Llama 3.1", "Whisper v3"; or a model's
# size in parameters, which names a model as well as a version does: "Gemma 7B", "Falcon
# 180B", "Qwen 72b", "GPT-2 124M". A bare number of two digits or more is no version: model
# lines count their versions on one hand, and "Gemini 48 units" or "a Falcon 50" are
# another maker's model numbers.
VERSION = re.compile(r"[ \t]+(?:v\d+(?:\.\d+)*|\d+(?:\.\d+)*[BbM]|\d+(?:\.\d+)+|\d)\b")
# A model's size in parameters anywhere in a sentence: "we distilled the 70B model into a 3B
# one", "Falcon 40B", "a 1.5B student". A capital B only, never after a currency sign
# ("$70B"), and in text about other things rare (3 of 1,380 evaluation pages hold one).
SIZE = re.compile(r"(?<![\w$€£.])[0-9]+(?:\.[0-9]+)?B(?!\w)")
# A number right after a setting's name: "temperature 0.7", "temperature=0", "temperature
# down to 0.2", "temperature was 0", "dropout of 0.1", "temperature zero", "1,200"; not a
# version ("12.5.1") or a decimal comma ("0,7").
NUMBER_AFTER = re.compile(
    r"(?:[ \t]*[=:][ \t]*|[ \t]+(?:(?:set|down|up|back)[ \t]+)?(?:to|of|at|from)[ \t]+"
    r"|[ \t]+(?:is|was|stays|stayed|kept|fixed|pinned|locked)"
    r"(?:[ \t]+(?:set[ \t]+)?(?:to|at))?[ \t]+"
    r"|[ \t]+)"
    r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|zero)\b(?![.,]\d)",
    re.IGNORECASE,
)
# After it, or after the other end of a range ("2 to 8°C"): a unit of measurement, which makes
# it a measurement ("a temperature of 2 °C", "21C", "1.5 degrees", "a dropout of 0.3 V"), or
# a share or a ratio, which says nothing either way ("1.5 times the norm", "a dropout of 20%",
# "20 per cent").
_RANGE = r"[ \t]*(?:(?:to|and|-|–)[ \t]*\d+(?:\.\d+)?[ \t]*)?"
MEASURED = re.compile(
    _RANGE + r"(?:°|º|degrees?\b|deg\b|celsius\b|fahrenheit\b|kelvin\b"
    r"|(?-i:[µnmkMG]?(?:V|A|W|Hz|s|m|g|L|K|C|F|Pa|bar)\b))",
    re.IGNORECASE,
)
RATIO = re.compile(_RANGE + r"(?:%|‰|per[ \t]?cent\b|times\b|x\b)", re.IGNORECASE)

# An assistant's name greeted, asked or talked to ("Hey Gemini,", "asked Grok", "running it
# through Whisper", "arguing with Gemini"; "calling Gemini" but not "called", which names a
# badger or a boat; "talking to Gemini", not "to a Gemini", the star sign; "powered by
# Gemini", "minutes produced by Copilot", "runs Whisper locally"), right before it; or,
# right after it, the name that says, answers, finds, writes, rates or calls something
# ("Gemini says", "Perplexity found", "Llama's answer", "Grok just told me", "Grok called my
# team mid"), or powers something ("a Gemini-powered assistant"). A star sign, a wind or an
# animal does none of these (`SenseCues.answers`).
ASKED = re.compile(
    r"\b(?:hey|hi|ok|okay|ask|asks|asked|asking|use|uses|used|using|try|tried|trying"
    r"|tell|tells|told|telling|calling|via|through|into"
    r"|(?:powered|generated|produced|drafted|written|transcribed|translated|summari[sz]ed)[ \t]+by"
    r"|(?:run|runs|running|ran)(?:[ \t]+(?:by|on))?"
    r"|(?:argue|argues|argued|arguing|chat|chats|chatted|chatting)[ \t]+with"
    r"|(?:talk|talks|talked|talking)[ \t]+to)[ \t]*,?[ \t]+$",
    re.IGNORECASE,
)
# What an assistant does with words, said right after its name ("Gemini says") or of "it"
# later in its sentence (`IT_ANSWERS`).
_SAYS = (
    r"says|said|tells|told|answers|answered|replies|replied|explains|explained|suggests"
    r"|suggested|recommends|recommended|reckons|claims|claimed|insists|insisted|writes|wrote"
    r"|thinks|invents|invented|makes[ \t]+up|made[ \t]+up|refuses|refused|apologi[sz]es"
    r"|apologi[sz]ed|hallucinates|hallucinated|gives|gave|translates|translated"
    r"|summari[sz]es|summari[sz]ed|drafts|drafted|generates|generated|planned"
)
ANSWERING = re.compile(
    r"[-‐‑][ \t]*powered\b"
    r"|(?:'s|’s)?[ \t]+(?:(?:just|still|also|even|literally|actually|apparently|confidently"
    r"|then|now|never|always|kindly|politely|once)[ \t]+)?"
    rf"(?:{_SAYS}|reckoned|warns|warned|guesses|guessed|declines|declined|finds|found"
    r"|misreads|misread|mishears|misheard|transcribes|transcribed|answer|reply|response"
    r"|responses|suggestion|suggestions|summary|translation|transcript|rated|rates|called"
    r"|calls|roasted|roasts|ranked|ranks|reads|read|handles|handled|rewrites|rewrote)\b",
    re.IGNORECASE,
)


# A name that its sentence goes on to call "it" as it says, writes or suggests something
# ("asked Claude for one pun and it wrote an essay", "showed my photo to Gemini first and it
# spotted the glare"): a person is he, she or they, never "it" (`SenseCues.product`).
IT_ANSWERS = re.compile(
    r"[^.!?;\n]{0,60}?(?:\b(?:and|but|so|then)|[,;:])[ \t]+it[ \t]+"
    r"(?:(?:still|just|even|also|then|now|only|politely|kindly|confidently|happily"
    r"|helpfully)[ \t]+)?"
    rf"(?:{_SAYS}|spotted|listed|forgot|produced|produces|came[ \t]+up|comes[ \t]+up)\b"
)
# A product's name right before what one buys or runs of it ("our Claude licence", "the
# Llama licence", "your Claude usage limits"): nobody writes a person's first name so. Only
# nouns that are never verbs: "Claude seats" is bought, but "Claude answers", "Gemma bills"
# and "did Claude draft it?" are a person's doing.
BOUGHT_OR_RUN = re.compile(
    r"[ \t]+(?:licen[cs]es?|subscriptions?|seats?|tiers?|quota|usage|outage|pilot|rollout"
    r"|login|account|workspaces?|connectors?|integrations?|plug-?ins?|extensions?|desktop"
    r"|sidebar|side[ \t]+panel|chatbot|bot|assistant|settings|api|API|conversations|responses"
    r"|summaries|outputs)\b"
)


def used_as_a_product(text: str, start: int, end: int, bought: bool) -> bool:
    """Whether the name at `start:end` is called "it" as it answers (`IT_ANSWERS`), or, where
    `bought`, comes right before what one buys or runs of a product (`BOUGHT_OR_RUN`)."""
    return bool(IT_ANSWERS.match(text, end) or (bought and BOUGHT_OR_RUN.match(text, end)))


def asked_or_answering(text: str, start: int, end: int) -> bool:
    """Whether the name at `start:end` is greeted or asked, or says or answers (`ASKED`,
    `ANSWERING`)."""
    return bool(ASKED.search(text, max(0, start - 20), start) or ANSWERING.match(text, end))


def phrase_around(phrases: tuple[str, ...], text: str, start: int, end: int) -> str:
    """The first of `phrases` (`Cues.phrases`) that holds the occurrence at `start:end` as
    one of its words, written around it ("and it hallucinated a study"), or ""."""
    own = f" {key_of(text[start:end])} "
    held = [phrase for phrase in phrases if own in phrase and phrase != own]
    if not held:
        return ""
    before = key_of(text[max(0, start - 200) : start]).split()
    after = key_of(text[end : end + 200]).split()
    for phrase in held:
        reach = len(phrase.split()) - 1
        window = [*before[len(before) - reach :], own.strip(), *after[:reach]]
        if phrase in f" {' '.join(window)} ":
            return phrase.strip()
    return ""


def value_after(text: str, end: int, values: tuple[float, float]) -> int:
    """1 where a value in the range of a setting's values follows `end` ("temperature 0.7"),
    -1 where a measurement does, a number with a unit or outside that range ("a temperature
    of 38.5", "kiln temperature 1,200°C"), else 0 (`NUMBER_AFTER`)."""
    found = NUMBER_AFTER.match(text, end)
    if found is None or RATIO.match(text, found.end()):
        return 0
    if MEASURED.match(text, found.end()):
        return -1
    number = found.group(1)
    value = 0.0 if number.lower() == "zero" else float(number.replace(",", ""))
    low, high = values
    return 1 if low <= value <= high else -1


@cache
def rarity(word: str) -> float:
    """0 for everyday words ("people"), up to 1 for words everyday English hardly uses."""
    if word.isdigit() or (len(word) < 3 and word.isalpha()):
        return 0.0  # "40", "of": nothing; but "o3" and "4o" are names
    zipf = zipf_frequency(word, "en", wordlist="large")
    return max(0.0, min(1.0, (COMMON_ZIPF - zipf) / ZIPF_SPREAD))


# A capital after lower-case letters inside a word ("MoE", "LoRA", "DeepSeek") is how jargon
# and brands are written, not everyday words: such a form vouches for others as a rare one.
_MIXED_CASE = re.compile(r"\b[A-Z][a-z]+[A-Z]\w*")


def written_rarity(unusual: Mapping[str, float], written: str) -> float:
    """How unusual a form is, as written: its rarest word (`unusual`: by word of the
    ambiguous forms), or at least `UNUSUAL` when its case is a brand's or jargon's."""
    words = key_of(written).split()
    found = max((unusual.get(word, 0.0) for word in words), default=0.0)
    if _MIXED_CASE.search(written):
        found = max(found, UNUSUAL)
    return found


@dataclass(frozen=True, slots=True)
class Cues:
    words: frozenset[str]  # with their inflections
    phrases: tuple[str, ...]  # padded keys: " pay attention "
    # Each phrase's words: a text lacking any of them is not searched for the phrase.
    # bench/sense.py: checking first words took the judgement from 240 to 207 ms per corpus;
    # checking every word, with the two memos in `texts.Request`, from about 12.1 to 10.5
    # times the annotate core without it.
    needs: tuple[frozenset[str], ...]

    @classmethod
    def of(cls, cues: Iterable[str]) -> Cues:
        keys = {key_of(cue) for cue in cues} - {""}
        words = {variant for key in keys if " " not in key for variant in variants(key)}
        # A phrase also holds with its last word in the plural: "gradient norms" is a
        # "gradient norm" cue.
        phrases_of = {k for k in keys if " " in k}
        plurals = {plural_of(k, False) for k in phrases_of if not k.endswith("s")}
        phrases_of |= {k for k in plurals if k is not None}
        phrases = tuple(sorted(f" {k} " for k in phrases_of))
        needs = tuple(frozenset(phrase.split()) for phrase in phrases)
        return cls(frozenset(words), phrases, needs)

    @property
    def phrase_words(self) -> frozenset[str]:
        return frozenset().union(*self.needs)

    def found(self, words: frozenset[str], padded: str) -> list[str]:
        hits = sorted(self.words & words)
        hits += [
            phrase.strip()
            for phrase, needed in zip(self.phrases, self.needs, strict=True)
            if needed <= words and phrase in padded
        ]
        return hits


@dataclass(frozen=True, slots=True)
class Sense:
    """What is known about one term with ambiguous forms."""

    slug: str
    own_words: Mapping[str, float]  # word (and inflections) -> rarity, from the entry's text
    related: frozenset[str]
    for_ai: Cues
    against: Cues
    never: tuple[tuple[str, frozenset[str]], ...]  # (phrase, its other words: looked for first)
    never_words: frozenset[str]  # the other words of those phrases, to look for first
    prior: float
    # Words of its own forms (with inflections): as cues they count only outside its
    # occurrences ("linear" in "linear regression" says nothing of that regression).
    form_words: frozenset[str] = frozenset()
    borrowed: bool = False  # from another field: its fellows do not vouch for it
    # Forms that are proper names (keys): the entry's own text always capitalises them.
    names: frozenset[str] = frozenset()
    # Even in AI writing its forms mostly mean something else: only related terms vouch.
    narrow: bool = False
    # Names of a product line (keys): the entry's own text writes them with a version
    # number after them ("Claude 3", "Llama 3.1").
    versioned: frozenset[str] = frozenset()
    # The range of a setting's values: such a number right after a form is the AI sense.
    values: tuple[float, float] | None = None
    # Terms that hold it up in a short sentence (the pair rule): its related terms, and
    # those whose ambiguous forms it or they list as `for` cues (`paired_both_ways`).
    paired: frozenset[str] = frozenset()
    # Its names in lower case are never it, not merely unlikely to be (`SenseCues.capital`).
    capital: bool = False
    # Its AI sense alone is asked things and answers (`SenseCues.answers`).
    answers: bool = False
    # Its AI sense is a product people use and buy (`SenseCues.product`).
    product: bool = False
    # Forms (keys, with their plurals) whose own prior differs from the entry's, by how much
    # (`SenseCues.form_priors`): added to an occurrence's score where it is written so.
    form_priors: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))


def answers_as_ai(sense: Sense, text: str, start: int, end: int) -> str:
    """Why the name at `start:end` is the AI sense, if it is: greeted, asked or answering,
    for an entry that `answers` (`asked_or_answering`), or used as a product, for one that
    answers or is a `product` (`used_as_a_product`); else ""."""
    if sense.answers and asked_or_answering(text, start, end):
        return "greeted, asked or answering"
    if (sense.answers or sense.product) and used_as_a_product(text, start, end, sense.product):
        return "used as a product"
    return ""


def _own_text(term: Term) -> str:
    """The entry's words that say what the idea is: not its business example or roles, whose
    settings (a hospital, an insurer) belong to other fields."""
    return " ".join(
        (term.term, *term.aliases, term.definition, term.plain_english, *term.full_picture)
    )


def sense_of(
    term: Term, related: frozenset[str], paired: frozenset[str], ambiguous: set[str]
) -> Sense:
    """What the judgement needs of an entry: its own words (its text and `for` cues, a Lesk
    signature) with their rarity in everyday English, and its cues. Its related terms count
    when they are found nearby, as terms."""
    left_out = {
        variant
        for text in (*term.forms, *term.cues.against)
        for word in key_of(text).split()
        for variant in variants(word)
    }
    own: dict[str, float] = {}
    for word in key_of(" ".join((_own_text(term), *term.cues.for_ai))).split():
        weight = rarity(word)
        if weight > 0 and word not in left_out:
            for variant in variants(word) - left_out:
                own[variant] = max(own.get(variant, 0.0), weight)
    form_words = {word for form in term.forms for word in key_of(form).split()}
    never: list[tuple[str, frozenset[str]]] = []
    for phrase in term.cues.never:
        others = [word for word in key_of(phrase).split() if word not in form_words]
        # A phrase made only of the forms' words ("digital assistant") is always looked for.
        never.append((phrase, frozenset(v for word in others for v in variants(word))))
    never_words = {w for _, words in never for w in words} | {"*" for _, w in never if not w}
    return Sense(
        term.slug,
        own,
        related,
        Cues.of(cue for cue in term.cues.for_ai if key_of(cue) not in ambiguous),
        Cues.of(term.cues.against),
        tuple(never),
        frozenset(never_words),
        term.cues.prior,
        frozenset(v for word in form_words for v in variants(word)),
        term.cues.borrowed,
        _proper_names(term),
        term.cues.narrow,
        _versioned(term),
        term.cues.values,
        paired,
        term.cues.capital,
        term.cues.answers,
        term.cues.product,
        _form_priors(term),
    )


def _form_priors(term: Term) -> Mapping[str, float]:
    """Each form with a prior of its own, and its plurals, by key: that prior less the
    entry's ("CV", "CVs": 0.4 - 1.0)."""
    sensitive = {s.form: s.case_sensitive for s in surface_forms(term) if not s.generated}
    return MappingProxyType(
        {
            key_of(written): prior - term.cues.prior
            for form, prior in term.cues.form_priors.items()
            if prior != term.cues.prior
            for written in (form, *plurals_of(form, sensitive.get(form, False)))
        }
    )


def _versioned(term: Term) -> frozenset[str]:
    """The capitalised ambiguous forms that the entry's own text writes followed by a version
    number: names of a product line ("Claude 3", "Gemini 1.5", "Llama 3.1")."""
    text = " ".join((term.definition, term.plain_english, *term.full_picture))
    text = " ".join((text, term.business_example, *(f"{q.q} {q.a}" for q in term.faq)))
    return frozenset(
        key_of(form)
        for form in term.ambiguous
        if form[:1].isupper() and re.search(rf"\b{re.escape(form)}{VERSION.pattern}", text)
    )


def _proper_names(term: Term) -> frozenset[str]:
    """The ambiguous forms that are names: capitalised words ("Claude", "Cursor") that the
    entry's own text writes with their capital wherever they follow a lower-case word, and
    never without it. The same word in lower case is the everyday one ("the cursor")."""
    text = " ".join(
        (term.definition, term.plain_english, *term.full_picture, term.business_example)
    )
    names = set()
    for form in term.ambiguous:
        if not (form[:1].isupper() and form[1:2].islower()):
            continue  # lower-case words and acronyms
        # A file or project named after it ("whisper.cpp", "llama.cpp") is no use of it.
        after = r"(?![\w-]|\.\w)"
        inside = re.findall(rf"(?<=[a-z,;] )({re.escape(form)}){after}", text, re.IGNORECASE)
        if inside and all(found[:1].isupper() for found in inside):
            names.add(key_of(form))
    return frozenset(names)


def related_both_ways(terms: list[Term]) -> dict[str, frozenset[str]]:
    related: dict[str, set[str]] = {}
    for term in terms:
        for slug in term.related:
            related.setdefault(term.slug, set()).add(slug)
            related.setdefault(slug, set()).add(term.slug)
    return {slug: frozenset(slugs) for slug, slugs in related.items()}


def paired_both_ways(
    terms: list[Term], related: Mapping[str, frozenset[str]]
) -> dict[str, frozenset[str]]:
    """Related terms, the terms whose ambiguous forms an entry lists as `for` cues, both
    ways, and two entries whose own texts each use an ambiguous form of the other. Such a cue
    never counts as a cue word (it is judged itself where it is matched), so the author's word
    that the two go together holds in the pair rule instead: "epoch" lists "loss", and "The
    loss flattened after epoch three" holds both up. Entries that each explain themselves
    with the other's word go together as surely ("gradient" and "Adam", "dataset" and "test
    set"): tuned sentences +2 found, frozen +8, nothing else moved (used one way only, 1,248
    pairs rather than 23: pages about other things +8 wrong marks on each half)."""
    owners: dict[str, set[str]] = {}
    for term in terms:
        for form in term.ambiguous:
            for variant in variants(key_of(form)):
                owners.setdefault(variant, set()).add(term.slug)
    paired = {slug: set(slugs) for slug, slugs in related.items()}
    for term in terms:
        for cue in term.cues.for_ai:
            for other in owners.get(key_of(cue), set()) - {term.slug}:
                paired.setdefault(term.slug, set()).add(other)
                paired.setdefault(other, set()).add(term.slug)
    mentions = _mentions(terms, owners)
    for slug, others in mentions.items():
        for other in others:
            if slug in mentions.get(other, ()):
                paired.setdefault(slug, set()).add(other)
    return {slug: frozenset(slugs) for slug, slugs in paired.items()}


def _mentions(terms: list[Term], owners: Mapping[str, set[str]]) -> dict[str, set[str]]:
    """The other entries whose ambiguous forms each entry's own text uses (`_own_text`)."""
    longest: dict[str, int] = {}  # by a form's first word, its most words
    for form in owners:
        first, *rest = form.split()
        longest[first] = max(longest.get(first, 0), len(rest) + 1)
    mentions: dict[str, set[str]] = {}
    for term in terms:
        if not term.ambiguous:
            continue
        words = key_of(_own_text(term)).split()
        found: set[str] = set()
        for at, word in enumerate(words):
            for size in range(1, longest.get(word, 0) + 1):
                found |= owners.get(" ".join(words[at : at + size]), set())
        mentions[term.slug] = found - {term.slug}
    return mentions


def everyday_words(zipf: float = COMMON_ZIPF) -> frozenset[str]:
    """The words everyday English uses most (Zipf `COMMON_ZIPF` and above: "try", "use",
    "red"; some 1,700), for checks made while judging, after the word list is let go."""
    words = []
    for word in iter_wordlist("en", wordlist="large"):
        if zipf_frequency(word, "en", wordlist="large") < zipf:
            break
        words.append(word)
    return frozenset(words)


def release_word_frequencies() -> None:
    """wordfreq keeps its whole word list in memory (some 25 MB) once read: every rarity the
    judgement needs has been worked out, so let it go."""
    for cached in (get_frequency_dict, get_frequency_list):
        cached.cache_clear()
