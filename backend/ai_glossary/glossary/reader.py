"""Loading and checking a dictionary folder: every problem named by file and field."""

from __future__ import annotations

import hashlib
import math
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from ai_glossary.glossary.shape import nesting_problem
from ai_glossary.model import ROLE_KEYS, Dictionary, Question, SenseCues, Term, Tool
from ai_glossary.model.forms import (
    case_key_of,
    is_a_capitalised_word,
    key_of,
    plural_of,
    surface_forms,
    variants,
)
from ai_glossary.model.urls import is_web_url

# The bundled AI glossary, at the top of the repository beside `backend/`.
BUNDLED = Path(__file__).resolve().parents[3] / "dictionary"
# Lower-case words of letters, digits and marks of any script, joined by single hyphens;
# checked on the slug with its combining marks taken out, which `\w` does not count.
SLUG = re.compile(r"^[^\W_]+(?:-[^\W_]+)*$")


def is_slug(name: str) -> bool:
    """Whether `name` is a slug: "post-training", "kündigungsrate", "機械学習"."""
    bare = "".join(c for c in name if not unicodedata.category(c).startswith("M"))
    return name == name.lower() and SLUG.match(bare) is not None


# Files bigger than these are refused before they are read. The largest term file of the
# bundled glossary is 6 KB and its tools.toml 100 KB.
MAX_TERM_FILE_BYTES = 256 * 1024
MAX_FILE_BYTES = 4 * 1024 * 1024  # tools.toml and glossary.toml
MAX_FIELD_CHARS = 20_000  # a long full picture is a few thousand characters
# Characters no text of a dictionary may hold: controls (NUL reached the HTML) other than
# tab and newlines, the bidirectional overrides, embeddings and isolates that reorder what
# a reader sees (a "Trojan Source" trick), and the zero-width characters that hide inside
# words. Zero-width joiners are used by some scripts and emoji; a glossary goes without.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)

_TEXT_KEYS = ("term", "definition", "category", "plain_english", "business_example")
_LIST_KEYS = ("aliases", "acronyms", "ambiguous", "related", "tools")
_TERM_KEYS = {*_TEXT_KEYS, *_LIST_KEYS, "full_picture", "marked", "roles", "faq", "context"}
_CONTEXT_KEYS = ("for", "against", "never")
_CONTEXT_FLAGS = ("borrowed", "narrow", "capital", "answers", "product")  # true or false
MAX_PRIOR = 1.0
_TOOL_KEYS = {"name", "url", "description"}
_META_KEYS = {"id", "name", "version"}


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


