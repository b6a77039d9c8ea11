"""The `glossary` command: check, annotate, and clean failures for bad arguments."""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from ai_glossary.cli import _parser, main

DICTIONARIES = Path(__file__).parents[1] / "fixtures" / "dictionaries"
RULES = DICTIONARIES / "rules"


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ai_glossary.cli", *args],
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
    assert reply["terms"]["rlhf"]["glossary"] == {"id": "rules", "name": "Matching rules fixture"}


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


def broken_dictionaries(tmp_path: Path) -> list[Path]:
    """Every broken fixture, plus the cases that cannot live in git: a 10 MB field, a file
    over the size limit and a FIFO (reading one would block for ever)."""
    folders = sorted(
        p for p in (DICTIONARIES / "broken").iterdir() if p.name != "strict-incomplete"
    )
    huge_field = tmp_path / "huge-field"
    (huge_field / "terms").mkdir(parents=True)
    (huge_field / "terms" / "thing.toml").write_text(
        'term = "Thing"\ndefinition = "' + "x" * (10 * 1024 * 1024) + '"\n', encoding="utf-8"
    )
    huge_file = tmp_path / "huge-file"
    (huge_file / "terms").mkdir(parents=True)
    (huge_file / "terms" / "thing.toml").write_bytes(b"#" * (17 * 1024 * 1024))
    fifo = tmp_path / "fifo"
    (fifo / "terms").mkdir(parents=True)
    (fifo / "terms" / "thing.toml").write_text('term = "T"\ndefinition = "A T."\n', "utf-8")
    os.mkfifo(fifo / "terms" / "pipe.toml")
    return [*folders, huge_field, huge_file, fifo]


def test_serve_refuses_every_broken_dictionary_with_the_checkers_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    def must_not_start(*args: object, **kwargs: object) -> None:
        raise AssertionError("the server started on a broken dictionary")

    monkeypatch.setattr(uvicorn, "run", must_not_start)
    for folder in broken_dictionaries(tmp_path):
        assert main(["check", "--dictionary", str(folder)]) == 1
        checked = capsys.readouterr().out.splitlines()
        assert checked, folder
        assert main(["serve", "--dictionary", str(folder), "--port", "8000"]) == 1
        refused = capsys.readouterr()
        assert refused.err.splitlines() == checked, folder
        assert refused.out == ""
        assert all(line.count(": ") >= 2 for line in checked), checked  # FILE: field: why


def test_serve_subprocess_refuses_before_binding() -> None:
    """The real command: exits 1 with the reasons, without starting uvicorn at all."""
    for name in ("syntax-error", "not-utf8", "symlink-out"):
        result = run("serve", "--dictionary", str(DICTIONARIES / "broken" / name), "--port", "1")
        assert result.returncode == 1
        assert result.stderr.startswith("terms/"), result.stderr
        assert "Traceback" not in result.stderr and "Uvicorn" not in result.stderr


def test_serve_names_the_folder_of_a_broken_second_glossary() -> None:
    broken = DICTIONARIES / "broken" / "wrong-types"
    result = run("serve", "--dictionary", str(RULES), "--dictionary", str(broken), "--port", "1")
    assert result.returncode == 1
    assert f"{broken}/terms/thing.toml: definition: must be a string" in result.stderr


def test_annotate_as_text_names_the_terms_it_marked(tmp_path: Path) -> None:
    text = tmp_path / "article.txt"
    text.write_text("RLHF made LLMs useful.\n\nNothing here.\n", encoding="utf-8")
    result = run("annotate", "--dictionary", str(RULES), "--format", "text", str(text))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "[RLHF] made [LLMs] useful."
    assert "2 term(s) found:" in lines
    assert any(
        line.strip().endswith("(rlhf): Post-training with human preferences.") for line in lines
    )
    piped = run("annotate", "--dictionary", str(RULES), str(text))
    assert json.loads(piped.stdout)["matches"]  # JSON when piped


def test_annotate_explains_as_text_or_as_the_api_reply() -> None:
    page = "The travel agent booked our flights.\n\nAn AI agent calls tools to book them.\n"
    text = run("annotate", "--explain", "-", stdin=page)
    assert text.returncode == 0, text.stderr
    assert text.stdout.splitlines()[0].startswith("paragraph 1: 'agent' as ai-agent: not marked")
    assert "never: travel agent" in text.stdout
    asked = run("annotate", "--explain", "--format", "json", "-", stdin=page)
    assert asked.returncode == 0, asked.stderr
    reply = json.loads(asked.stdout)
    [why] = reply["explanations"]
    assert (why["segment"], why["term"], why["kept"]) == (0, "ai-agent", False)
    [never] = [e for e in why["evidence"] if e["kind"] == "never"]
    assert never["detail"] == "travel agent" and never["weight"] < 0
    assert [m["term"] for m in reply["matches"]] == ["ai-agent"]


def test_serve_says_when_the_port_is_taken() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", "--dictionary", str(RULES), "--port", str(port))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"127.0.0.1:{port} is in use" in result.stderr
    assert f"PORT={port + 1} make run" in result.stderr


def test_every_option_has_help() -> None:
    parser = _parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in commands.choices.items():
        for action in sub._actions:
            if action.dest != "help":
                assert action.help, (name, action.dest)


def test_check_names_what_one_glossary_hides_of_another(
    capsys: pytest.CaptureFixture[str],
) -> None:
    business, rules = DICTIONARIES / "business", DICTIONARIES / "rules"
    assert main(["check", "--dictionary", str(business), "--dictionary", str(rules)]) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if line.startswith("note:")]
    assert (
        "note: LLM: Acme Corp glossary 'Large language model' hides Matching rules fixture "
        "'Large language model'" in notes
    )
