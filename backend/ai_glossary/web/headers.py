"""Headers every response carries, API and pages alike, and the hosts the server answers to."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.datastructures import MutableHeaders
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ai_glossary.web.errors import error_response

ALWAYS = {
    # Browsers must take each response for the type it declares: JSON is never run as a script.
    "X-Content-Type-Options": "nosniff",
    # JSON loads nothing and is framed by no one; pages set a policy of their own.
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
}


class SecurityHeaders:
    """Adds `ALWAYS` to every HTTP response that does not set those headers itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in ALWAYS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, add_headers)


class TrustedHosts:
    """Starlette's `TrustedHostMiddleware` with the API's JSON error: a request whose `Host`
    is not one of `hosts` is a 400 `untrusted_host`, so a forged Host never reaches a link.
    No hosts: any host is served."""

    def __init__(self, app: ASGIApp, hosts: Sequence[str] = ()) -> None:
        self.app = app
        self.hosts = list(hosts)
        try:  # a bad pattern fails at start-up, not at the first request
            TrustedHostMiddleware(app, self.hosts)
        except AssertionError as error:
            raise ValueError(f"trusted_hosts: {error}") from None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.hosts or scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        trusted = False

        async def app(scope: Scope, receive: Receive, send: Send) -> None:
            nonlocal trusted
            trusted = True
            await self.app(scope, receive, send)

        async def refuse(message: Message) -> None:
            if trusted:
                await send(message)
            elif message["type"] == "http.response.start":  # Starlette's plain-text 400
                why = "the Host header names no host this server answers to"
                await error_response(400, "untrusted_host", why)(scope, receive, send)

        check = TrustedHostMiddleware(app, self.hosts, www_redirect=False)
        await check(scope, receive, refuse)
