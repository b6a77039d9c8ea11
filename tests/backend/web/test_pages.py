"""The HTML pages: routes and statuses, the order of a term page's sections, the index and
its filter, search, the not-found page, and each page's metadata."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from ai_glossary.glossary.reader import load_dictionary
from starlette.testclient import TestClient

from tests.support.html import parse
from tests.support.pages import HTML_PAGES, PAGES, RAG, app_client, page


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with app_client(PAGES) as test_client:
        yield test_client


def test_the_fixture_is_a_complete_dictionary() -> None:
    assert len(load_dictionary(PAGES, strict=True).terms) == 8


# Routes -----------------------------------------------------------------------------------


def test_home_leads_to_the_index(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 302
    assert response.headers["location"] == "/terms"
    assert client.get("/").url.path == "/terms"


def test_term_page_sections_in_order(client: TestClient) -> None:
    html = client.get(f"/terms/{RAG}").text
    doc = parse(html)
    assert doc.headings() == [
        (1, "Retrieval-augmented generation"),
        (2, "Definition"),
        (2, "The full picture"),
        (2, "A real business example"),
        (2, "How different roles use this"),
        (2, "Common questions"),
        (2, "Tools that use Retrieval-augmented generation"),
        (2, "Related terms"),
        (2, "Also known as"),
    ]
    markers = [
        "<h1>Retrieval-augmented generation</h1>",
        "Category: <a",
        '<p class="lead">Letting a chatbot look things up',
        '<h2 id="definition">',
        "A pattern in which a system first retrieves",
        "A language model only knows what was in its training data",
        "A regional insurer",
        "<dt>Technical lead</dt>",
        "<dt>Business owner</dt>",
        "<dt>Compliance lead</dt>",
        "<summary>Is RAG the same as fine-tuning?</summary>",
        ">LangChain</a>",
        ">Embedding</a>",
        "<dd>RAG</dd>",
        "<dd>retrieval augmented generation</dd>",
        "Back to the A–Z index of all terms</a>",
    ]
    positions = [html.index(marker) for marker in markers]
    assert positions == sorted(positions)


def test_term_page_content(client: TestClient) -> None:
    doc = page(client, f"/terms/{RAG}")
    assert doc.find("a", href="/terms?category=Retrieval%20and%20knowledge").text == (
        "Retrieval and knowledge"
    )
    assert len(doc.find_all("p", class_="lead")) == 1
    assert len(doc.find_all("details")) == len(doc.find_all("summary")) == 2
    tools = [a for a in doc.find_all("a") if a.attrs["href"].startswith("https://")]
    assert [(a.text, a.attrs["href"], a.attrs["rel"]) for a in tools] == [
        ("LangChain", "https://www.langchain.com/", "noopener"),
        ("LlamaIndex", "https://www.llamaindex.ai/", "noopener"),
    ]
    assert "A framework for connecting your own documents to language models." in doc.text
    related = [a.attrs["href"] for a in doc.find_all("a") if a.attrs["href"].startswith("/terms/")]
    assert related == ["/terms/embedding", "/terms/vector-database", "/terms/large-language-model"]
    for href in related:
        assert client.get(href).status_code == 200
    assert doc.find("a", href="/terms").text  # the way back to the index


def test_every_term_has_a_page_including_unmarked_ones(client: TestClient) -> None:
    for slug in load_dictionary(PAGES).terms:
        assert page(client, f"/terms/{slug}").headings()[0][0] == 1
    assert page(client, "/terms/prompt").headings()[0] == (1, "Prompt")


def test_unknown_slug_is_a_friendly_404(client: TestClient) -> None:
    doc = page(client, "/terms/retreival-augmented-generation", status=404)
    assert doc.headings()[0] == (1, "No entry at this address")
    box = doc.find("input", name="q")
    assert box.attrs["value"] == "retreival augmented generation"
    assert doc.find("form", role="search").attrs["action"] == "/search"
    assert doc.find("a", href=f"/terms/{RAG}").text == "Retrieval-augmented generation"
    assert doc.find("meta", name="robots").attrs["content"] == "noindex"
    assert "embedding" in [
        a.attrs["href"].rsplit("/", 1)[-1]
        for a in page(client, "/terms/embeding", 404).find_all("a")
    ]


def test_unknown_slug_without_close_matches(client: TestClient) -> None:
    doc = page(client, "/terms/zzzz", status=404)
    assert "Did you mean one of these?" not in doc.text
    assert doc.find("input", name="q").attrs["value"] == "zzzz"


def test_index_lists_every_term_by_letter(client: TestClient) -> None:
    doc = page(client, "/terms")
    letters = [text for level, text in doc.headings() if level == 2]
    assert letters == ["E", "F", "L", "P", "R", "V", "#"]
    nav = [a.attrs["href"] for a in doc.find_all("a") if a.attrs["href"].startswith("#letter-")]
    assert nav == [
        "#letter-e",
        "#letter-f",
        "#letter-l",
        "#letter-p",
        "#letter-r",
        "#letter-v",
        "#letter-other",
    ]
    for anchor in nav:
        doc.find("h2", id=anchor[1:])
    names = [a.text for a in doc.find_all("a") if a.attrs["href"].startswith("/terms/")]
    assert names == [
        "Embedding",
        "Fine-tuning",
        "Large language model",
        "Prompt",
        "Reinforcement learning from human feedback",
        "Retrieval-augmented generation",
        "Vector database",
        "4-bit quantization",
    ]
    assert "The text you give a language model to tell it what you want." in doc.text
    assert doc.find("input", name="q")
    assert "8 terms." in doc.text


def test_index_filters_by_category_without_javascript(client: TestClient) -> None:
    doc = page(client, "/terms")
    filters = {
        a.text: a.attrs["href"]
        for a in doc.find_all("a")
        if a.attrs["href"].startswith("/terms?category=")
    }
    assert filters == {
        "Models": "/terms?category=Models",
        "Retrieval and knowledge": "/terms?category=Retrieval%20and%20knowledge",
        "Training": "/terms?category=Training",
        "Using models": "/terms?category=Using%20models",
    }
    [everything] = [a for a in doc.find_all("a", href="/terms") if a.text == "All categories"]
    assert everything.attrs["aria-current"] == "page"
    training = page(client, "/terms?category=Training")
    names = [a.text for a in training.find_all("a") if a.attrs["href"].startswith("/terms/")]
    assert names == ["Fine-tuning", "Reinforcement learning from human feedback"]
    assert training.find("a", href="/terms?category=Training").attrs["aria-current"] == "page"
    assert training.headings()[0] == (1, "Training: terms A to Z")


def test_unknown_category_is_a_404(client: TestClient) -> None:
    doc = page(client, "/terms?category=Nope", status=404)
    assert "There is no category called “Nope”." in doc.text
    assert page(client, "/terms?category=").headings()[0] == (1, "All terms, A to Z")


def test_search_page(client: TestClient) -> None:
    doc = page(client, "/search?q=retreival")
    assert doc.find("input", name="q").attrs["value"] == "retreival"
    results = doc.find("ol", class_="results")
    assert results.text.split()[:2] == ["Retrieval-augmented", "generation"]
    via = page(client, "/search?q=rag")
    assert "(matched “RAG”)" in via.text
    assert "1 result for “rag”" in via.text
    assert "No term matches that." in page(client, "/search?q=xyzzy").text
    empty = page(client, "/search")
    assert empty.find("input", name="q").attrs["value"] == ""
    assert not empty.find_all("ol")


def test_search_page_refuses_overlong_queries(client: TestClient) -> None:
    doc = page(client, "/search?q=" + "a" * 101, status=422)
    assert "at most 100 characters" in doc.text


def test_search_finds_unmarked_terms_and_plain_english(client: TestClient) -> None:
    assert page(client, "/search?q=prompt").find("a", href="/terms/prompt")
    assert page(client, "/search?q=documents").find("a", href=f"/terms/{RAG}")


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/terms"), ("DELETE", f"/terms/{RAG}"), ("POST", "/search"), ("PUT", "/v1/search")],
)
def test_other_methods_are_refused(client: TestClient, method: str, path: str) -> None:
    assert client.request(method, path).status_code == 405


def test_head_requests(client: TestClient) -> None:
    response = client.head(f"/terms/{RAG}")
    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["etag"] == client.get(f"/terms/{RAG}").headers["etag"]


# Metadata ---------------------------------------------------------------------------------


def test_title_description_and_canonical(client: TestClient) -> None:
    doc = page(client, f"/terms/{RAG}")
    assert doc.find("title").text == "Retrieval-augmented generation – AI Glossary"
    assert doc.find("meta", name="description").attrs["content"] == (
        "Letting a chatbot look things up in your own documents before it answers."
    )
    assert doc.find("link", rel="canonical").attrs["href"] == f"http://testserver/terms/{RAG}"
    assert doc.find("html").attrs["lang"] == "en"
    index = page(client, "/terms?category=Using%20models")
    assert index.find("link", rel="canonical").attrs["href"] == (
        "http://testserver/terms?category=Using%20models"
    )


def test_canonical_links_use_the_public_url() -> None:
    with app_client(PAGES, public_url="https://glossary.example/base/") as client:
        doc = page(client, f"/terms/{RAG}")
        assert doc.find("link", rel="canonical").attrs["href"] == (
            f"https://glossary.example/base/terms/{RAG}"
        )
        assert doc.find("a", href="/base/terms/embedding")
        assert (
            doc.find("link", rel="stylesheet")
            .attrs["href"]
            .startswith("/base/static/glossary.css?v=")
        )
        assert doc.json_ld()[0]["@id"] == f"https://glossary.example/base/terms/{RAG}"
        assert client.get("/", follow_redirects=False).headers["location"] == "/base/terms"


def test_json_ld_defined_term_in_its_set(client: TestClient) -> None:
    [data] = page(client, "/terms/reinforcement-learning-from-human-feedback").json_ld()
    url = "http://testserver/terms/reinforcement-learning-from-human-feedback"
    assert data == {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "@id": url,
        "url": url,
        "name": "Reinforcement learning from human feedback",
        "alternateName": ["RLHF"],
        "description": "Teaching a model which of its answers people prefer, so it gives more "
        "answers like those.",
        "inDefinedTermSet": {
            "@type": "DefinedTermSet",
            "@id": "http://testserver/terms",
            "name": "AI Glossary",
            "url": "http://testserver/terms",
        },
    }
    [index] = page(client, "/terms").json_ld()
    assert index["@type"] == "DefinedTermSet"
    assert len(index["hasDefinedTerm"]) == 8
    assert {t["@type"] for t in index["hasDefinedTerm"]} == {"DefinedTerm"}


@pytest.mark.parametrize("path", [*HTML_PAGES, "/terms/nope", "/terms?category=Nope"])
def test_headings_in_order_and_landmarks(client: TestClient, path: str) -> None:
    response = client.get(path)
    doc = parse(response.text)
    levels = [level for level, _ in doc.headings()]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    for tag in ("header", "main", "footer"):
        doc.find(tag)
    assert doc.find("a", class_="skip-link").attrs["href"] == "#main"
    assert doc.find("main").attrs["id"] == "main"
    assert len(doc.find_all("form", role="search")) == 1
    ids = [e.attrs["id"] for e in doc.elements if "id" in e.attrs]
    assert len(ids) == len(set(ids))
    for label in doc.find_all("label"):
        doc.find("input", id=label.attrs["for"])
