"""Evidence that settles the matter alone: an idiom the entry says never means it ("pay
attention"), a name the occurrence is part of ("Meta AI", "Weights & Biases"), or a person's
name ("her husband Claude")."""

from __future__ import annotations

import re
from functools import cache

from ai_glossary.model.forms import key_of, plural_of
from ai_glossary.service.sense.entries import SIZE, Sense
from ai_glossary.service.sense.texts import Block, Request
from ai_glossary.service.sense.verdicts import NOTHING, Evidence, Found
from ai_glossary.service.sense.weights import JOINED_NAME, NAME, NEVER, PERSON

_WORD = re.compile(r"[^\W_]+")
_PREVIOUS_WORD = re.compile(r"([^\W_][\w.\-’']*)\s+$")
# A hyphen and a number right after an acronym: an identifier ("AI-2", "ML-104").
_IDENTIFIER = re.compile(r"-\d+\b")
# A capitalised word of two letters or more right after, on the same line.
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][a-z][\w’'-]*)")
# Units of size, which follow a number: "a single 24 GB GPU"; "a 4 KB chunk" is four
# kilobytes, never a knowledge base, however much AI is around it (native/decisive.c holds
# them too).
SIZE_UNITS = frozenset({"kb", "mb", "gb", "tb", "pb", "kib", "mib", "gib", "tib"})
# Words that start a phrase in title case without starting a name; and the adjectives of
# peoples and places, which English capitalises without making a name of what follows: "a
# European LLM", "Chinese AI labs", "a Welsh chatbot", "UK GDPR"; the ranks of job titles
# ("a Lead ML Engineer"); and units of size (native/decisive.c holds them too).
_NOT_NAMES = (
    frozenset(
        """the a an and or but in on at of for to by with from as is are was were be this that
    these those our your their its my his her we you they it i if when while after before new
    how what why where which who use using
    american british english scottish welsh irish french german dutch belgian spanish
    portuguese italian swiss austrian swedish norwegian danish finnish icelandic polish czech
    slovak hungarian romanian bulgarian greek turkish russian ukrainian european african
    asian chinese japanese korean indian pakistani thai vietnamese indonesian australian
    canadian mexican brazilian argentine israeli arab arabic saudi emirati egyptian nigerian
    kenyan nordic scandinavian western eastern northern southern uk eu us usa
    senior junior lead principal chief staff""".split()  # noqa: SIM905
    )
    | SIZE_UNITS
)
# Titles written with a full stop, which a name follows ("Dr. Claude Mensah", "St. Gemma's").
_TITLES = frozenset("mr mrs ms mx dr st prof rev fr sr jr mt gen col capt lt sgt hon".split())  # noqa: SIM905


def ends_a_sentence(word: str) -> bool:
    """Whether a word written with a full stop ends its sentence ("...into JSON. Prompt
    includes six examples"): not an initial ("J."), a dotted abbreviation ("U.S.") or a
    title ("Dr.")."""
    return (
        word.endswith(".")
        and "." not in word[:-1]
        and len(word) > 2
        and word[:-1].lower() not in _TITLES
    )


# A number and the spaces between it and the unit, right before it ("4 KB", "1.5\u00a0KB").
_NUMBER_BEFORE = re.compile(r"[\d.,]*\d[ \t\u00a0\u202f]*\Z")


def decisive(
    sense: Sense,
    request: Request,
    block: Block,
    segment: int,
    start: int,
    end: int,
    known_words: frozenset[str],
) -> Evidence | None:
    """Evidence that settles the matter alone: an idiom the entry excludes, or a name the
    occurrence is part of (unless the word before it is itself a term, or the word after it
    one the glossary uses: `known_words`)."""
    if sense.never and _may_hold(request, sense, block, segment):
        never = never_around(sense, block.text, block.shaped, start, end)
        if never is not None:
            return never
    identifier = identifier_at(block.text, start, end)
    if identifier is not None:
        return identifier
    unit = unit_after_a_number(block.text, start, end)
    if unit is not None:
        return unit
    letters = letters_after_a_name(block.text, start, end)
    if letters is not None:
        return letters
    if _may_be_a_name(block.text, start, end):
        name, name_start = _name_around(block.text, start, end)
        if name and not any(
            block.code_points(c)[0] <= name_start < block.code_points(c)[1]
            for c in block.candidates
        ):
            # One joined by an ampersand is certain; the capital before a form may be a
            # heading's or a label's ("Frozen LLM:"), which strong support can outweigh.
            return Evidence("name", name, JOINED_NAME if name_start < 0 else NAME)
    person = _person(sense, block.text, start, end)
    if person:
        return Evidence("person", person, PERSON)
    listed = _listed(sense, block.text, start, end)
    if listed:
        return Evidence("listed", listed, PERSON)
    if _speaking(sense, block.text, start, end):
        if request.conversation is None:
            request.conversation = in_conversation(request.segments, known_words)
        if request.conversation:
            speaker = f"{block.text[start:end]} (speaking in a conversation)"
            return Evidence("listed", speaker, PERSON)
    surname = _surname_after(block.text, start, end, known_words)
    if surname:
        return Evidence("surname", f"{block.text[start:end]} {surname}", NAME)
    return None


# The kinds of evidence that show a name to be a person's: the page's other occurrences of
# that name, in other sentences, are that person (judge._Weighing._a_persons_name).
PERSONS = frozenset({"person", "surname", "listed"})


def never_around(sense: Sense, text: str, shaped: str, start: int, end: int) -> Evidence | None:
    """A phrase the entry says never means it, around the occurrence (`shaped`: the text's
    shape, to look for the phrase's other words first)."""
    offset = max(0, start - 60)
    window = text[offset : end + 60]
    nearby = set(shaped[offset : end + 60].split())
    for phrase, words in sense.never:
        if words and words.isdisjoint(nearby):
            continue
        for found in _never_pattern(phrase).finditer(window):
            if found.start() <= start - offset and end - offset <= found.end():
                return Evidence("never", phrase, NEVER)
    return None


def identifier_at(text: str, start: int, end: int) -> Evidence | None:
    """An action item's or a ticket's number ("AI-2", "ML-104"), not the idea."""
    identifier = _IDENTIFIER.match(text, end)
    if identifier and text[start:end].isupper():
        return Evidence("identifier", text[start : identifier.end()], NAME)
    return None


def unit_after_a_number(text: str, start: int, end: int) -> Evidence | None:
    """A unit of size after a number ("a 4 KB chunk"), not the term its letters spell."""
    if text[start:end].lower() not in SIZE_UNITS:
        return None
    number = _NUMBER_BEFORE.search(text, max(0, start - 8), start)
    return Evidence("a unit after a number", text[number.start() : end], NEVER) if number else None


def _ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def letters_after_a_name(text: str, start: int, end: int) -> Evidence | None:
    """An acronym right after a person's full name and a comma, before a comma, a bracket, a
    line's or a sentence's end ("Legal adviser: Jasper Moran, LLM, a specialist in media
    law"): letters after a name say what the person holds, not the idea. Read a character at
    a time, in ASCII, as the native judgement reads it."""
    written = text[start:end]
    if not (2 <= len(written) <= 6 and written.isascii() and written.isalpha()):
        return None
    if not written.isupper() or not _AFTER_LETTERS.match(text, end):
        return None
    comma = start
    while comma > 0 and text[comma - 1] in " \t":
        comma -= 1
    if comma == start or comma == 0 or text[comma - 1] != ",":
        return None
    surname = comma - 1
    while surname > 0 and (_ascii_letter(text[surname - 1]) or text[surname - 1] in "'-"):
        surname -= 1
    last = text[surname : comma - 1]
    if len(last) < 2 or not ("A" <= last[0] <= "Z") or not any("a" <= c <= "z" for c in last):
        return None
    space = surname
    while space > 0 and text[space - 1] in " \t":
        space -= 1
    first = space
    while first > 0 and _ascii_letter(text[first - 1]):
        first -= 1
    given = text[first:space]
    if space == surname or len(given) < 2 or not ("A" <= given[0] <= "Z"):
        return None
    if not all("a" <= c <= "z" for c in given[1:]) or (first > 0 and text[first - 1] in "'-"):
        return None
    return Evidence("letters after a name", text[first:end], NEVER)


# After an acronym that follows a name: a comma, a semicolon, a bracket, a line's end, or a
# sentence's full stop.
_AFTER_LETTERS = re.compile(r"[,;)\n]|\.(?:[ \t\n]|\Z)|\Z")


# Words that say the name after them is a person's ("her husband Claude", "our apprentice
# Adam", "our intern Jasper", "by emailing Gemma": one is emailed or phoned, a product is
# asked), and the pronouns that say so after it ("Gemma herself").
_RELATIONS = (
    r"husband|wife|son|daughter|brother|sister|father|mother|dad|mum|mom|grandson|"
    r"granddaughter|grandfather|grandmother|grandad|grandma|uncle|aunt|nephew|niece|cousin|"
    r"partner|boyfriend|girlfriend|fianc[eé]e?|friend|neighbou?r|colleague|apprentice|intern|"
    r"trainee|auntie|aunty|nan|nana|gran|granny|grandpa|stepdad|stepmum|stepmom|stepson|"
    r"stepdaughter|godmother|godfather|godson|goddaughter|bestie|mate|"
    r"baby|twins?|brother-in-law|sister-in-law|son-in-law|daughter-in-law|"
    r"emailed|emailing|e-mailed|e-mailing|phoned|phoning|rang|ringing"
)
_RELATION = re.compile(rf"\b(?:{_RELATIONS})[ \t]+$", re.IGNORECASE)
# Where a match of _RELATION may start, at the earliest, before the blanks that end it
_LONGEST_RELATION = max(map(len, re.sub(r"\[[^]]*\]|\?", "x", _RELATIONS).split("|")))
# Any capitalised word is a person's or a pet's name after one of them, a word for a person
# or an animal, or one named ("we named ours Claude", "called him Jasper"; never "it"), and
# "called" or "named": "a horse called Grok", "a friend named Claude", "her boyfriend is
# called Claude".
_NAMED_ONES = r"him|her|ours|mine|yours|theirs"
_PEOPLE = (
    r"man|woman|boy|girl|guy|bloke|lad|lady|chap|fellow|dog|cat|puppy|"
    r"kitten|horse|pony|clerk|teacher|nurse|doctor|driver|coach|manager|officer|volunteer|"
    r"student|engineer|technician|receptionist|cleaner|caretaker|chef|vicar|farmer|builder|"
    r"plumber|electrician|postman|postwoman|pensioner|gardener|baker|butcher|widow|widower|"
    r"hamster|rabbit|parrot|budgie|tortoise|goldfish|snake|lizard|tarantula|ferret|goat|hen|"
    r"producer|presenter|reporter|director|librarian|analyst|consultant|researcher|vet|"
    r"dentist|accountant|lawyer|solicitor|architect|surveyor|tutor|lecturer|carer|mechanic|"
    r"labmate|flatmate|housemate|roommate|classmate|teammate|boss|supervisor|mentor|landlord|"
    r"landlady|tenant|reader|listener|human|person|moderator|owner|neighbour|neighbor|colleague|"
    r"viewer|caller"
)
_CALLED = re.compile(
    rf"\b(?:{_RELATIONS}|{_PEOPLE}|{_NAMED_ONES})[ \t]+(?:(?:is|was)[ \t]+)?(?:called|named)"
    r"[ \t]+$",
    re.IGNORECASE,
)
_NAMED_ONE = re.compile(rf"\b(?:called|named)[ \t]+(?:{_NAMED_ONES})[ \t]+$", re.IGNORECASE)
# Whose person or animal a name is, said right before it ("my dog Jasper", "our student
# volunteer, Adam"; one lower-case word between: "my AI coach Gemini" is a product), and a
# letter's greeting ("Dear Claude"). In the plural, with a comma ("our associate teachers,
# Jasper and Claude"): without one the name may be what they were given ("we gave our
# engineers Claude"). One of them, with a comma ("One reader, Adam from Bristol, sent us").
_OWNED = re.compile(
    r"\b(?:(?:[Mm]y|[Oo]ur|[Yy]our|[Hh]is|[Hh]er|[Tt]heir)[ \t]+(?:[a-z-]+[ \t]+)?"
    rf"(?:{_RELATIONS}|{_PEOPLE})(?:[ \t]*,?|e?s[ \t]*,)"
    r"|(?:[Oo]ne|[Aa]n?|[Aa]nother)[ \t]+(?:[a-z-]+[ \t]+)?"
    rf"(?:{_RELATIONS}|{_PEOPLE})[ \t]*,)[ \t]+$"
)
_DEAR = re.compile(r"\b[Dd]ear[ \t]+$")
# Who is asked for, at a desk or on the phone ("ask for Claude or Jasper in the income
# team"): a person; a product is asked, not asked for.
_ASKED_FOR = re.compile(r"\b(?:ask|asks|asked|asking)[ \t]+for[ \t]+$", re.IGNORECASE)
# A name joined to one before it ("my sister Gemma and Claude"): what was said before both.
_ANOTHER_AND = re.compile(r"[A-Z][a-z][\w'’-]*,?[ \t]+(?:or|and)[ \t]+$")
# A passive's doer ("drafted by Jasper in IT") or a sender ("a ticket from Claude in
# accounts"), who may be placed in a team as one who opens a sentence is.
_BY = re.compile(r"\b(?:by|from)[ \t]+$")
# A title before a name ("Mrs Gemma Okoro", "Dr. Adam Lee"): a person's.
_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lady|Lord)\.?[ \t]+$")
# Who a name is, said right after it ("Jasper the dog", "Claude, our head coach", "Gemma, my
# sister"): a person or an animal; a product is "Claude, the assistant".
_APPOSITION = re.compile(
    r",?[ \t]+(?:the|our|my|your|his|her|their)[ \t]+(?:[a-z]+[ \t]+){0,2}"
    rf"(?:{_RELATIONS}|{_PEOPLE}|blacksmith|fishmonger|client|customer|"
    r"treasurer|secretary|chair|chairman|chairwoman|captain)\b(?!['’])"
)
_SELF = re.compile(r"[ \t]+(?:himself|herself)\b", re.IGNORECASE)
# Who a name is, said after it with a person's pronoun ("joined by Claude, who is in the
# studio with his guide dog"): a product is "it".
_WHO = re.compile(r",[ \t]+who[ \t]+[^.;:!?\n]{0,60}?\b(?:he|his|him|she|her)\b")
# A person's family after the name ("Gemma's boyfriend", "Claude's mum"): no product has
# one ("Gemma's sister model" is a model).
_KIN = re.compile(
    r"['’]s[ \t]+(?:husband|wife|son|daughter|brother|sister|father|mother|dad|mum|mom"
    r"|grandson|granddaughter|grandfather|grandmother|grandad|grandma|uncle|aunt|nephew"
    r"|niece|cousin|boyfriend|girlfriend|fianc[eé]e?|kids|children|birthday|wedding|funeral"
    r"|retirement|(?:night[ \t]+|day[ \t]+|early[ \t]+|late[ \t]+)?shifts?)\b(?![ \t]+models?\b)",
    re.IGNORECASE,
)
# A role in brackets after a name, or after a name and a surname, as a list of those
# present or a chat's speaker gives it ("Jasper Lee (trainee)", "Gemma (chair)", "Gemma
# (metadata librarian):", "GEMMA (host):"), or the time a group chat's message was sent
# ("Claude (20:50): we use Gemini"): a person.
_ROLE = re.compile(
    r"(?:[ \t]+[A-Z][a-z][\w'’-]*)?[ \t]+\((?i:chair|chairman|chairwoman|chairperson"
    r"|vice[- ]chair|treasurer|secretary|clerk|minutes|trainee|intern|apprentice|student"
    r"|volunteer|governor|councillor|parent|guest|visitor|observer|head[ \t]+of[ \t]+[a-z ]+"
    r"|host|co-host|interviewer|interviewee|caller|moderator|panellist|pi"
    r"|deputy[ \t]+head|(?:[a-z-]+[ \t]+){0,2}(?:librarian|officer|manager|analyst|editor"
    r"|reporter|director|coordinator|administrator|consultant|researcher|nurse|teacher"
    r"|producer|presenter))\)"
    r"|[ \t]+\([0-9]{1,2}[:.][0-9]{2}(?:[ \t]*[ap]m)?\):"
)
# Where a person lives ("Adam next door", "Claude from over the road"): no product lives
# anywhere.
_LIVES = (
    r"next[ \t]+door|(?:down|across|over|up)[ \t]+the[ \t]+(?:road|street|lane)"
    r"|upstairs|downstairs"
)
# The team or the place a person comes from, after the name ("Gemma from HR wants us all to
# try Gemma 3", "Claude from next door", "Adam from the platform team", "Claude here from
# the support team"): a product comes from its maker, capitalised.
_FROM = re.compile(
    r"[ \t]+(?:here[ \t]+)?from[ \t]+(?:HR|IT|(?i:finance|accounts|accounting|payroll|legal"
    r"|marketing|sales|reception|admin|procurement|facilities|compliance|design|engineering|support|operations"
    r"|data[ \t]+science|analytics|security|product|ops|devops|customer[ \t]+service"
    rf"|{_LIVES}"
    r"|number[ \t]+[0-9]+"
    r"|(?:flat|room|house|apartment|ward|class|year|unit|block)[ \t]+[0-9]+[a-z]?"
    r"|(?:the[ \t]+)?(?:[a-z]+[ \t]+){1,4}(?:team|department|office|desk"
    r"|centre|center|shop|school|church|club|surgery|practice|council|pub|garage"
    r"|nursery|farm|clinic)))\b"
)
# The team a person works in, after a name that opens its sentence ("Adam in sales got...",
# "Claude in Finance has confirmed..."): a product is used in labs, in Outlook, in one
# evening, in Microsoft Office.
_IN = re.compile(
    r"[ \t]+in[ \t]+(?:HR|IT|(?i:finance|accounts|accounting|payroll|legal|marketing|sales"
    r"|reception|admin|procurement|facilities|compliance|dispatch|operations)"
    r"|(?:the|our|my|your)[ \t]+(?:[a-z]+[ \t]+)?(?:team|department|office|desk))\b"
)
# ... said right after the name too ("Adam next door reckons...").
_NEARBY = re.compile(rf"[ \t]+(?:{_LIVES})\b")
# Where a person is put on a rota ("Jasper and Claude on C shift", "Gemma on leave", "Claude
# on call"): no product takes a shift.
_ON_DUTY = re.compile(
    r"[ \t]+on[ \t]+(?:call\b|(?:(?:the|a|an|their|her|his)[ \t]+)?(?:[A-Za-z0-9-]+[ \t]+)?"
    r"(?:shifts?|rota|duty|leave|holiday|nights|lates|earlies)\b)"
)
# The people a name is joined to ("Gemma and the team will sort it out").
_AND_PEOPLE = re.compile(
    r",?[ \t]+and[ \t]+(?:the|her|his|their|our)[ \t]+(?:rest[ \t]+of[ \t]+the[ \t]+)?"
    r"(?:team|staff|crew|committee|volunteers|girls|boys|lads|kids|family)\b"
)
# Another name joined to it, for what follows both ("Claude or Gemma from our water quality
# team will ring you back").
_AND_ANOTHER = re.compile(r",?[ \t]+(?:or|and)[ \t]+[A-Z][a-z][\w'’-]*")
# Where a person belongs, after a name that opens its sentence ("Jasper from your class was
# the one who...", "Gemma from Mum's book club writes"): a product is called or used from
# somewhere ("call Claude from the browser"), not introduced so.
_FROM_GROUP = re.compile(
    r"[ \t]+from[ \t]+(?:the|your|my|our|his|her|their|[A-Z][a-z]+['’]s)[ \t]+[a-z]+\b"
)
# A line that lists people after its key ("Present: Priya (PI), Gemma, Jasper", "Minutes:
# Jasper.", "From: Claude Okeke"): each name of the list is a person's. The key is read in
# ASCII letters only, as the native judgement reads it.
_LIST_KEY = re.compile(r"[ \t]*([A-Za-z]+(?:[ \t]+[A-Za-z]+)?)[ \t]*:[ \t]*")
_LIST_KEYS = frozenset(
    (
        "present", "attendees", "attending", "in attendance", "also present", "apologies",
        "absent", "chair", "chaired by", "minutes", "minute taker", "note taker", "cast",
        "speakers", "panel", "panellists", "guests", "hosts", "judges", "from", "to", "cc",
    )
)  # fmt: skip
_LISTED_BEFORE = re.compile(
    r"(?:[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2}(?:[ \t]*\([^()\n]{0,60}\))?"
    r"[ \t]*(?:,|;|&|and)[ \t]*)*"
)


