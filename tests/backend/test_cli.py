"""The `glossary` command: check, annotate, and clean failures for bad arguments."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from backend.cli import main

DICTIONARIES = Path(__file__).parents[1] / "fixtures" / "dictionaries"
RULES = DICTIONARIES / "rules"


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_ok(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--dictionary", str(RULES)]) == 0
    assert capsys.readouterr().out.strip().endswith(": ok")


def test_check_names_file_and_field(capsys: pytest.CaptureFixture[str]) -> None:
    broken = DICTIONARIES / "broken" / "wrong-types"
    assert main(["check", "--dictionary", str(broken)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "terms/thing.toml: definition: must be a string, not a number" in out


def test_annotate_file_matches_the_api_shape(tmp_path: Path) -> None:
    text = tmp_path / "article.txt"
    text.write_text("RLHF made LLMs useful.\n", encoding="utf-8")
    result = run("annotate", "--dictionary", str(RULES), str(text))
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    assert [m["term"] for m in reply["matches"]] == ["rlhf", "large-language-model"]
    assert reply["terms"]["rlhf"]["url"] == "/terms/rlhf"
    assert set(reply) == {"dictionary", "context", "matches", "terms"}


def test_annotate_stdin() -> None:
    result = run("annotate", "--dictionary", str(RULES), "-", stdin="an LLM and a GAN")
    assert [m["term"] for m in json.loads(result.stdout)["matches"]] == [
        "large-language-model",
        "gan",
    ]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (
            ("annotate", "--dictionary", str(RULES), "/no/such/file.txt"),
            "cannot read /no/such/file.txt",
        ),
        (("frobnicate",), "invalid choice"),
        (("serve", "--port", "many"), "invalid int value"),
        (("serve", "--port", "0", "--dictionary", str(RULES)), "--port between"),
        ((), "required"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(args: tuple[str, ...], needle: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert needle in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_serve_refuses_a_broken_dictionary() -> None:
    broken = DICTIONARIES / "broken" / "duplicate-form"
    result = run("serve", "--dictionary", str(broken), "--port", "1")
    assert result.returncode == 1
    assert "terms/retrieval.toml: acronyms[0]: 'RAG' is also claimed" in result.stderr
    assert "Traceback" not in result.stderr
