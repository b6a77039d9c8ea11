"""Dictionary text is text: a dictionary whose every field holds markup, script,
`javascript:` and attribute-breaking quotes renders all of it inert, on every page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from tests.support.html import live_markup, parse
from tests.support.pages import HOSTILE, app_client, page


@pytest.fixture(scope="module")
def hostile() -> Iterator[TestClient]:
    with app_client(HOSTILE) as test_client:
        yield test_client


def test_a_sparse_entry_shows_only_its_sections(hostile: TestClient) -> None:
    headings = [text for _, text in page(hostile, "/terms/quote-payload").headings()]
    assert headings == [
        "Quote \"' term",
        "Definition",
        "Tools that use Quote \"' term",
        "Related terms",
        "Also known as",
    ]


# Hostile dictionary text ------------------------------------------------------------------

HOSTILE_PAGES = [
    "/terms",
    "/terms/script-payload",
    "/terms/quote-payload",
    "/terms?category=" + 'Hostile "><script>window.pwned=12</script> & co',
    "/search?q=script",
    "/search?q=%3Cscript%3Ealert(1)%3C/script%3E",
    "/terms/%3Cscript%3Ewindow.pwned=1%3C%5Cscript%3E",
    "/terms/%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E",
]


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_hostile_text_is_inert(hostile: TestClient, path: str) -> None:
    response = hostile.get(path)
    assert response.status_code in (200, 404)
    doc = parse(response.text)
    assert live_markup(doc) == []
    assert "<script>window.pwned=1</script> Glossary" in doc.find("title").text
    for attrs, body in doc.scripts:  # JSON-LD: no character that could end the element
        assert attrs == {"type": "application/ld+json"}
        assert not {"<", ">", "&"} & set(body)
    after_head = response.text.split("</head>", 1)[1]
    assert "<script" not in after_head and "<img" not in after_head


def test_a_slug_with_a_slash_is_no_page(hostile: TestClient) -> None:
    response = hostile.get("/terms/%3Cscript%3Ewindow.pwned=1%3C%2Fscript%3E")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"


def test_hostile_fields_are_shown_as_text(hostile: TestClient) -> None:
    response = hostile.get("/terms/script-payload")
    doc = parse(response.text)
    text = doc.text
    for shown in [
        "<script>window.pwned=10</script> Script term",
        'Hostile "><script>window.pwned=12</script> & co',
        "</script><script>window.pwned=13</script> A plain line with <i>markup</i> & ampersands.",
        '<img src=x onerror="window.pwned=14"> A definition. {{ 7*7 }} {% raw %} ${7*7}',
        '<p onclick="window.pwned=15">First paragraph</p>',
        '<iframe src="javascript:window.pwned=16"></iframe>',
        '<a href="javascript:window.pwned=17">A business example</a>',
        '" autofocus onfocus="window.pwned=19" x="',
        '<details open ontoggle="window.pwned=21">question?</details>',
        '<img src=x onerror="window.pwned=3">Evil tool',
        "javascript:window.pwned=6 </script><script>window.pwned=7</script>",
        "Quote \"' term",
        '<b onclick="window.pwned=11">bold alias</b>',
    ]:
        assert shown in text, shown
    assert "49" not in text  # no template evaluated the dictionary's text
    [data] = doc.json_ld()
    assert data["name"] == "<script>window.pwned=10</script> Script term"
    assert data["inDefinedTermSet"]["name"].startswith("<script>window.pwned=1</script>")
    script = response.text.split('<script type="application/ld+json">', 1)[1].split("</script>")[0]
    assert "<" not in script and ">" not in script and "&" not in script
    evil = doc.find("a", rel="noopener")
    assert evil.attrs["href"] == (
        "https://example.com/?a=\"><script>window.pwned=5</script>&b='x'&c=javascript:alert(1)"
    )
    category = [a for a in doc.find_all("a") if a.attrs["href"].startswith("/terms?category=")]
    assert category[0].attrs["href"] == (
        "/terms?category=Hostile%20%22%3E%3Cscript%3Ewindow.pwned%3D12%3C%2Fscript%3E%20%26%20co"
    )
    assert hostile.get(category[0].attrs["href"]).status_code == 200


def test_hostile_search_json_is_plain_data(hostile: TestClient) -> None:
    reply = hostile.get("/v1/search", params={"q": "script term"}).json()
    assert reply["results"][0]["term"] == "<script>window.pwned=10</script> Script term"
