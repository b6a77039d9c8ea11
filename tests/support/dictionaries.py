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
