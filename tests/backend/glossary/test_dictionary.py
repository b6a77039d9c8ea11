"""The checker accepts the valid fixtures and names the file and field of every broken one."""

from __future__ import annotations

from pathlib import Path

import pytest
from ai_glossary.glossary.reader import DictionaryError, check_dictionary, load_dictionary

DICTIONARIES = Path(__file__).parents[2] / "fixtures" / "dictionaries"
BROKEN = DICTIONARIES / "broken"

EXPECTED = {
    "syntax-error": "terms/thing.toml: -: TOML syntax error: Illegal character '\\n' (at line 2",
    "wrong-types": "terms/thing.toml: definition: must be a string, not a number",
    "unknown-key": "terms/thing.toml: defintion: unknown key",
    "empty-string": "terms/thing.toml: plain_english: is empty",
    "bad-slug": "terms/Bad_Slug.toml: -: file name must be a slug",
    "missing-definition": "terms/thing.toml: definition: missing",
    "dangling-related": "terms/thing.toml: related[0]: unknown term slug 'no-such-term'",
    "unknown-tool": "terms/thing.toml: tools[0]: unknown tool id 'no-such-tool'",
    "duplicate-form": (
        "terms/retrieval.toml: acronyms[0]: 'RAG' is also claimed by terms/rag-pattern.toml"
    ),
    "unmatchable-form": "terms/thing.toml: aliases[0]: '--' cannot match anything",
    "bad-tool-url": "tools.toml: evil.url: must be an http:// or https:// address",
    "not-utf8": "terms/cafe.toml: -: is not UTF-8",
    "symlink-out": "terms/outside.toml: -: is a link to a file outside the dictionary folder",
    "ambiguous-not-a-form": (
        "terms/thing.toml: ambiguous[0]: 'stuff' is not one of the term's forms"
    ),
    "bad-tools-syntax": "tools.toml: -: TOML syntax error: Expected newline",
    "bad-metadata": "glossary.toml: name: must be a non-empty string",
    "folder-not-file": "terms/folder.toml: -: is not a regular file",
    "symlinked-terms-out": (
        "terms/rlhf.toml: -: is a link to a file outside the dictionary folder"
    ),
    "hostile-tool-url": "tools.toml: data.url: must be an http:// or https:// address",
    "context-never-outside": (
        "terms/agent.toml: context.never[0]: 'travel agency' holds none of the term's forms"
    ),
    "context-without-ambiguity": "terms/rlhf.toml: context: has no effect",
    "context-bad-key": "terms/token.toml: context.idioms: unknown key",
}


def test_every_broken_fixture_is_listed() -> None:
    assert {p.name for p in BROKEN.iterdir()} == {*EXPECTED, "strict-incomplete"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_dictionary_is_named(name: str) -> None:
    problems = [str(p) for p in check_dictionary(BROKEN / name)]
    assert any(p.startswith(EXPECTED[name]) for p in problems), problems
    with pytest.raises(DictionaryError) as raised:
        load_dictionary(BROKEN / name)
    assert EXPECTED[name].split(":")[0] in str(raised.value)


def test_wrong_types_reports_every_field() -> None:
    problems = {p.field for p in check_dictionary(BROKEN / "wrong-types")}
    assert problems == {"definition", "aliases", "marked"}


def test_strict_requires_every_section() -> None:
    folder = BROKEN / "strict-incomplete"
    assert check_dictionary(folder) == []
    fields = {p.field for p in check_dictionary(folder, strict=True)}
    assert {
        "plain_english",
        "full_picture",
        "business_example",
        "category",
        "faq",
        "related",
        "tools",
        "roles.technical_lead",
        "roles.business_owner",
        "roles.compliance_lead",
    } <= fields


def test_huge_field_is_refused(tmp_path: Path) -> None:
    (tmp_path / "terms").mkdir()
    huge = "x" * (10 * 1024 * 1024)
    (tmp_path / "terms" / "thing.toml").write_text(
        f'term = "Thing"\ndefinition = "A thing."\nfull_picture = "{huge}"\n', encoding="utf-8"
    )
    [problem] = check_dictionary(tmp_path)
    assert (problem.file, problem.field) == ("terms/thing.toml", "full_picture")
    assert "characters long" in problem.message


def test_missing_folder_and_empty_folder(tmp_path: Path) -> None:
    [problem] = check_dictionary(tmp_path / "nope")
    assert problem.message == "not a dictionary folder"
    (tmp_path / "terms").mkdir()
    [problem] = check_dictionary(tmp_path)
    assert "no term files" in problem.message


def test_valid_fixture_loads_with_its_metadata() -> None:
    dictionary = load_dictionary(DICTIONARIES / "rules")
    assert (dictionary.id, dictionary.name) == ("rules", "Matching rules fixture")
    assert len(dictionary.version) == 16
    term = dictionary.terms["large-language-model"]
    assert term.acronyms == ("LLM",)
    assert [t.id for t in dictionary.tools_of(term)] == ["hf", "trl", "vllm", "ollama"]


def test_version_changes_with_content(tmp_path: Path) -> None:
    (tmp_path / "terms").mkdir()
    path = tmp_path / "terms" / "thing.toml"
    path.write_text('term = "Thing"\ndefinition = "A thing."\n', encoding="utf-8")
    first = load_dictionary(tmp_path).version
    path.write_text('term = "Thing"\ndefinition = "Another thing."\n', encoding="utf-8")
    assert load_dictionary(tmp_path).version != first


def test_paragraphs_are_split_on_blank_lines(tmp_path: Path) -> None:
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "thing.toml").write_text(
        'term = "Thing"\ndefinition = "A thing."\nfull_picture = """\nOne\nline.\n\n  Two.\n"""\n',
        encoding="utf-8",
    )
    assert load_dictionary(tmp_path).terms["thing"].full_picture == ("One line.", "Two.")