# A chat log's line: a time, a name, perhaps a role in brackets, and a colon ("09:12 Gemma:
# That's the fun of it!", "[9.05 pm] Jasper (organiser): names are drawn").
_STAMP = re.compile(r"[ \t]*\[?[0-9]{1,2}[:.][0-9]{2}(?:[ \t]*[ap]m)?\]?[ \t]+")
_SPEAKS = re.compile(r"(?:[ \t]+\([^()\n]{1,30}\))?:")


def _listed(sense: Sense, text: str, start: int, end: int) -> str:
    """A name in a line's list of people ("Present: Priya (PI), Gemma, Jasper") or a chat
    log's speaker after a time ("09:12 Gemma: ..."), which weighs more against the same name
    elsewhere on the page than a person's name does."""
    written = text[start:end]
    if not (sense.names and key_of(written) in sense.names):
        return ""
    line_start = text.rfind("\n", 0, start) + 1
    key = _LIST_KEY.match(text, line_start, start)
    if (
        key is not None
        and " ".join(key.group(1).lower().split()) in _LIST_KEYS
        and _LISTED_BEFORE.fullmatch(text, key.end(), start) is not None
    ):
        return f"{written} (in a list of people)"
    if _STAMP.fullmatch(text, line_start, start) and _SPEAKS.match(text, end):
        return f"{written} (speaking in a chat log)"
    return ""


