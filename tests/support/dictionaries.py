"""Small dictionaries written for a test."""

from __future__ import annotations

from pathlib import Path


def write_two_perplexities(folder: Path) -> None:
    """A glossary whose metric, never marked, shares "Perplexity" with the company."""
    (folder / "terms").mkdir()
    (folder / "terms" / "metric.toml").write_text(
        'term = "Perplexity"\nmarked = false\ndefinition = "How surprised a model is."\n',
        encoding="utf-8",
    )
    (folder / "terms" / "company.toml").write_text(
        'term = "Perplexity AI"\naliases = ["Perplexity"]\ndefinition = "An answer engine."\n',
        encoding="utf-8",
    )


def write_perplexities_by_case(folder: Path, capital: bool = True) -> None:
    """A glossary whose company keeps its name capitalised (`capital = true`) and whose
    metric, marked too, has the name in lower case."""
    (folder / "terms").mkdir(parents=True)
    (folder / "terms" / "metric.toml").write_text(
        'term = "Perplexity"\nambiguous = ["perplexity"]\n'
        'definition = "How surprised a model is by a text."\n',
        encoding="utf-8",
    )
    (folder / "terms" / "company.toml").write_text(
        'term = "Perplexity AI"\naliases = ["Perplexity"]\nambiguous = ["Perplexity"]\n'
        'definition = "An answer engine: ask Perplexity, and Perplexity cites its sources."\n'
        f"[context]\ncapital = {str(capital).lower()}\n",
        encoding="utf-8",
    )
