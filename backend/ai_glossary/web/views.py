"""What the HTML pages show, as plain data: the site, a term's sections, the A–Z groups and
the schema.org JSON-LD. Templates only lay these out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from ai_glossary.model import ROLE_KEYS, Dictionary, Term, Tool
from ai_glossary.model.text import fold, sort_key

# The bundled dictionary may carry no glossary.toml; its folder name is no title for a site.
DEFAULT_SITE_NAME = "AI Glossary"
LETTERS = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
OTHER = "#"  # names that start with a digit or a letter outside A–Z
ROLE_LABELS = {
    "technical_lead": "Technical lead",
    "business_owner": "Business owner",
    "compliance_lead": "Compliance lead",
}
DESCRIPTION_CHARS = 160  # what search engines show of a meta description


@dataclass(frozen=True, slots=True)
class Site:
    name: str
    base: str  # absolute, for canonical links and JSON-LD: "https://example.org/glossary"
    root: str  # its path, for links inside the site: "/glossary" (or "")
    build: str  # templates and stylesheet digest, to bust the stylesheet's cache

    def url(self, path: str) -> str:
        return self.base + path


def site_of(dictionary: Dictionary, base: str, build: str) -> Site:
    name = dictionary.name if dictionary.name != dictionary.id else DEFAULT_SITE_NAME
    return Site(name, base, urlsplit(base).path.rstrip("/"), build)


def term_path(slug: str) -> str:
    return "/terms/" + quote(slug, safe="")


def entry_path(glossary_id: str, slug: str) -> str:
    """The address of one glossary's own entry: where an entry another glossary hides keeps
    its full page."""
    return f"/glossaries/{quote(glossary_id, safe='')}/terms/{quote(slug, safe='')}"


def category_path(category: str) -> str:
    return "/terms?category=" + quote(category, safe="")


def description_of(term: Term) -> str:
    text = term.plain_english or term.definition
    if len(text) <= DESCRIPTION_CHARS:
        return text
    return text[: DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def sorted_terms(terms: Iterable[Term]) -> list[Term]:
    return sorted(terms, key=lambda term: (sort_key(term.term), term.slug))


def categories_of(dictionary: Dictionary) -> list[str]:
    return sorted({t.category for t in dictionary.terms.values() if t.category}, key=sort_key)


@dataclass(frozen=True, slots=True)
class Group:
    letter: str
    anchor: str
    terms: tuple[Term, ...]


def letter_of(name: str) -> str:
    first = fold(name)[:1].upper()
    return first if first in LETTERS else OTHER


def groups_of(terms: Iterable[Term]) -> list[Group]:
    """Terms by first letter, A to Z, then the rest under `OTHER`; each group sorted by name."""
    by_letter: dict[str, list[Term]] = {}
    for term in sorted_terms(terms):
        by_letter.setdefault(letter_of(term.term), []).append(term)
    order = [*LETTERS, OTHER]
    return [
        Group(
            letter,
            "letter-" + (letter.lower() if letter != OTHER else "other"),
            tuple(by_letter[letter]),
        )
        for letter in order
        if letter in by_letter
    ]


@dataclass(frozen=True, slots=True)
class TermView:
    term: Term
    roles: tuple[tuple[str, str], ...]  # (label, line), in the order of ROLE_KEYS
    tools: tuple[Tool, ...]
    related: tuple[Term, ...]


def term_view(dictionary: Dictionary, term: Term) -> TermView:
    roles = tuple((ROLE_LABELS[key], term.roles[key]) for key in ROLE_KEYS if key in term.roles)
    related = tuple(dictionary.terms[slug] for slug in term.related if slug in dictionary.terms)
    return TermView(term, roles, tuple(dictionary.tools_of(term)), related)


def _term_set(site: Site) -> dict[str, Any]:
    index = site.url("/terms")
    return {"@type": "DefinedTermSet", "@id": index, "name": site.name, "url": index}


def _defined_term(site: Site, term: Term, path: str | None = None) -> dict[str, Any]:
    url = site.url(path or term_path(term.slug))
    data: dict[str, Any] = {
        "@type": "DefinedTerm",
        "@id": url,
        "url": url,
        "name": term.term,
        "description": term.plain_english or term.definition,
    }
    if term.aliases or term.acronyms:
        data["alternateName"] = [*term.acronyms, *term.aliases]
    return data


def term_json_ld(site: Site, term: Term, path: str | None = None) -> dict[str, Any]:
    """A DefinedTerm inside its DefinedTermSet (templates emit it through `tojson`); `path`
    when its page is not at /terms/{slug}."""
    return {
        "@context": "https://schema.org",
        **_defined_term(site, term, path),
        "inDefinedTermSet": _term_set(site),
    }


def index_json_ld(site: Site, terms: Iterable[Term]) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        **_term_set(site),
        "hasDefinedTerm": [_defined_term(site, term) for term in terms],
    }