# A speaker's name opening a line, perhaps with a role in brackets, and a colon ("Jasper:
# define small", "GEMMA: Welcome back", "Tom (dad):").
_SPEAKER = re.compile(r"^[ \t]*([A-Z][\w'’-]*)(?:[ \t]+\([^()\n]{1,30}\))?:", re.MULTILINE)
# Who, or what, opens a line of a chat with an AI, or a line of a page: none of them says
# that people are talking to each other.
_NOT_PEOPLE = frozenset(
    (
        "user", "users", "me", "you", "human", "assistant", "ai", "bot", "chatbot", "prompt",
        "response", "answer", "question", "q", "a", "system", "model", "input", "output",
        "reply", "customer", "client", "agent", "support", "note", "notes", "update", "step",
        "tip", "example", "result", "results", "summary", "source", "edit", "warning",
        "important", "verdict", "pros", "cons", "price", "date", "time", "subject", "re",
        "status", "owner", "action", "actions", "decision", "next",
    )
)  # fmt: skip


def _speaking(sense: Sense, text: str, start: int, end: int) -> bool:
    """Whether a name opens its line as a speaker (`_SPEAKER`)."""
    if not (sense.names and key_of(text[start:end]) in sense.names):
        return False
    found = _SPEAKER.match(text, text.rfind("\n", 0, start) + 1)
    return found is not None and found.span(1) == (start, end)


