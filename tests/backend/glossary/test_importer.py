"""`glossary import`: a messy real-world CSV becomes a valid dictionary; bad rows are named."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest
import tomli_w
from ai_glossary.cli import main
from ai_glossary.glossary.importer import ImportFailure, import_csv, slug_of
from ai_glossary.glossary.reader import Problem, check_dictionary, load_dictionary

CSV = Path(__file__).parents[2] / "fixtures" / "csv"
MESSY = CSV / "messy.csv"
INTERNATIONAL = CSV / "international.csv"


def test_messy_csv(tmp_path: Path) -> None:
    report = import_csv(MESSY, tmp_path)
    assert sorted(report.written) == [
        "churn-score",
        "customer-360",
        "data-lake",
        "net-revenue-retention",
    ]
    assert report.refused == [
        (6, "duplicate of row 4 ('Churn Score')"),
        (7, "no definition"),
        (9, "no term"),
        (10, "the form 'Customer three-sixty' is already used by customer-360"),
    ]
    assert report.warnings == [
        (
            8,
            "tool url 'javascript:alert(1)' is not an http(s) address: the tool was left out, "
            "the term kept",
        )
    ]
    assert report.notes == ["column 'Owner' is not known and was ignored"]
    dictionary = load_dictionary(tmp_path)
    customer = dictionary.terms["customer-360"]
    assert customer.acronyms == ("C360",)
    assert customer.aliases == ("customer three-sixty", "single customer view")
    assert customer.definition.startswith(
        "Our one view of a customer, joining CRM"
    )  # quoted commas
    assert customer.related == ("churn-score", "data-lake")
    assert dictionary.tools["salesforce"].url == "https://www.salesforce.com/"
    assert dictionary.terms["data-lake"].definition.endswith('"as is", before cleaning.')


def test_semicolons_and_no_bom(tmp_path: Path) -> None:
    source = tmp_path / "sheet.csv"
    source.write_text(
        "term;definition;related\nGolden record;The one true copy, merged;Master data\n"
        "Master data;The shared reference data;golden record\n",
        encoding="utf-8",
    )
    report = import_csv(source, tmp_path / "out")
    assert report.refused == []
    dictionary = load_dictionary(tmp_path / "out")
    assert dictionary.terms["golden-record"].definition == "The one true copy, merged"
    assert dictionary.terms["master-data"].related == ("golden-record",)


def test_existing_entries_are_kept_unless_overwriting(tmp_path: Path) -> None:
    import_csv(MESSY, tmp_path)
    entry = tmp_path / "terms" / "churn-score.toml"
    entry.write_text('term = "Churn score"\ndefinition = "Edited by hand."\n', encoding="utf-8")
    again = import_csv(MESSY, tmp_path)
    assert "churn-score" in again.kept
    assert "Edited by hand." in entry.read_text(encoding="utf-8")
    import_csv(MESSY, tmp_path, overwrite=True)
    assert "Edited by hand." not in entry.read_text(encoding="utf-8")
    assert check_dictionary(tmp_path) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"name,aliases\nx,y\n", "needs at least the columns term and definition"),
        (b"term,definition\n\xff\xfe,x\n", "is not UTF-8"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, message: str) -> None:
    source = tmp_path / "bad.csv"
    source.write_bytes(content)
    with pytest.raises(ImportFailure, match=message):
        import_csv(source, tmp_path / "out")


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(MESSY), "--into", str(tmp_path)]) == 1  # some rows refused
    out = capsys.readouterr().out
    assert "row 7: no definition" in out
    assert "wrote 4 term(s)" in out
    assert main(["import", str(tmp_path / "missing.csv"), "--into", str(tmp_path)]) == 2
    assert "cannot read" in capsys.readouterr().err


def sheet(folder: Path, *rows: list[str], header: str = "term,definition") -> Path:
    """A CSV file with `header` and `rows`, quoted as a spreadsheet saves them."""
    path = folder / "sheet.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(header + "\n")
        csv.writer(file).writerows(rows)
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_a_tool_name_without_letters_drops_the_tool_not_the_term(tmp_path: Path) -> None:
    source = sheet(
        tmp_path,
        ["Ticket bot", "Answers tickets.", "🤖🤖", "https://bot.example/"],
        ["Help desk", "Where tickets go.", "Zendesk", "https://www.zendesk.com/"],
        header="term,definition,tool name,tool url",
    )
    report = import_csv(source, tmp_path / "out")
    assert report.written == ["ticket-bot", "help-desk"]
    assert report.warnings == [
        (
            2,
            "the tool '🤖🤖' has no letters or digits to make its id: the tool was left out, "
            "the term kept",
        )
    ]
    dictionary = load_dictionary(tmp_path / "out")  # tools.toml is readable
    assert list(dictionary.tools) == ["zendesk"]
    assert dictionary.terms["ticket-bot"].tools == ()


def test_a_bad_tool_url_drops_the_tool_not_the_term(tmp_path: Path) -> None:
    source = sheet(
        tmp_path,
        ["Dashboard", "A page of charts.", "Looker", "javascript:alert(1)"],
        ["Report", "A document.", "Sheets", ""],
        header="term,definition,tool name,tool url",
    )
    report = import_csv(source, tmp_path / "out")
    assert report.refused == []
    assert report.warnings == [
        (
            2,
            "tool url 'javascript:alert(1)' is not an http(s) address: the tool was left out, "
            "the term kept",
        ),
        (3, "the tool 'Sheets' has no url: the tool was left out, the term kept"),
    ]
    assert check_dictionary(tmp_path / "out") == []
    assert not (tmp_path / "out" / "tools.toml").exists()


def test_control_characters_are_never_written(tmp_path: Path) -> None:
    source = sheet(tmp_path, ["Churn\x7f rate", "Customers\x00 who \u202eleave\x1b.\tA share."])
    report = import_csv(source, tmp_path / "out")
    assert report.written == ["churn-rate"]
    assert report.warnings == [(2, "4 control or invisible character(s) were taken out")]
    raw = (tmp_path / "out" / "terms" / "churn-rate.toml").read_text(encoding="utf-8")
    assert not any(char in raw for char in "\x7f\x00\x1b\u202e")
    term = load_dictionary(tmp_path / "out").terms["churn-rate"]
    assert (term.term, term.definition) == ("Churn rate", "Customers who leave.\tA share.")


def test_a_cell_over_128_kib_is_a_refused_row(tmp_path: Path) -> None:
    huge = "x" * (140 * 1024)
    source = sheet(tmp_path, ["Big", huge], ["Small", "Fits."])
    report = import_csv(source, tmp_path / "out")
    assert report.refused == [(2, "the definition cell is 143,360 characters long (limit 20,000)")]
    assert report.written == ["small"]
    assert check_dictionary(tmp_path / "out") == []


def test_a_very_long_term_name_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    source = sheet(tmp_path, ["Alpha", "First."], ["x" * 30_000, "Too long."], ["Beta", "Last."])
    report = import_csv(source, tmp_path / "out")
    assert report.refused == [(3, "the term's name is 30,000 characters long (limit 200)")]
    assert report.written == ["alpha", "beta"]
    assert check_dictionary(tmp_path / "out") == []


def test_file_names_are_bounded(tmp_path: Path) -> None:
    longest = "字" * 66  # 198 bytes in UTF-8: its file name fits; one more character does not
    source = sheet(tmp_path, [longest, "Fits."], ["字" * 67, "Does not."])
    report = import_csv(source, tmp_path / "out")
    assert report.written == [longest]
    assert report.refused == [
        (3, f"the term {'字' * 67!r} is too long to name its file (limit 200 bytes)")
    ]
    assert max(len(p.name.encode()) for p in (tmp_path / "out" / "terms").iterdir()) <= 255


def test_nfc_and_nfd_spellings_are_one_term(tmp_path: Path) -> None:
    nfc = unicodedata.normalize("NFC", "Kündigungsrate")
    nfd = unicodedata.normalize("NFD", "Kündigungsrate")
    source = sheet(tmp_path, [nfc, "Der Anteil, der kündigt."], [nfd, "Noch einmal."])
    report = import_csv(source, tmp_path / "out")
    assert report.refused == [(3, f"duplicate of row 2 ({nfc!r})")]
    assert report.written == ["kündigungsrate"]
    assert check_dictionary(tmp_path / "out") == []


def test_nfd_text_is_written_in_nfc(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Café")
    source = sheet(tmp_path, [nfd, unicodedata.normalize("NFD", "Où l'on boit.")])
    assert import_csv(source, tmp_path / "out").written == ["café"]
    term = load_dictionary(tmp_path / "out").terms["café"]
    assert (term.term, term.definition) == ("Café", "Où l'on boit.")


def test_slugs_keep_every_script(tmp_path: Path) -> None:
    report = import_csv(INTERNATIONAL, tmp_path)
    assert report.refused == []
    assert report.written == [
        "kündigungsrate",
        "kundenbindung",
        "機械学習",
        "大規模言語モデル",
        "हिन्दी-शब्दकोश",
        "การเรียนรู้ของเครื่อง",
    ]
    assert check_dictionary(tmp_path) == []  # the reader accepts every slug the importer makes
    dictionary = load_dictionary(tmp_path)
    assert dictionary.terms["kündigungsrate"].related == ("kundenbindung",)
    assert dictionary.terms["機械学習"].related == ("大規模言語モデル",)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Kündigungsrate", "kündigungsrate"),
        ("GPT-4o mini", "gpt-4o-mini"),
        ("Retrieval-augmented generation (RAG)", "retrieval-augmented-generation-rag"),
        ("機械学習", "機械学習"),
        ("हिन्दी", "हिन्दी"),
        ("Ελληνικά λόγια", "ελληνικά-λόγια"),
        ("--?!", ""),
    ],
)
def test_slug_of(name: str, slug: str) -> None:
    assert slug_of(name) == slug


def test_extra_cells_are_reported(tmp_path: Path) -> None:
    source = sheet(
        tmp_path,
        ["Churn", "Customers leaving", " this quarter", ""],
        ["Retention", "Customers staying.", "", ""],
    )
    report = import_csv(source, tmp_path / "out")
    assert report.written == ["churn", "retention"]
    assert report.warnings == [(2, "cell(s) past the last column were ignored: 'this quarter'")]


def test_name_is_written_to_glossary_toml(tmp_path: Path) -> None:
    into = tmp_path / "company-glossary"
    import_csv(MESSY, into, name="Acme Glossary")
    dictionary = load_dictionary(into)
    assert (dictionary.id, dictionary.name) == ("acme-glossary", "Acme Glossary")
    import_csv(MESSY, into, name="Acme Glossary, 2nd edition")  # the id stays
    dictionary = load_dictionary(into)
    assert (dictionary.id, dictionary.name) == ("acme-glossary", "Acme Glossary, 2nd edition")


@pytest.mark.parametrize("name", ["", "   ", "Acme\x7f", "x" * 201])
def test_a_bad_name_changes_nothing(tmp_path: Path, name: str) -> None:
    with pytest.raises(ImportFailure, match="--name must be"):
        import_csv(MESSY, tmp_path / "out", name=name)
    assert not (tmp_path / "out").exists()


def test_a_failed_check_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    into = tmp_path / "glossary"
    import_csv(MESSY, into)
    before = snapshot(into)

    def broken(folder: Path) -> list[Problem]:
        return [Problem("terms/data-lake.toml", "-", "something is wrong")]

    monkeypatch.setattr("ai_glossary.glossary.importer.check_dictionary", broken)
    source = sheet(tmp_path, ["Lakehouse", "A lake with a warehouse's rules."])
    with pytest.raises(ImportFailure, match="would not pass the checker") as failure:
        import_csv(source, into, overwrite=True, name="Acme")
    assert [str(p) for p in failure.value.problems] == [
        "terms/data-lake.toml: -: something is wrong"
    ]
    assert snapshot(into) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossary", "sheet.csv"]  # no leftovers


def test_a_failed_write_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    into = tmp_path / "glossary"
    import_csv(MESSY, into)
    before = snapshot(into)
    calls = []

    def dumps(value: dict[str, object], **options: bool) -> str:
        calls.append(value)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return tomli_w.dumps(value, **options)

    monkeypatch.setattr("ai_glossary.glossary.importer.tomli_w.dumps", dumps)
    with pytest.raises(ImportFailure, match="No space left on device"):
        import_csv(MESSY, into, overwrite=True)
    assert snapshot(into) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossary"]


def test_an_import_keeps_what_else_the_folder_holds(tmp_path: Path) -> None:
    into = tmp_path / "glossary"
    import_csv(MESSY, into)
    tools = into / "tools.toml"
    tools.write_text("# Our tools.\n" + tools.read_text(encoding="utf-8"), encoding="utf-8")
    (into / "NOTES.md").write_text("Ask Ana first.\n", encoding="utf-8")
    source = sheet(
        tmp_path,
        ["Dashboard", "A page of charts.", "Looker", "https://looker.com/"],
        header="term,definition,tool name,tool url",
    )
    assert import_csv(source, into).written == ["dashboard"]
    assert (into / "NOTES.md").read_text(encoding="utf-8") == "Ask Ana first.\n"
    assert tools.read_text(encoding="utf-8").startswith("# Our tools.\n")
    assert set(load_dictionary(into).tools) == {"salesforce", "looker"}


def test_a_broken_dictionary_is_refused_untouched(tmp_path: Path) -> None:
    into = tmp_path / "glossary"
    import_csv(MESSY, into)
    (into / "terms" / "data-lake.toml").write_text("term = [\n", encoding="utf-8")
    before = snapshot(into)
    with pytest.raises(ImportFailure, match="already has problems") as failure:
        import_csv(MESSY, into, overwrite=True)
    assert "terms/data-lake.toml: -: TOML syntax error" in str(failure.value.problems[0])
    assert snapshot(into) == before


def test_a_folder_that_is_not_a_dictionary_is_refused(tmp_path: Path) -> None:
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "photo.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(ImportFailure, match="is not a dictionary"):
        import_csv(MESSY, tmp_path / "home")
    assert sorted(p.name for p in (tmp_path / "home").iterdir()) == ["photo.jpg"]


def test_a_link_to_the_folder_stays_a_link(tmp_path: Path) -> None:
    import_csv(MESSY, tmp_path / "real")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    source = sheet(tmp_path, ["Lakehouse", "A lake with rules."])
    import_csv(source, tmp_path / "link")
    assert (tmp_path / "link").is_symlink()
    assert "lakehouse" in load_dictionary(tmp_path / "real").terms


def test_nothing_to_write_touches_nothing(tmp_path: Path) -> None:
    source = sheet(tmp_path, ["", "No term."])
    report = import_csv(source, tmp_path / "out")
    assert report.refused == [(2, "no term")]
    assert not (tmp_path / "out").exists()


def test_cli_name_and_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    into = tmp_path / "out"
    assert main(["import", str(MESSY), "--into", str(into), "--name", "Acme Glossary"]) == 1
    out = capsys.readouterr().out
    assert (
        f"{MESSY}: row 8: warning: tool url 'javascript:alert(1)' is not an http(s) address: "
        "the tool was left out, the term kept"
    ) in out
    assert load_dictionary(into).name == "Acme Glossary"
    (into / "terms" / "data-lake.toml").write_text("term = [\n", encoding="utf-8")
    assert main(["import", str(MESSY), "--into", str(into), "--overwrite"]) == 2
    err = capsys.readouterr().err
    assert "already has problems: fix them first; nothing was changed" in err
    assert f"{into}/terms/data-lake.toml: -: TOML syntax error" in err


def test_cells_under_a_blank_last_heading_are_reported(tmp_path: Path) -> None:
    source = sheet(tmp_path, ["Churn", "Customers leaving.", "see Ana"], header="term,definition,")
    report = import_csv(source, tmp_path / "out")
    assert report.warnings == [(2, "cell(s) past the last column were ignored: 'see Ana'")]


def test_a_name_is_one_line(tmp_path: Path) -> None:
    source = sheet(tmp_path, ["Churn\nrate", "Customers\n\nleaving."])
    assert import_csv(source, tmp_path / "out").written == ["churn-rate"]
    term = load_dictionary(tmp_path / "out").terms["churn-rate"]
    assert (term.term, term.definition) == ("Churn rate", "Customers\n\nleaving.")
