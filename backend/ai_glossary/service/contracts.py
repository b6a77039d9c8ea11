"""The bodies of the /v1 API, declared once as types.

The web layer decodes requests with them (strict: unknown fields and wrong types are refused,
with the path of the fault such as `$.segments[1]`), `/openapi.json` is generated from them, and
the tests decode every reply with them. The core builds its replies as plain dicts, encoded
once with orjson; these types are their contract.
"""

from __future__ import annotations

from typing import Annotated, Literal

from msgspec import Meta, Struct

Text = Annotated[str, Meta(description="Text as the reader sees it.")]
Slug = Annotated[str, Meta(description="A term's id: lower-case letters, digits and hyphens.")]
Count = Annotated[int, Meta(description="A count.", ge=0)]


class AnnotateOptions(Struct, forbid_unknown_fields=True, omit_defaults=True, kw_only=True):
    """How to mark the segments."""

    first_only: Annotated[
        bool,
        Meta(
            description="Mark only the first occurrence of each term across the request's segments."
        ),
    ] = False
    page_is_ai: Annotated[
        bool,
        Meta(
            description="The client's word that earlier parts of the same page were about AI. It "
            "is one "
            "piece of evidence, weighed with the rest, for words that also have an everyday "
            "sense; it never marks such a word by itself."
        ),
    ] = False
    explain: Annotated[
        bool,
        Meta(
            description="Add an `explanations` list: for each occurrence of a word with another "
            "sense, the "
            "evidence, the score and whether it was kept. For dictionary authors; off by default."
        ),
    ] = False
    cards: Annotated[
        bool,
        Meta(
            description="Send the card of every term in `matches` under `terms` (the default). "
            "False: `terms` is empty, for a client that keeps cards by dictionary version and "
            "asks `GET /v1/cards` for the ones it lacks."
        ),
    ] = True


class AnnotateRequest(Struct, forbid_unknown_fields=True, kw_only=True):
    """Text segments to mark: a page's blocks, in reading order."""

    segments: Annotated[
        list[str],
        Meta(
            description="The texts to search, each a block of a page (a paragraph, a heading, a "
            "list "
            "item), in reading order: neighbouring segments are context for each other."
        ),
    ]
    options: Annotated[
        AnnotateOptions | None, Meta(description="How to mark them; absent or null: the defaults.")
    ] = None
    glossaries: Annotated[
        list[str] | None,
        Meta(
            description="Ids of the glossaries to use, from /v1/glossaries; absent or null: all "
            "of them."
        ),
    ] = None


class DictionaryRef(Struct):
    """Which dictionary answered."""

    id: Annotated[str, Meta(description="The id of the glossaries used, joined by '+'.")]
    version: Annotated[str, Meta(description="Changes whenever any of their files does.")]


class PageContext(Struct):
    """What the server concluded about the request as a whole."""

    page_is_ai: Annotated[
        bool,
        Meta(
            description="Whether the segments hold confident evidence of being about AI; a "
            "client may send "
            "it back as `options.page_is_ai` with the next part of the same page."
        ),
    ]


class Mark(Struct):
    """One marked occurrence of a term."""

    segment: Annotated[int, Meta(description="Index of the segment in the request.", ge=0)]
    start: Annotated[int, Meta(description="Start offset in UTF-16 code units.", ge=0)]
    end: Annotated[int, Meta(description="End offset in UTF-16 code units, exclusive.", ge=1)]
    term: Annotated[Slug, Meta(description="Slug of the term; its card is in `terms`.")]


class CardTool(Struct):
    """A tool that uses the idea."""

    name: Annotated[str, Meta(description="The tool's name.")]
    url: Annotated[str, Meta(description="Its official address.", pattern="^https?://")]


class Origin(Struct):
    """The glossary an entry comes from."""

    id: Annotated[str, Meta(description="The glossary's id.")]
    name: Annotated[str, Meta(description="The glossary's display name.")]


