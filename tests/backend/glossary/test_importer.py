"""`glossary import`: a messy real-world CSV becomes a valid dictionary; bad rows are named."""

from __future__ import annotations

from pathlib import Path

import pytest
from ai_glossary.cli import main
from ai_glossary.glossary.importer import ImportFailure, import_csv
from ai_glossary.glossary.reader import check_dictionary, load_dictionary

MESSY = Path(__file__).parents[2] / "fixtures" / "csv" / "messy.csv"


def test_messy_csv(tmp_path: Path) -> None:
    report = import_csv(MESSY, tmp_path)
    assert sorted(report.written) == ["churn-score", "customer-360", "data-lake"]
    assert report.refused == [
        (6, "duplicate of row 4 ('Churn Score')"),
        (7, "no definition"),
        (8, "tool url 'javascript:alert(1)' is not an http(s) address"),
        (9, "no term"),
        (10, "the form 'Customer three-sixty' is already used by customer-360"),
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
    assert "wrote 3 term(s)" in out
    assert main(["import", str(tmp_path / "missing.csv"), "--into", str(tmp_path)]) == 2
    assert "cannot read" in capsys.readouterr().err