def in_conversation(segments: list[str], known_words: frozenset[str]) -> bool:
    """Whether people speak to each other in the text, line by line: a speaker opens at
    least two lines whose name is no word of the glossary's (a product's) and no role of a
    chat with an AI ("Me:", "User:") or of a page ("Note:", "Verdict:"). Then a glossary name
    speaking there is a person's ("Jasper: it hallucinated a zodiac symbol")."""
    lines: dict[str, int] = {}
    for text in segments:
        if ":" not in text:
            continue
        for found in _SPEAKER.finditer(text):
            key = key_of(found[1])
            if key not in known_words and key not in _NOT_PEOPLE:
                lines[key] = lines.get(key, 0) + 1
                if lines[key] >= 2:
                    return True
    return False


# What may come before a sentence's first word: quotes, brackets, a list's dash or bullet.
_OPENERS = " \t\"'“‘([-–—•*"


def _opens_a_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` is its sentence's or its line's first."""
    before = text[max(0, start - 40) : start].rstrip(_OPENERS)
    return before[-1] in ".!?:\n" if before else start <= 40


def _plural_of_a_name(sense: Sense, written: str) -> bool:
    """A name written in the plural ("Orcas off Mull", "the Falcons won"): animals, a team or
    the people so named; no glossary text writes a product's name so."""
    key = key_of(written)
    return (
        written[1:2].islower()
        and key.endswith("s")
        and (key[:-1] in sense.names or (key.endswith("es") and key[:-2] in sense.names))
    )


def _person(sense: Sense, text: str, start: int, end: int) -> str:
    """A name that is a person's: a relation word before it, a person or an animal someone
    has ("my dog Jasper"), a letter's "Dear", a title ("Mrs"), "ask for", or "himself"/
    "herself", the team or place they come from, work in or live at, their shift or leave,
    the people they are joined to ("Gemma and the team"), their family ("Gemma's boyfriend")
    or a role in brackets ("Jasper Lee (trainee)") after it, or after a name joined to it
    ("my sister Gemma and Claude", "Claude or Gemma from HR", "our teachers, Jasper and
    Claude"); a name written in the plural; or any capitalised form called so (`_CALLED`)."""
    written = text[start:end]
    before = text[max(0, start - 30) : start]
    if sense.names and key_of(written) in sense.names:
        relation = _said_before(before)
        if not relation and (another := _ANOTHER_AND.search(before)):
            other = start - len(before) + another.start()  # what was said before both
            relation = _said_before(text[max(0, other - 30) : other])
        if relation:
            return f"{relation.group(0).strip()} {written}"
        after = (
            _SELF.match(text, end)
            or _WHO.match(text, end)
            or _FROM.match(text, end)
            or _KIN.match(text, end)
            or _ROLE.match(text, end)
            or _APPOSITION.match(text, end)
            or _NEARBY.match(text, end)
            or _ON_DUTY.match(text, end)
            or _AND_PEOPLE.match(text, end)
        )
        if not after and (another := _AND_ANOTHER.match(text, end)):
            after = _FROM.match(text, another.end()) or _ON_DUTY.match(text, another.end())
        if not after and _opens_a_sentence(text, start):
            after = _IN.match(text, end) or _FROM_GROUP.match(text, end)
        elif not after and _BY.search(before):
            after = _IN.match(text, end)
        if after:
            return f"{written}{after.group(0)}"
    elif sense.names and _plural_of_a_name(sense, written):
        return f"{written} (a plural)"
    called = _called_before(before) if written[:1].isupper() else None
    return f"{called.group(0).strip()} {written}" if called else ""


def _called_before(before: str) -> re.Match[str] | None:
    """`_CALLED` or `_NAMED_ONE` at the end of `before`, searched only when its last word is
    one they end with: a search tries every position of the window with every alternative.
    With `_said_before`'s bound, this halved `_person` on the corpus's names (114 -> 56 us
    a name, medians of 9 interleaved rounds on a busy machine)."""
    last = before.rstrip(" \t\n")[-6:].lower()
    if not last.isascii():  # IGNORECASE folds "ſ" to "s" where lower() does not
        return _CALLED.search(before) or _NAMED_ONE.search(before)
    if last.endswith(("called", "named")):
        return _CALLED.search(before)
    if last.endswith(("him", "her", "ours", "mine", "yours", "theirs")):
        return _NAMED_ONE.search(before)
    return None


def _said_before(before: str) -> re.Match[str] | None:
    """A word right before a name that says it is a person's (`_person`)."""
    # _RELATION is searched from where its longest word may start, not from every position
    # of the 30 characters before (`_called_before`).
    relation_from = max(0, len(before.rstrip(" \t\n")) - _LONGEST_RELATION)
    return (
        _RELATION.search(before, relation_from)
        or _OWNED.search(before)
        or _DEAR.search(before)
        or _TITLE.search(before)
        or _ASKED_FOR.search(before)
    )


def _surname_after(text: str, start: int, end: int, known_words: frozenset[str]) -> str:
    """The capitalised word right after a form written as a first name ("our adviser, Claude
    Mensah", "Gemini North", "Claude Ferrand (partner) leads the team"): a person or another
    thing of that name. Not when the glossary uses that word ("the Gemma Instruct model",
    "Claude Sonnet"), after another capitalised word ("the LoRA Adapters Tutorial") or in a
    title-case heading, unless a comma follows the two ("Claude Okeke, 09:24" atop a chat
    message)."""
    form = text[start:end]
    if not (form[:1].isupper() and form[1:].islower()):
        return ""  # acronyms ("AI Act") and lower-case words are not first names
    following = _NEXT_WORD.match(text, end)
    if following is None:
        return ""
    word = following.group(1)
    if word.lower() in known_words or word.lower() in _NOT_NAMES:
        return ""
    if _title_case(text) and not text.startswith(",", following.end()):
        return ""  # a heading's capitals, not a name before a comma ("Claude Okeke, 09:24")
    previous = _PREVIOUS_WORD.search(text[max(0, start - 40) : start])
    if (
        previous is not None
        and previous.group(1)[:1].isupper()
        and not ends_a_sentence(previous.group(1))
    ):
        return ""  # inside a longer capitalised run ("the LoRA Adapters Tutorial")
    return word


def _may_hold(request: Request, sense: Sense, block: Block, segment: int) -> bool:
    """Whether the block holds any other word of the sense's `never` phrases (once a block)."""
    key = ("never", sense.slug, segment)
    found = request.memo.get(key)
    if found is None:
        holds = "*" in sense.never_words or block.all.words & sense.never_words
        found = request.memo[key] = Found(1.0, False, ()) if holds else NOTHING
    return found is not NOTHING


def _may_be_a_name(text: str, start: int, end: int) -> bool:
    """A quick look before the full one: a capital just before, or an ampersand after."""
    before = text[max(0, start - 30) : start].rstrip()
    cut = max(before.rfind(" "), before.rfind("\n"))
    word = before[cut + 1 :]
    if "&" in text[end : end + 3] or before.endswith("&"):
        return True
    if not word[:1].isupper() or word.lower() in _NOT_NAMES or ends_a_sentence(word):
        return False
    return not before.endswith(("'s", "’s")) and before[:cut].rstrip()[-1:] not in ".!?:"


# Marks that end a clause or open an aside: an idiom's words are never split by one ("the
# prompt, the reply" is no "prompt reply"), unless the phrase itself holds one ("Ministry of
# Education (MoE)", "YOLO, you only live once"). The C port tests the same ten (decisive.c).
CLAUSE_MARKS = ",.;:!?()[]"


def crosses_marks(phrase: str) -> bool:
    """Whether a never phrase's words may be split by `CLAUSE_MARKS`: it holds one itself."""
    return any(mark in phrase for mark in CLAUSE_MARKS)


def is_a_name(phrase: str) -> bool:
    """Whether a never phrase is a name ("Google AI", "Claude Monet"): every word of it
    starts with a capital or a digit. A name is matched as written, with no word between
    and no inflection: "Google's AI" and "scales with AI" are neither Google AI nor Scale AI."""
    return all(word[:1].isupper() or word[:1].isdigit() for word in _NAME_WORDS.findall(phrase))


_NAME_WORDS = re.compile(r"[^\W_]+")


# Words of a never phrase this short ("it", "a", "an", "on", "be") are words of grammar, which
# take no endings: "grok it" is not "Grok picks its sources", "on my CV" not "ones my CV".
SHORT_WORD = 2


def never_options(word: str) -> set[str]:
    """How a never phrase's word may be written, before any ending: itself and its plural,
    except a word of grammar (`SHORT_WORD`), which stands as it is."""
    plural = plural_of(word, False) if len(word) > SHORT_WORD else None
    return {word, plural or word}


@cache  # compiled when a block first holds one of its words: most never are
def _never_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase that never means the term, matched loosely: any case, any inflection of its
    words (-s, -es, -ed, -ing) but words of grammar, and one extra word between two of its
    words ("pay close attention"), within a clause (`CLAUSE_MARKS`); a name as written
    (`is_a_name`)."""
    name = is_a_name(phrase)
    parts = []
    for word in key_of(phrase).split():
        options = sorted(re.escape(option) for option in never_options(word))
        endings = not name and len(word) > SHORT_WORD
        parts.append(f"(?:{'|'.join(options)})" + ("(?:s|es|ed|d|ing)?" if endings else ""))
    between = r"[\W_]" if crosses_marks(phrase) else rf"(?:[^\w{re.escape(CLAUSE_MARKS)}]|_)"
    gap = f"{between}+" if name else rf"{between}+(?:[^\W_]+{between}+)?"
    return re.compile(r"(?<![^\W_])" + gap.join(parts) + r"(?![^\W_])", re.IGNORECASE)


# What ends a sentence or opens a quote or an aside: the capitalised word after it starts
# one, and is no name's first word.
_BEFORE_A_SENTENCE = (".", "!", "?", ":", ";", '"', "“", "(", "[")


def _name_around(text: str, start: int, end: int) -> tuple[str, int]:
    """The name an occurrence is part of, or "": a capitalised word right before it inside a
    sentence ("Meta AI", "Colorado AI Act"), or an ampersand joining it to a capitalised word
    ("Weights & Biases"). Headings in title case are not names."""
    before = text[max(0, start - 40) : start]
    previous = _PREVIOUS_WORD.search(before)
    # A name capitalises its words: a lower-case form after a capitalised word is a thing of
    # that kind ("the Task Planner agent"), not part of a name. After an acronym the glossary
    # does not know, it is a thing of another field ("the RDS encoder", "IPTV encoders").
    if previous is not None and text[start:end].islower() and not previous.group(1).isupper():
        previous = None
    if previous is not None:
        word = previous.group(1)
        prefix = before[: previous.start()].rstrip()
        sentence_start = (
            (not prefix and start < 40)
            or ends_a_sentence(word)
            or prefix[-1:] in _BEFORE_A_SENTENCE
        )
        # Only stars, bullets, dashes or figures before it on its line: a review's rating, a
        # list's mark ("★★★★☆ Lovely AI app", "- Smart AI replies", "5/5 Great AI tool").
        line = _line_before(text, start - len(before) + previous.start(1))
        sentence_start = sentence_start or not _has_a_letter(line)
        if (
            word[:1].isupper()
            and word.lower() not in _NOT_NAMES
            and not sentence_start
            and not word.endswith(("'s", "’s"))
            and not _title_case(text)
            and not _capitalised_plural(text[start:end])
        ):
            return f"{word} {text[start:end]}", start - len(before) + previous.start(1)
    after = text[end : end + 4]
    form = text[start:end]
    # An acronym joined by a spaced ampersand is a list ("RAG & Memory", "AI & Ethics"),
    # not a name: names that join acronyms close up ("AT&T", "S&P").
    spaced = form.isupper() and (after.startswith(" &") or before.endswith("& "))
    if not spaced and (re.match(r"\s*&\s*[A-Z]", after) or re.search(r"[A-Z]\w*\s*&\s*$", before)):
        return f"{form} &", -1
    return "", -1


def _line_before(text: str, at: int) -> str:
    """The text before `at` on its line."""
    return text[text.rfind("\n", 0, at) + 1 : at]


def _has_a_letter(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def in_a_longer_name(
    text: str, start: int, known_words: frozenset[str], everyday: frozenset[str]
) -> bool:
    """Whether a capitalised word comes right before the form on its line that is neither a
    word the glossary uses ("Google Gemini") nor an everyday one ("Try Gemini"): "Crown
    Gemini 7" is a pub team's score, not a product's version."""
    previous = _PREVIOUS_WORD.search(text[max(0, start - 40) : start])
    if previous is None or "\n" in previous.group(0):
        return False
    word = previous.group(1)
    lower = word.lower()
    return (
        word[:1].isupper()
        and not ends_a_sentence(word)
        and lower not in known_words
        and lower not in _NOT_NAMES
        and lower not in everyday
    )


# Words that may come right before a model's size ("the 70B model", "into a 3B one").
_DETERMINERS_AND_PREPOSITIONS = (
    "a an the our my your their its his her this that these those into to of from with and or"
    " than vs versus at on in for by about as like per each every both all only just new"
)
_BEFORE_A_SIZE = frozenset(_DETERMINERS_AND_PREPOSITIONS.split())


def model_size_in(text: str, start: int, end: int, common: frozenset[str]) -> str:
    """A model's size in parameters in text[start:end] (`entries.SIZE`: "the 70B model",
    "Falcon 40B"), or "": not one that a common word (`weights.NAMES_A_PLACE_ZIPF`) other
    than a determiner or a preposition comes right before on its line, which names a room,
    a class or a seat ("Class 3B", "flat 7B")."""
    for size in SIZE.finditer(text, start, end):
        previous = _PREVIOUS_WORD.search(text[max(0, size.start() - 40) : size.start()])
        if previous is not None and "\n" not in previous.group(0):
            word = previous.group(1).lower()
            if word in common and word not in _BEFORE_A_SIZE:
                continue
        return size.group()
    return ""


def _capitalised_plural(form: str) -> bool:
    """A capitalised plural ("A100 GPUs", "Turing GPUs", "Function Agents"): things of the kind
    the word before names, not one name. Not a singular in -s ("Bias")."""
    return (
        len(form) > 2
        and form[0].isupper()
        and form[-1] == "s"
        and (form[-2].isupper() or form[-2] not in "suia")
    )


def _title_case(text: str) -> bool:
    """Most words capitalised: a heading or a title, whose capitals say nothing of names."""
    # Headings and titles end without a full stop (a question mark, sometimes): one that ends
    # with it is prose, however many names it holds ("2nd Finn Doyle and Silver Copilot.").
    if text.rstrip().endswith("."):
        return False
    # The first word is capitalised in any sentence: "Manage entities in Vertex AI" is none.
    long_words = [w for w in _WORD.findall(text[:400])[1:] if len(w) > 3]
    if not long_words:
        return True
    capitals = sum(1 for w in long_words if w[:1].isupper())
    return capitals / len(long_words) > 0.6