class Card(Struct, omit_defaults=True):
    """What a hover card shows."""

    term: Annotated[str, Meta(description="The term's display name.")]
    plain_english: Annotated[
        str, Meta(description="One line in plain English: the card's headline.")
    ]
    definition: Annotated[str, Meta(description="The precise definition: the card's body.")]
    url: Annotated[
        str, Meta(description="The term's full page (absolute when the server knows its base).")
    ]
    tools: Annotated[
        list[CardTool],
        Meta(description="Tools that use the idea, at most the server's `card_tools`."),
    ]
    glossary: Annotated[
        Origin | None,
        Meta(description="The glossary the entry comes from, when several are served."),
    ] = None


class Evidence(Struct):
    """One piece of evidence about the sense of an occurrence."""

    kind: Annotated[
        str, Meta(description="What the evidence is: a cue word, a nearby term, an idiom...")
    ]
    detail: Annotated[
        str,
        Meta(description="Which word or term it was (from the glossary, never other page text)."),
    ]
    weight: Annotated[float, Meta(description="Its contribution to the score (negative: against).")]


class Explanation(Struct):
    """Why an occurrence of a word with another sense was or was not marked."""

    segment: Annotated[int, Meta(description="Index of the segment in the request.", ge=0)]
    start: Annotated[int, Meta(description="Start offset in UTF-16 code units.", ge=0)]
    end: Annotated[int, Meta(description="End offset in UTF-16 code units, exclusive.", ge=1)]
    term: Annotated[Slug, Meta(description="Slug of the term the words would stand for.")]
    kept: Annotated[bool, Meta(description="Whether the occurrence was marked.")]
    score: Annotated[
        float, Meta(description="The evidence's total; marked at or above `threshold`.")
    ]
    threshold: Annotated[float, Meta(description="The score an occurrence needs to be marked.")]
    evidence: Annotated[
        list[Evidence], Meta(description="Each piece of evidence, strongest first.")
    ]


class AnnotateReply(Struct, omit_defaults=True):
    """The terms found in the segments, and the card of each."""

    dictionary: Annotated[DictionaryRef, Meta(description="Which dictionary answered.")]
    context: Annotated[
        PageContext, Meta(description="What the server concluded about the request.")
    ]
    matches: Annotated[list[Mark], Meta(description="Marked occurrences, by segment then offset.")]
    terms: Annotated[
        dict[str, Card],
        Meta(
            description="The card of every term in `matches`, by slug; empty when "
            "`options.cards` is false."
        ),
    ]
    explanations: Annotated[
        list[Explanation] | None,
        Meta(description="Only with `options.explain`: why, per occurrence."),
    ] = None


class CardsReply(Struct):
    """Cards of one version of the glossaries: the same for as long as that version exists."""

    dictionary: Annotated[DictionaryRef, Meta(description="Which dictionary answered.")]
    terms: Annotated[
        dict[str, Card],
        Meta(description="The card of each slug asked for that names a term, by slug."),
    ]


class Question(Struct):
    """A common question about the term."""

    q: Annotated[str, Meta(description="The question.")]
    a: Annotated[str, Meta(description="Its short answer.")]


class TermTool(Struct):
    """A tool that uses the idea, as listed in the catalogue."""

    id: Annotated[str, Meta(description="The tool's id in tools.toml.")]
    name: Annotated[str, Meta(description="The tool's name.")]
    url: Annotated[str, Meta(description="Its official address.", pattern="^https?://")]
    description: Annotated[str, Meta(description="One line on what it does.")]


