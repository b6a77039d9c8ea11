"""The checker accepts the valid fixtures and names the file and field of every broken one."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from ai_glossary.glossary.reader import (
    MAX_TERM_FILE_BYTES,
    DictionaryError,
    check_dictionary,
    load_dictionary,
)
from ai_glossary.glossary.shape import nesting_problem
from ai_glossary.settings import Settings
from ai_glossary.web.app import create_app
from starlette.testclient import TestClient

from tests.support.dictionaries import write_perplexities_by_case, write_two_perplexities

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
    "context-bad-borrowed": "terms/api.toml: context.borrowed: must be true or false",
    "context-bad-narrow": "terms/api.toml: context.narrow: must be true or false",
    "context-bad-capital": "terms/cursor.toml: context.capital: must be true or false",
    "context-capital-without-name": (
        "terms/token.toml: context.capital: has no effect: no ambiguous form is a capitalised word"
    ),
    "context-bad-answers": "terms/cursor.toml: context.answers: must be true or false",
    "context-answers-without-name": (
        "terms/token.toml: context.answers: has no effect: no ambiguous form is a capitalised word"
    ),
    "context-bad-product": "terms/cursor.toml: context.product: must be true or false",
    "context-product-without-name": (
        "terms/token.toml: context.product: has no effect: no ambiguous form is a capitalised word"
    ),
    "context-cue-both-ways": (
        "terms/layer.toml: context.against[1]: 'map' would also count against the cue for"
        " 'attention maps'"
    ),
    "context-bad-values": (
        "terms/temperature.toml: context.values: the lowest (2) is above the highest (0)"
    ),
    # Issue 15: each of these crashed the checker (or took seconds and gigabytes) before.
    "name-claimed-as-alias": (
        "terms/prompt.toml: term: 'Prompt' is also claimed by terms/instruction.toml"
    ),
    "symlink-loop": "terms/loop.toml: -: is a symbolic link loop",
    "deep-nesting": "terms/thing.toml: -: line 3: nested more than 16 deep",
    "deep-dotted-keys": "terms/thing.toml: -: line 3: keys nested more than 16 deep",
    "bad-glossary-id": "glossary.toml: id: must be lower-case letters, digits, hyphens",
    "hidden-characters": "terms/thing.toml: definition: holds U+202E (RIGHT-TO-LEFT OVERRIDE)",
    "tool-url-credentials": "tools.toml: leaky.url: must not hold a user name or password",
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


def test_a_cue_counts_one_way_only() -> None:
    """A word against clashes with a cue for's words and their inflections, and with the
    plural a phrase for also holds in ("connections", "skip connection"); a phrase against is
    more precise than the words it shares ("stacking order" is not "stacked")."""
    problems = {p.field for p in check_dictionary(BROKEN / "context-cue-both-ways")}
    assert problems == {"context.against[1]", "context.against[2]", "context.against[4]"}


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
    huge = "x" * 30_000  # under the file's limit, over the field's
    (tmp_path / "terms" / "thing.toml").write_text(
        f'term = "Thing"\ndefinition = "A thing."\nfull_picture = "{huge}"\n', encoding="utf-8"
    )
    [problem] = check_dictionary(tmp_path)
    assert (problem.file, problem.field) == ("terms/thing.toml", "full_picture")
    assert "characters long" in problem.message


@pytest.mark.parametrize(
    "values", ["0.7", "[0]", "[0, 1, 2]", '["0", "2"]', "[true, 2]", "[0, inf]", "[nan, 1]"]
)
def test_a_range_of_values_is_two_numbers(tmp_path: Path, values: str) -> None:
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "thing.toml").write_text(
        f'term = "Thing"\ndefinition = "A thing."\nambiguous = ["Thing"]\n'
        f"[context]\nvalues = {values}\n",
        encoding="utf-8",
    )
    [problem] = check_dictionary(tmp_path)
    assert (problem.file, problem.field) == ("terms/thing.toml", "context.values")
    assert problem.message == "must be two numbers, the lowest and the highest: [0, 2]"


@pytest.mark.parametrize(
    ("form_priors", "field", "message"),
    [
        ("0.4", "context.form_priors", "must be a table, not a number"),
        ('{ CV = "low" }', "context.form_priors.CV", "must be a number, not a string"),
        ("{ CV = true }", "context.form_priors.CV", "must be a number, not a boolean"),
        ("{ CV = 1.5 }", "context.form_priors.CV", "must be from -1 to 1"),
        ("{ cv = 0.4 }", "context.form_priors.cv", "'cv' is not one of the term's ambiguous"),
        (
            '{ "Computer vision" = 0.4, CV = 0.4 }',
            "context.form_priors.Computer vision",
            "'Computer vision' is not one of the term's ambiguous",
        ),
    ],
)
def test_a_forms_own_prior_is_a_number_for_an_ambiguous_form_as_listed(
    tmp_path: Path, form_priors: str, field: str, message: str
) -> None:
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "thing.toml").write_text(
        'term = "Computer vision"\ndefinition = "Seeing."\nacronyms = ["CV"]\n'
        f'ambiguous = ["CV"]\n[context]\nprior = 1.0\nform_priors = {form_priors}\n',
        encoding="utf-8",
    )
    [problem] = check_dictionary(tmp_path)
    assert (problem.file, problem.field) == ("terms/thing.toml", field)
    assert problem.message.startswith(message)


def test_an_unmarked_entry_may_share_a_name_with_a_marked_one(tmp_path: Path) -> None:
    # Never marked, the metric is found by search only: the company's name is the one marked.
    write_two_perplexities(tmp_path)
    assert check_dictionary(tmp_path) == []
    (tmp_path / "terms" / "metric.toml").write_text(
        'term = "Perplexity"\ndefinition = "How surprised a model is."\n', encoding="utf-8"
    )
    [problem] = check_dictionary(tmp_path)
    assert "is also claimed by" in problem.message


def test_a_name_kept_capitalised_leaves_its_lower_case_to_another_entry(tmp_path: Path) -> None:
    # The company keeps "Perplexity" capitalised: the metric, marked too, may have the word
    # in lower case. Without `capital`, the two entries would claim one form.
    write_perplexities_by_case(tmp_path / "split")
    assert check_dictionary(tmp_path / "split") == []
    write_perplexities_by_case(tmp_path / "shared", capital=False)
    [problem] = check_dictionary(tmp_path / "shared")
    assert "is also claimed by" in problem.message


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


def test_every_hidden_character_is_named() -> None:
    problems = {p.field: p.message for p in check_dictionary(BROKEN / "hidden-characters")}
    assert problems["plain_english"].startswith("holds U+0000 (a control character)")
    assert problems["aliases[0]"].startswith("holds U+200B (ZERO WIDTH SPACE) at character 4")


@pytest.mark.parametrize(
    "char", ["\u202d", "\u2066", "\u200d", "\u2060", "\ufeff", "\x07", "\x7f", "\x85"]
)
def test_invisible_and_control_characters_are_refused(tmp_path: Path, char: str) -> None:
    (tmp_path / "terms").mkdir()
    escaped = f"\\u{ord(char):04X}"
    (tmp_path / "terms" / "thing.toml").write_text(
        f'term = "Thing"\ndefinition = "A{escaped}thing."\n', encoding="utf-8"
    )
    [problem] = check_dictionary(tmp_path)
    assert (problem.field, problem.message[:12]) == ("definition", f"holds U+{ord(char):04X}")


def test_tabs_and_newlines_are_text(tmp_path: Path) -> None:
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "thing.toml").write_text(
        'term = "Thing"\ndefinition = "A\\tthing,\\r\\nof two lines."\n', encoding="utf-8"
    )
    assert check_dictionary(tmp_path) == []


def test_a_glossary_without_an_id_gets_one_from_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "My_Company Glossary"
    (folder / "terms").mkdir(parents=True)
    (folder / "terms" / "thing.toml").write_text(
        'term = "Thing"\ndefinition = "A thing."\n', encoding="utf-8"
    )
    assert load_dictionary(folder).id == "my-company-glossary"


def test_a_term_file_over_its_size_limit_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "terms").mkdir()
    padding = "# " + "x" * (MAX_TERM_FILE_BYTES) + "\n"
    (tmp_path / "terms" / "thing.toml").write_text(
        padding + 'term = "Thing"\ndefinition = "A thing."\n', encoding="utf-8"
    )
    [problem] = check_dictionary(tmp_path)
    assert str(problem) == "terms/thing.toml: -: file is larger than 256 KB"


@pytest.mark.parametrize(
    "text",
    [
        'a = "[[[[[[[[[[[[[[[[[[[[" # [[[[[[[[[[[[[[[[[[[[[[\n',
        'a = """\n[[[[[[[[[[[[[[[[[[[[ \\""" ........................\n"""\n',
        "a = '''[[[[[[[[[[[[[[[[[[[[[[[[[[[['''\n",
        'a = "........................"\n',
        "a.b.c = 1\n[x.y]\nz = [[1, 2], [3]]\n",
    ],
)
def test_strings_and_comments_do_not_count_as_nesting(text: str) -> None:
    assert nesting_problem(text) is None
    tomllib.loads(text)  # and each is TOML


def test_reload_refuses_what_the_checker_refuses(tmp_path: Path) -> None:
    """Each crash of issue 15 is now a 409 with its problem, never a 500."""
    folder = tmp_path / "glossary"
    shutil.copytree(DICTIONARIES / "rules", folder)
    settings = Settings(dictionary=folder, admin_token="t0ken")
    auth = {"authorization": "Bearer t0ken"}
    with TestClient(create_app(settings)) as client:
        for name in ("deep-nesting", "deep-dotted-keys", "symlink-loop"):
            for path in (BROKEN / name / "terms").iterdir():
                target = folder / "terms" / path.name
                if path.is_symlink():
                    target.symlink_to(path.readlink())
                else:
                    shutil.copyfile(path, target)
            response = client.post("/v1/admin/reload", headers=auth)
            assert response.status_code == 409, response.text
            assert any(p.startswith(EXPECTED[name]) for p in response.json()["error"]["problems"])
            for path in (BROKEN / name / "terms").iterdir():
                (folder / "terms" / path.name).unlink()
        assert client.post("/v1/admin/reload", headers=auth).status_code == 200