class DictionaryError(Exception):
    """A dictionary that cannot be served; `problems` says why, file by file."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def load_dictionary(folder: Path, *, strict: bool = False) -> Dictionary:
    dictionary, problems = read_dictionary(folder, strict=strict)
    if problems or dictionary is None:
        raise DictionaryError(problems)
    return dictionary


def check_dictionary(folder: Path, *, strict: bool = False) -> list[Problem]:
    return read_dictionary(folder, strict=strict)[1]


def read_dictionary(
    folder: Path, *, strict: bool = False
) -> tuple[Dictionary | None, list[Problem]]:
    reader = _Reader(folder, strict)
    dictionary = reader.read()
    return dictionary, reader.problems


class _Reader:
    def __init__(self, folder: Path, strict: bool) -> None:
        self.folder = folder
        self.strict = strict
        self.problems: list[Problem] = []
        self.digest = hashlib.sha256()

    def problem(self, file: str, field: str, message: str) -> None:
        self.problems.append(Problem(file, field, message))

    def read(self) -> Dictionary | None:
        if not self.folder.is_dir():
            self.problem(str(self.folder), "-", "not a dictionary folder")
            return None
        terms_dir = self.folder / "terms"
        if not terms_dir.is_dir():
            self.problem(str(terms_dir), "-", "missing: a dictionary keeps one file per term here")
            return None
        meta = self._meta()
        tools = self._tools()
        terms: dict[str, Term] = {}
        for path in sorted(terms_dir.iterdir()):
            if path.suffix != ".toml":
                continue
            term = self._term(path)
            if term is not None:
                terms[term.slug] = term
        self._check_links(terms, tools)
        self._check_forms(terms)
        if not terms and not self.problems:
            self.problem(str(terms_dir), "-", "no term files (*.toml)")
        return Dictionary(
            id=meta.get("id") or _id_of(self.folder.resolve().name),
            name=meta.get("name", self.folder.resolve().name),
            version=self.digest.hexdigest()[:16],
            terms=MappingProxyType(terms),
            tools=MappingProxyType(tools),
        )

    def _load_toml(self, path: Path, limit: int = MAX_FILE_BYTES) -> dict[str, Any] | None:
        name = self._name(path)
        raw = self._read(path, name, limit)
        if raw is None:
            return None
        self.digest.update(name.encode() + b"\0" + raw + b"\0")
        try:
            text = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as error:
            self.problem(name, "-", f"is not UTF-8 (bad byte at offset {error.start})")
            return None
        too_deep = nesting_problem(text)
        if too_deep is not None:
            self.problem(name, "-", too_deep)
            return None
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            self.problem(name, "-", f"TOML syntax error: {error}")
        except RecursionError:  # the nesting check should make this impossible
            self.problem(name, "-", "nested too deeply to read")
        return None

    def _read(self, path: Path, name: str, limit: int) -> bytes | None:
        """The file's bytes, if it is a regular file inside the folder and not too big."""
        try:
            resolved = path.resolve(strict=True)
        except RuntimeError:  # Python 3.11 and 3.12 raise this for a loop; later, OSError
            self.problem(name, "-", "is a symbolic link loop")
            return None
        except OSError as error:
            self.problem(name, "-", f"cannot be read ({error.strerror or error})")
            return None
        if not resolved.is_relative_to(self.folder.resolve()):
            self.problem(name, "-", "is a link to a file outside the dictionary folder")
            return None
        try:
            if not resolved.is_file():  # a folder, or a FIFO that would block the read
                self.problem(name, "-", "is not a regular file")
                return None
            if resolved.stat().st_size > limit:
                self.problem(name, "-", f"file is larger than {_size(limit)}")
                return None
            return resolved.read_bytes()
        except OSError as error:
            self.problem(name, "-", f"cannot be read ({error.strerror or error})")
            return None

    def _name(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.folder))
        except ValueError:
            return str(path)

    def _meta(self) -> dict[str, str]:
        path = self.folder / "glossary.toml"
        if not path.exists():
            return {}
        data = self._load_toml(path)
        if data is None:
            return {}
        meta: dict[str, str] = {}
        for key, value in data.items():
            if key not in _META_KEYS:
                self.problem(
                    "glossary.toml", key, f"unknown key (expected one of {sorted(_META_KEYS)})"
                )
            elif not isinstance(value, str) or not value.strip():
                self.problem("glossary.toml", key, "must be a non-empty string")
            elif key == "id" and not SLUG.match(value):
                self.problem("glossary.toml", key, "must be lower-case letters, digits, hyphens")
            elif self._visible("glossary.toml", key, value):
                meta[key] = value
        return meta

    def _tools(self) -> dict[str, Tool]:
        path = self.folder / "tools.toml"
        if not path.exists():
            return {}
        data = self._load_toml(path)
        tools: dict[str, Tool] = {}
        for tool_id, table in (data or {}).items():
            tool = self._tool(tool_id, table)
            if tool is not None:
                tools[tool_id] = tool
        return tools

    def _tool(self, tool_id: str, table: Any) -> Tool | None:
        where = "tools.toml"
        if not is_slug(tool_id):
            self.problem(
                where, tool_id, "tool id must be lower-case letters, digits and single hyphens"
            )
        if not isinstance(table, dict):
            self.problem(where, tool_id, "must be a table with name, url and description")
            return None
        for key in table.keys() - _TOOL_KEYS:
            self.problem(where, f"{tool_id}.{key}", "unknown key (expected name, url, description)")
        values = {}
        for key in sorted(_TOOL_KEYS):
            value = self._text(where, f"{tool_id}.{key}", table.get(key), required=True)
            values[key] = value or ""
        if values["url"] and not is_web_url(values["url"]):
            self.problem(where, f"{tool_id}.url", "must be an http:// or https:// address")
        elif values["url"] and _has_credentials(values["url"]):
            self.problem(where, f"{tool_id}.url", "must not hold a user name or password")
        return Tool(tool_id, values["name"], values["url"], values["description"])

    def _text(self, file: str, field: str, value: Any, *, required: bool) -> str | None:
        if value is None:
            if required:
                self.problem(file, field, "missing")
            return None
        if not isinstance(value, str):
            self.problem(file, field, f"must be a string, not {_kind(value)}")
            return None
        if not value.strip():
            self.problem(file, field, "is empty")
            return None
        if len(value) > MAX_FIELD_CHARS:
            self.problem(
                file, field, f"is {len(value):,} characters long (limit {MAX_FIELD_CHARS:,})"
            )
            return None
        if not self._visible(file, field, value):
            return None
        return value.strip()

    def _visible(self, file: str, field: str, value: str) -> bool:
        """Whether `value` is free of controls and invisible characters; if not, a problem."""
        hidden = _HIDDEN.search(value)
        if hidden is None:
            return True
        char = hidden.group()
        what = unicodedata.name(char, "a control character")
        self.problem(
            file,
            field,
            f"holds U+{ord(char):04X} ({what}) at character {hidden.start() + 1}: "
            "controls and invisible characters are not allowed",
        )
        return False

    def _strings(self, file: str, field: str, value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(file, field, f"must be a list of strings, not {_kind(value)}")
            return ()
        items = []
        for index, item in enumerate(value):
            text = self._text(file, f"{field}[{index}]", item, required=True)
            if text is not None:
                items.append(text)
        return tuple(items)

    def _term(self, path: Path) -> Term | None:
        name = self._name(path)
        slug = path.stem
        if not is_slug(slug):
            self.problem(
                name,
                "-",
                "file name must be a slug: lower-case letters (any script), digits, single hyphens",
            )
            return None
        data = self._load_toml(path, MAX_TERM_FILE_BYTES)
        if data is None:
            return None
        for key in sorted(data.keys() - _TERM_KEYS):
            self.problem(
                name, key, f"unknown key (expected one of {', '.join(sorted(_TERM_KEYS))})"
            )
        need = self.strict
        texts = {
            key: self._text(
                name, key, data.get(key), required=key in ("term", "definition") or need
            )
            for key in _TEXT_KEYS
        }
        lists = {key: self._strings(name, key, data.get(key)) for key in _LIST_KEYS}
        marked = data.get("marked", True)
        if not isinstance(marked, bool):
            self.problem(name, "marked", f"must be true or false, not {_kind(marked)}")
            marked = True
        full_picture = self._paragraphs(name, data.get("full_picture"))
        roles = self._roles(name, data.get("roles"))
        faq = self._faq(name, data.get("faq"))
        cues = self._cues(name, data.get("context"))
        if self.strict:
            self._require_sections(name, full_picture, faq, lists)
        if texts["term"] is None or texts["definition"] is None:
            return None
        return Term(
            slug=slug,
            term=texts["term"],
            definition=texts["definition"],
            aliases=lists["aliases"],
            acronyms=lists["acronyms"],
            ambiguous=lists["ambiguous"],
            marked=marked,
            category=texts["category"] or "",
            plain_english=texts["plain_english"] or "",
            full_picture=full_picture,
            business_example=texts["business_example"] or "",
            roles=MappingProxyType(roles),
            faq=faq,
            related=lists["related"],
            tools=lists["tools"],
            cues=cues,
        )

    def _paragraphs(self, name: str, value: Any) -> tuple[str, ...]:
        text = self._text(name, "full_picture", value, required=False)
        if text is None:
            return ()
        return tuple(" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip())

    def _roles(self, name: str, value: Any) -> dict[str, str]:
        if value is None:
            value = {}
        if not isinstance(value, dict):
            self.problem(name, "roles", f"must be a table, not {_kind(value)}")
            return {}
        for key in sorted(value.keys() - set(ROLE_KEYS)):
            self.problem(name, f"roles.{key}", f"unknown role (expected {', '.join(ROLE_KEYS)})")
        roles = {}
        for key in ROLE_KEYS:
            text = self._text(name, f"roles.{key}", value.get(key), required=self.strict)
            if text is not None:
                roles[key] = text
        return roles

    def _cues(self, name: str, value: Any) -> SenseCues:
        if value is None:
            return SenseCues()
        if not isinstance(value, dict):
            self.problem(name, "context", f"must be a table, not {_kind(value)}")
            return SenseCues()
        known = {*_CONTEXT_KEYS, "prior", "form_priors", "values", *_CONTEXT_FLAGS}
        for key in sorted(value.keys() - known):
            self.problem(
                name,
                f"context.{key}",
                "unknown key (expected for, against, never, prior, form_priors, borrowed, narrow,"
                " capital, answers, product, values)",
            )
        lists = {
            key: self._strings(name, f"context.{key}", value.get(key)) for key in _CONTEXT_KEYS
        }
        prior = self._prior(name, "context.prior", value.get("prior", 0.0))
        form_priors = self._form_priors(name, value.get("form_priors"))
        flags = {}
        for key in _CONTEXT_FLAGS:
            flag = value.get(key, False)
            if not isinstance(flag, bool):
                self.problem(name, f"context.{key}", f"must be true or false, not {_kind(flag)}")
                flag = False
            flags[key] = flag
        values = self._range(name, "context.values", value.get("values"))
        return SenseCues(
            lists["for"],
            lists["against"],
            lists["never"],
            prior,
            **flags,
            values=values,
            form_priors=MappingProxyType(form_priors),
        )

    def _prior(self, name: str, field: str, value: Any) -> float:
        """A number from -MAX_PRIOR to MAX_PRIOR (0 with a problem if anything else)."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(name, field, f"must be a number, not {_kind(value)}")
            return 0.0
        if not -MAX_PRIOR <= value <= MAX_PRIOR:
            self.problem(name, field, f"must be from -{MAX_PRIOR:g} to {MAX_PRIOR:g}")
            return 0.0
        return float(value)

    def _form_priors(self, name: str, value: Any) -> dict[str, float]:
        """Forms and their own priors (whether each is an ambiguous form of the entry is
        checked with the entry's other fields)."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(name, "context.form_priors", f"must be a table, not {_kind(value)}")
            return {}
        return {
            form: self._prior(name, f"context.form_priors.{form}", prior)
            for form, prior in value.items()
        }

    def _range(self, name: str, field: str, value: Any) -> tuple[float, float] | None:
        """Two numbers, the lower first, or None (with a problem if anything else)."""
        if value is None:
            return None
        numbers = value if isinstance(value, list) else []
        if len(numbers) != 2 or not all(
            isinstance(n, int | float) and not isinstance(n, bool) and math.isfinite(n)
            for n in numbers
        ):
            self.problem(name, field, "must be two numbers, the lowest and the highest: [0, 2]")
            return None
        low, high = float(numbers[0]), float(numbers[1])
        if not low <= high:
            self.problem(name, field, f"the lowest ({low:g}) is above the highest ({high:g})")
            return None
        return low, high

    def _faq(self, name: str, value: Any) -> tuple[Question, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(name, "faq", f"must be an array of tables ([[faq]]), not {_kind(value)}")
            return ()
        questions = []
        for index, item in enumerate(value):
            field = f"faq[{index}]"
            if not isinstance(item, dict):
                self.problem(name, field, "must be a table with q and a")
                continue
            for key in sorted(item.keys() - {"q", "a"}):
                self.problem(name, f"{field}.{key}", "unknown key (expected q and a)")
            q = self._text(name, f"{field}.q", item.get("q"), required=True)
            a = self._text(name, f"{field}.a", item.get("a"), required=True)
            if q and a:
                questions.append(Question(q, a))
        return tuple(questions)

    def _require_sections(
        self,
        name: str,
        full_picture: tuple[str, ...],
        faq: tuple[Question, ...],
        lists: dict[str, tuple[str, ...]],
    ) -> None:
        if not full_picture:
            self.problem(name, "full_picture", "missing (strict: every section is required)")
        if len(faq) < 2:
            self.problem(name, "faq", f"has {len(faq)} questions (strict: at least 2)")
        if len(lists["related"]) < 2:
            self.problem(name, "related", f"has {len(lists['related'])} terms (strict: at least 2)")
        if not lists["tools"]:
            self.problem(name, "tools", "is empty (strict: at least one tool)")

    def _check_links(self, terms: dict[str, Term], tools: dict[str, Tool]) -> None:
        for term in terms.values():
            name = f"terms/{term.slug}.toml"
            for index, slug in enumerate(term.related):
                if slug == term.slug:
                    self.problem(name, f"related[{index}]", "a term cannot be related to itself")
                elif slug not in terms:
                    self.problem(name, f"related[{index}]", f"unknown term slug {slug!r}")
            for index, tool_id in enumerate(term.tools):
                if tool_id not in tools:
                    self.problem(
                        name, f"tools[{index}]", f"unknown tool id {tool_id!r} (not in tools.toml)"
                    )
            forms = {key_of(form) for form in term.forms}
            for index, form in enumerate(term.ambiguous):
                if key_of(form) not in forms:
                    self.problem(
                        name, f"ambiguous[{index}]", f"{form!r} is not one of the term's forms"
                    )
            self._check_cues(name, term, forms)

    def _check_cues(self, name: str, term: Term, forms: set[str]) -> None:
        """Cues judge ambiguous forms only; a `never` phrase must hold one of the forms."""
        cues = term.cues
        said = any((cues.for_ai, cues.against, cues.never, cues.prior, cues.form_priors))
        said = said or cues.borrowed or cues.narrow
        named = cues.capital or cues.answers or cues.product
        if (said or named or cues.values is not None) and not term.ambiguous:
            self.problem(name, "context", "has no effect: the term lists no ambiguous forms")
        elif named and not any(map(is_a_capitalised_word, term.ambiguous)):
            for flag in ("capital", "answers", "product"):
                if getattr(cues, flag):
                    message = "has no effect: no ambiguous form is a capitalised word"
                    self.problem(name, f"context.{flag}", message)
        for form in cues.form_priors:
            if form not in term.ambiguous:
                message = f"{form!r} is not one of the term's ambiguous forms (as listed)"
                self.problem(name, f"context.form_priors.{form}", message)
        padded = [f" {key_of(surface.form)} " for surface in surface_forms(term)]
        for index, phrase in enumerate(cues.never):
            key = f" {key_of(phrase)} "
            if not any(form in key for form in padded):
                self.problem(
                    name, f"context.never[{index}]", f"{phrase!r} holds none of the term's forms"
                )
            elif key.strip() in forms:
                self.problem(
                    name, f"context.never[{index}]", f"{phrase!r} is one of the term's own forms"
                )

        self._check_one_way(name, cues)

    def _check_one_way(self, name: str, cues: SenseCues) -> None:
        """A word is a cue one way only. A word against that is also a word of a cue for, or
        one of its inflections, undoes it where both are found: "stack" against the
        "stacked" layers the entry counts for, "map" against its "attention maps"."""
        words_for: dict[str, str] = {}
        for cue in cues.for_ai:
            key = key_of(cue)
            words = variants(key)
            if " " in key:
                # A phrase holds as written and with its last word in the plural (the judge's
                # `Cues.of`): "skip connection" holds in "skip connections".
                plural = None if key.endswith("s") else plural_of(key, False)
                words = {*key.split(), *(plural.split()[-1:] if plural else ())}
            for word in words:
                words_for.setdefault(word, cue)
        for index, cue in enumerate(cues.against):
            key = key_of(cue)
            clash = sorted(variants(key) & words_for.keys()) if key and " " not in key else []
            if clash:
                message = f"{cue!r} would also count against the cue for {words_for[clash[0]]!r}"
                self.problem(name, f"context.against[{index}]", message)

    def _check_forms(self, terms: dict[str, Term]) -> None:
        """Every listed form must match something, and a marked one belong to one term only:
        an entry that is never marked is found by search alone, so it may share a name with
        one that is; and a name its entry keeps capitalised (`capital = true`) leaves its
        lower case to another ("Perplexity" the company, "perplexity" the metric)."""
        any_case: dict[str, str] = {}  # key -> slug, for case-insensitive forms
        exact: dict[tuple[str, str], str] = {}  # (key, case key) -> slug
        exact_owners: dict[str, str] = {}  # key -> a slug with a case-sensitive form of it
        for term in terms.values():
            name = f"terms/{term.slug}.toml"
            listed = [s for s in surface_forms(term) if not s.generated]
            sensitive = {s.form: s.case_sensitive for s in listed}
            capitalised = {s.form for s in listed if s.capitalised}
            for field, form in _listed_forms(term):
                key = key_of(form)
                if not key:
                    self.problem(
                        name, field, f"{form!r} cannot match anything: it has no letters or digits"
                    )
                    continue
                if not term.marked:
                    continue
                if form in capitalised:
                    owner = exact.setdefault((key, case_key_of(form)), term.slug)
                elif sensitive[form]:
                    owner = any_case.get(key) or exact.setdefault(
                        (key, case_key_of(form)), term.slug
                    )
                    exact_owners.setdefault(key, term.slug)
                else:
                    owner = any_case.setdefault(key, term.slug)
                    if owner == term.slug and exact_owners.get(key, owner) != owner:
                        owner = exact_owners[key]
                if owner != term.slug:
                    self.problem(name, field, f"{form!r} is also claimed by terms/{owner}.toml")


def _listed_forms(term: Term) -> list[tuple[str, str]]:
    """(field, form) for the display name, each alias and each acronym."""
    return [
        ("term", term.term),
        *((f"aliases[{i}]", form) for i, form in enumerate(term.aliases)),
        *((f"acronyms[{i}]", form) for i, form in enumerate(term.acronyms)),
    ]


def _id_of(folder_name: str) -> str:
    """A glossary id made from its folder's name, when glossary.toml gives none."""
    return "-".join(re.findall(r"[a-z0-9]+", folder_name.lower())) or "glossary"


def _has_credentials(url: str) -> bool:
    parts = urlsplit(url)
    return parts.username is not None or parts.password is not None


def _size(limit: int) -> str:
    return f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit // 2**10} KB"


def _kind(value: Any) -> str:
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)