class TermReply(Struct):
    """One glossary entry, whole."""

    slug: Annotated[Slug, Meta(description="The term's id, as in its address.")]
    term: Annotated[str, Meta(description="The display name.")]
    aliases: Annotated[list[str], Meta(description="Other spellings.")]
    acronyms: Annotated[list[str], Meta(description="Acronyms, matched case-sensitively.")]
    ambiguous: Annotated[list[str], Meta(description="Forms that also have another sense.")]
    marked: Annotated[
        bool, Meta(description="False: the term has a page but is never marked in text.")
    ]
    category: Annotated[str, Meta(description="The glossary's area the term belongs to.")]
    plain_english: Annotated[str, Meta(description="One line in plain English.")]
    definition: Annotated[str, Meta(description="The precise definition.")]
    full_picture: Annotated[list[str], Meta(description="Paragraphs explaining the term properly.")]
    business_example: Annotated[str, Meta(description="A realistic scene from a business.")]
    roles: Annotated[
        dict[str, str],
        Meta(description="What a technical lead, a business owner and a compliance lead do."),
    ]
    faq: Annotated[list[Question], Meta(description="Common questions and short answers.")]
    related: Annotated[list[Slug], Meta(description="Slugs of related terms.")]
    tools: Annotated[list[TermTool], Meta(description="Tools that use the idea.")]
    url: Annotated[str, Meta(description="The term's full page.")]


class SearchResult(Struct):
    """A term that the query found."""

    slug: Annotated[Slug, Meta(description="The term's id, as in its address.")]
    term: Annotated[str, Meta(description="The display name.")]
    plain_english: Annotated[str, Meta(description="One line in plain English.")]
    url: Annotated[str, Meta(description="The term's full page.")]


class SearchReply(Struct):
    """Terms found by name, alias, acronym or plain-English line, best first."""

    query: Annotated[str, Meta(description="The query as received.")]
    results: Annotated[
        list[SearchResult], Meta(description="At most the server's `search_results`.")
    ]


class GlossaryInfo(Struct):
    """One glossary the server offers."""

    id: Annotated[str, Meta(description="Its id, for `glossaries` in annotate requests.")]
    name: Annotated[str, Meta(description="Its display name.")]
    version: Annotated[str, Meta(description="Changes whenever any of its files does.")]
    terms: Annotated[int, Meta(description="How many terms it holds.", ge=0)]


class GlossariesReply(Struct):
    """The glossaries this server offers, in priority order (the first wins a form)."""

    glossaries: Annotated[list[GlossaryInfo], Meta(description="In priority order.")]


class LimitsReply(Struct):
    """The limits a client must respect: settings of the server, so never copy them."""

    query_chars: Annotated[int, Meta(description="Longest search query, in characters.", ge=1)]
    card_tools: Annotated[int, Meta(description="Most tools a card lists.", ge=0)]
    segment_chars: Annotated[
        int, Meta(description="Longest annotate segment, in characters.", ge=1)
    ]
    segments: Annotated[int, Meta(description="Most segments in one annotate request.", ge=1)]
    body_bytes: Annotated[int, Meta(description="Largest annotate request body, in bytes.", ge=1)]


class DictionaryCount(Struct):
    """The merged dictionary being served."""

    id: Annotated[str, Meta(description="The id of the glossaries served, joined by '+'.")]
    version: Annotated[str, Meta(description="Changes whenever any of their files does.")]
    terms: Annotated[int, Meta(description="How many terms it holds.", ge=0)]


class HealthReply(Struct):
    """Liveness and what is served."""

    ok: Annotated[Literal[True], Meta(description="Always true: the server answers.")]
    dictionary: Annotated[DictionaryCount, Meta(description="The merged dictionary being served.")]
    glossaries: Annotated[
        list[str], Meta(description="Ids of the glossaries served, in priority order.")
    ]


class ErrorBody(Struct):
    """What went wrong."""

    code: Annotated[
        str, Meta(description="A stable, machine-readable code such as `invalid_request`.")
    ]
    message: Annotated[
        str,
        Meta(description="A sentence for people; it names fields and limits, never request text."),
    ]


class ErrorReply(Struct):
    """Every error of the API has this shape."""

    error: Annotated[ErrorBody, Meta(description="What went wrong.")]


# Every reply type, for the schema and for the tests that decode replies.
REPLIES = (
    AnnotateReply,
    CardsReply,
    TermReply,
    SearchReply,
    GlossariesReply,
    LimitsReply,
    HealthReply,
    ErrorReply,
)
