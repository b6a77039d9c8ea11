"""Settings as data: each has a name, a default and a line of help, and can come from the env."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TypeVar

from ai_glossary.glossary.reader import BUNDLED
from ai_glossary.service.annotate import CARD_TOOLS
from ai_glossary.service.core import Limits
from ai_glossary.service.search import MAX_QUERY_CHARS, MAX_RESULTS

T = TypeVar("T")


def _setting(default: T, help: str) -> T:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    dictionary: Path = _setting(BUNDLED, "Dictionary folder to serve (the first glossary).")
    extra_dictionaries: tuple[Path, ...] = _setting(
        (), "Further dictionary folders, served after the first one, in priority order."
    )
    admin_token: str = _setting(
        "", "Token for POST /v1/admin/reload (GLOSSARY_ADMIN_TOKEN); empty: no such endpoint."
    )
    reload_stamp: str = _setting(
        "", "File whose change tells every worker to reload (set by `glossary serve`)."
    )
    # The extension sends at most 30,000 characters a request, in pieces of at most 20,000:
    # these limits leave it room and bound the work and the reply of one request (the
    # judgement of a 200,000-character segment took seconds; see docs/reliability.md).
    max_body_bytes: int = _setting(128 * 1024, "Largest annotate request body, in bytes.")
    body_timeout: float = _setting(
        15.0, "Seconds a client may take to send a request body; slower ones get a 408."
    )
    head_timeout: float = _setting(
        10.0, "Seconds a connection may take to send a request's line and headers (then closed)."
    )
    max_segments: int = _setting(10_000, "Most segments in one annotate request.")
    max_segment_chars: int = _setting(20_000, "Longest segment, in characters.")
    max_query_chars: int = _setting(
        MAX_QUERY_CHARS, "Longest search query, in characters (longer ones get a 422)."
    )
    search_results: int = _setting(MAX_RESULTS, "Most results one search returns.")
    card_tools: int = _setting(CARD_TOOLS, "Most tools a hover card lists.")
    cache_entries: int = _setting(
        20_000,
        "Annotate replies kept in the reply cache (digests and replies only; at most 1,024 "
        "and 2 MiB); 0: no reply cache.",
    )
    cors_origins: tuple[str, ...] = _setting(
        (), "Extra origins allowed by CORS, besides extension origins."
    )
    public_url: str = _setting(
        "",
        "Public address of the term pages, for links and canonical URLs (empty: the request's).",
    )
    trusted_hosts: tuple[str, ...] = _setting(
        (),
        "Host names the server answers to, comma-separated ('*.example.org' allowed); others "
        "get a 400. Empty: any, and links use the request's Host only when public_url is empty.",
    )
    forwarded_allow_ips: tuple[str, ...] = _setting(
        (),
        "Addresses of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are "
        "believed, comma-separated (uvicorn's forwarded_allow_ips). Empty: no one's.",
    )
    shutdown_timeout: float = _setting(
        10.0, "Seconds requests in flight get to finish after SIGTERM; then the worker exits."
    )

    @property
    def dictionaries(self) -> tuple[Path, ...]:
        return (self.dictionary, *self.extra_dictionaries)

    @property
    def limits(self) -> Limits:
        return Limits(self.card_tools, self.max_query_chars, self.search_results)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Read GLOSSARY_<NAME> variables (used to hand settings to uvicorn's workers)."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for spec in fields(cls):
            raw = env.get(f"GLOSSARY_{spec.name.upper()}")
            if raw is None:
                continue
            if spec.name == "dictionary":
                values[spec.name] = Path(raw)
            elif spec.name == "extra_dictionaries":
                values[spec.name] = tuple(Path(p) for p in raw.split(os.pathsep) if p)
            elif spec.name in ("cors_origins", "trusted_hosts", "forwarded_allow_ips"):
                values[spec.name] = tuple(o.strip() for o in raw.split(",") if o.strip())
            elif spec.name in ("public_url", "admin_token", "reload_stamp"):
                values[spec.name] = raw
            elif spec.name in ("body_timeout", "head_timeout", "shutdown_timeout"):
                values[spec.name] = float(raw)
            else:
                values[spec.name] = int(raw)
        return cls(**values)  # type: ignore[arg-type]

    def to_env(self) -> dict[str, str]:
        env = {}
        for spec in fields(self):
            value = getattr(self, spec.name)
            separator = os.pathsep if spec.name == "extra_dictionaries" else ","
            text = separator.join(map(str, value)) if isinstance(value, tuple) else str(value)
            env[f"GLOSSARY_{spec.name.upper()}"] = text
        return env


def describe() -> list[tuple[str, object, str]]:
    """(name, default, help) of every setting, for docs and `--help`."""
    return [(spec.name, spec.default, spec.metadata["help"]) for spec in fields(Settings)]
