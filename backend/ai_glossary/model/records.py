"""The glossary as immutable records: terms, tools and the dictionary that holds them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

ROLE_KEYS = ("technical_lead", "business_owner", "compliance_lead")


@dataclass(frozen=True, slots=True)
class Tool:
    id: str
    name: str
    url: str
    description: str


@dataclass(frozen=True, slots=True)
class Question:
    q: str
    a: str


@dataclass(frozen=True, slots=True)
class SenseCues:
    """What tells a term's AI sense from its other senses, beside the entry's own words.

    `for_ai`: words that point to the AI sense near an occurrence; `against`: words that point
    to another sense; `never`: phrases holding one of the term's forms that never mean it
    ("pay attention", "travel agent"); `prior`: how the AI sense fares with no evidence at all,
    positive where it is by far the most common in today's writing ("AI"); `borrowed`: the idea
    belongs to another field that AI writing borrows it from ("GDPR", "API"), so terms of that
    kind do not vouch for each other: a privacy notice is not about AI for naming several;
    `narrow`: even in AI writing the form mostly means something else (a search "query", not
    attention's query vector), so AI terms nearby vouch for it only if it lists them as related;
    `values`: the range of a setting's values ("temperature" from 0 to 2), so that such a number
    right after the form ("temperature 0.7", "temperature to 0") points to the AI sense;
    `capital`: its name is never written in lower case, whatever surrounds it: in lower case it
    is another idea, even in AI writing ("perplexity", the metric, beside Perplexity the
    company); `answers`: the AI sense is asked things and answers, and nothing else its
    capitalised names name does (a star sign, a wind, an animal; a person's first name does,
    so "Claude" has no such flag): greeted, asked or answering, the name is the AI sense
    ("Hey Gemini", "Perplexity found it"); `product`: the AI sense is a product people use
    and buy, and nothing else its capitalised names name is bought so (an assistant with a
    person's first name, "Claude"): its name called "it" as it says or writes something (as
    for an entry that `answers`), or before what one buys or runs of a product ("our Claude
    licence"), is the AI sense; `form_priors`: an ambiguous form's own prior
    where it differs from the entry's (keyed by the form as listed): "computer vision" is the
    AI sense all but always, its acronym "CV" as often a résumé."""

    for_ai: tuple[str, ...] = ()
    against: tuple[str, ...] = ()
    never: tuple[str, ...] = ()
    prior: float = 0.0  # the score before any evidence, from -1 to 1
    borrowed: bool = False
    narrow: bool = False
    values: tuple[float, float] | None = None  # low, high
    capital: bool = False
    answers: bool = False
    product: bool = False
    form_priors: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class Term:
    slug: str
    term: str
    definition: str
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    marked: bool = True
    category: str = ""
    plain_english: str = ""
    full_picture: tuple[str, ...] = ()
    business_example: str = ""
    roles: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    faq: tuple[Question, ...] = ()
    related: tuple[str, ...] = ()
    tools: tuple[str, ...] = ()
    cues: SenseCues = SenseCues()

    @property
    def forms(self) -> tuple[str, ...]:
        """Every listed surface form: the display name, the aliases and the acronyms."""
        return (self.term, *self.aliases, *self.acronyms)


@dataclass(frozen=True, slots=True)
class Dictionary:
    """A loaded, validated glossary. `version` changes whenever any of its files does."""

    id: str
    name: str
    version: str
    terms: Mapping[str, Term]
    tools: Mapping[str, Tool]

    def tools_of(self, term: Term) -> list[Tool]:
        return [self.tools[tool_id] for tool_id in term.tools if tool_id in self.tools]
