"""The extension shapes a block's words as the backend's matcher shapes text (its prefilter
looks words up in the backend's index): one text, the same words, on every kind of text."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from ai_glossary.model.shaping import normalize

from tests.support.browsers import ROOT

SCRIPT = Path(__file__).parent / "unit" / "shaped_words.mjs"
PAGES = ROOT / "tests" / "fixtures" / "pages"
SAMPLES = [
    "The GPT-4.1 model, C++ and C#. DAIR.AI. e.g. i.e. end... x.y .5 v1.",
    "ΟΔΟΣ οδός Σίσυφος İstanbul naïve café Kündigungsrate Straße ǅemal ﬁne ½ ² x²",
    "大语言模型 和 RLHF。 「引用」 한국어 텍스트 العربية",
    "a_b—c–d 'quoted' “LLMs” don't tab\tnew\nline  spaces",
    "emoji 🤖 model𝔘x ZWJ\u200dhere soft\u00adhyphen",
    "#AI ##RAG C# x#y C++ C++17 Command R+ SFT+DPO +1 1+1 ++x a ++ naïve+café C٣+x +٣ x+²",
]


def test_the_extension_shapes_words_as_the_matcher_does() -> None:
    node = shutil.which("node")
    assert node, "Node is missing: run `make browsers` (the test command does)"
    texts = SAMPLES + [
        re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")) for page in PAGES.glob("*.html")
    ]
    result = subprocess.run(
        [node, str(SCRIPT), json.dumps(texts)], capture_output=True, text=True, check=True
    )
    shaped = json.loads(result.stdout)
    for text, words in zip(texts, shaped, strict=True):
        assert words == normalize(text).replace("ς", "σ").split(), text
