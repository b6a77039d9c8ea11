"""The Jinja2 environment of the HTML pages (autoescaping on) and the files it ships with."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ai_glossary.model.urls import web_url

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE / "templates"
STATIC = PACKAGE / "static"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # dictionary text is text, in every template and every string
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["web_url"] = web_url  # a tool's link gets an href only if it is http(s)
    return env


@cache
def build_id() -> str:
    """A digest of the templates and static files: a new release invalidates cached pages."""
    digest = hashlib.sha256()
    for folder in (TEMPLATES, STATIC):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def render(template: str, context: dict[str, Any]) -> str:
    return environment().get_template(template).render(context)
