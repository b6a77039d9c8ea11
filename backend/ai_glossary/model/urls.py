"""Web addresses: the one rule for a tool's link, shared by the checker, the importer and pages."""

from __future__ import annotations

from urllib.parse import urlsplit


def is_web_url(url: str) -> bool:
    """`url` is an http:// or https:// address with a host, and no white space or control
    character anywhere (Unicode counts both as not printable, except the plain space)."""
    if " " in url or not url.isprintable():
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # a malformed IPv6 host, "http://[::1"
        return False
    return parts.scheme in ("http", "https") and bool(host)


def web_url(url: str) -> str | None:
    """`url` without surrounding white space if it is a web address, else None: no
    `javascript:` link ever gets an href."""
    url = url.strip()
    return url if is_web_url(url) else None
