"""`glossary annotate`, `term` and `search` print exactly the JSON bodies the API sends, for
the same text, options, glossaries and base URL: both call one core."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from ai_glossary.cli import main, paragraphs_of
from ai_glossary.settings import Settings
from ai_glossary.web.app import create_app
from starlette.testclient import TestClient

DICTIONARIES = Path(__file__).parents[1] / "fixtures" / "dictionaries"
GLOSSARIES = (DICTIONARIES / "business", DICTIONARIES / "rules")
BASE = "http://testserver"

TEXTS = [
    "RLHF made LLMs useful.",
    "An AI agent books travel.\n\nThe travel agent booked it.",
    "Fine-tuning a large language model on support tickets.",
    "The QBR went well. Customer 360 views helped the agent desk.",
    "GPT-4 and ChatGPT 😀 both hallucinate; hallucinations are documented.",
    "LoRA adapters: fine-tuned cheaply.\n\nEmbeddings of each ticket.",
    "Tokens fill the context window.\n\n\nA token for the laundry.",
    "C++ and .NET and Node.js code generation.",
    "kNN over embeddings, then a language model answers.",
    "On-device AI runs the model locally.\n\nArtificial intelligence, again.",
    "Reinforcement learning from human feedback, RLHF for short.",
    "An ontology of products; ontologies of customers.",
    "GANs generate images. A GAN has two networks.",
    "The AI model and the LLM disagree.",
    "Nothing to mark here at all, just a recipe for bread.",
    "LLM LLM LLM LLM: first only keeps one.",
    "Agent desk tickets about large language models.\n\nQuarterly business reviews.",
    "Ünïcode before GPT-4: ℂ and 𝔸 then RLHF.",
    "hallucination, hallucinations, Hallucination.",
    "An AI agent uses tokens; an AI agent uses tools.",
]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    settings = Settings(dictionary=GLOSSARIES[0], extra_dictionaries=GLOSSARIES[1:])
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    folders = [arg for folder in GLOSSARIES for arg in ("--dictionary", str(folder))]
    assert main([*args, *folders, "--base-url", BASE]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("index", range(len(TEXTS)))
@pytest.mark.parametrize("first_only", [False, True])
def test_annotate_prints_the_api_reply(
    client: TestClient,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    index: int,
    first_only: bool,
) -> None:
    text = TEXTS[index]
    file = tmp_path / "page.txt"
    file.write_text(text, encoding="utf-8")
    flags = ["--first-only"] if first_only else []
    printed = cli_json(capsys, "annotate", str(file), *flags)
    body = {"segments": paragraphs_of(text), "options": {"first_only": first_only}}
    sent = client.post("/v1/annotate", json=body)
    assert sent.status_code == 200
    assert printed == sent.json()


def test_annotate_with_a_chosen_glossary(
    client: TestClient, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    file = tmp_path / "page.txt"
    file.write_text(TEXTS[16], encoding="utf-8")
    printed = cli_json(capsys, "annotate", str(file), "--glossary", "rules")
    body = {"segments": paragraphs_of(TEXTS[16]), "glossaries": ["rules"]}
    assert printed == client.post("/v1/annotate", json=body).json()
    assert printed["dictionary"]["id"] == "rules"  # type: ignore[index]


@pytest.mark.parametrize("slug", ["large-language-model", "rlhf", "agent-desk", "token"])
def test_term_prints_the_api_reply(
    client: TestClient, capsys: pytest.CaptureFixture[str], slug: str
) -> None:
    assert cli_json(capsys, "term", slug) == client.get(f"/v1/terms/{slug}").json()


@pytest.mark.parametrize("query", ["llm", "agnet", "quarterly", "RLHF"])
def test_search_prints_the_api_reply(
    client: TestClient, capsys: pytest.CaptureFixture[str], query: str
) -> None:
    printed = cli_json(capsys, "search", query)
    assert printed == client.get("/v1/search", params={"q": query}).json()
    assert printed["results"]  # type: ignore[index]


def test_refusals_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folders = ["--dictionary", str(GLOSSARIES[1])]
    limit = Settings().max_query_chars
    file = tmp_path / "page.txt"
    file.write_text("RLHF", encoding="utf-8")
    assert main(["search", "x" * (limit + 1), *folders]) == 2
    assert main(["term", "no-such-term", *folders]) == 1
    assert main(["annotate", str(file), "--glossary", "nope", *folders]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert errors[0] == f"glossary: q is longer than {limit} characters"
    assert errors[1] == "glossary: no term with slug 'no-such-term'"
    assert errors[2].startswith("glossary: no glossary with id 'nope'")
