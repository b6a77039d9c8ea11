"""The application factory: routes, middleware and the start-up that builds the matcher."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import BaseRoute, Mount, Route

from ai_glossary.settings import Settings
from ai_glossary.web import api, heap, pages, prefilter, probes, redaction, seo
from ai_glossary.web.errors import APIError, HideFailures, api_error, http_error, server_error
from ai_glossary.web.headers import SecurityHeaders, TrustedHosts
from ai_glossary.web.metrics import CountRequests, metrics_endpoint
from ai_glossary.web.reloading import Reloader, reload_endpoint
from ai_glossary.web.state import AppState

# Extension pages and service workers send these origins.
EXTENSION_ORIGINS = r"(chrome-extension|moz-extension|safari-web-extension)://[a-zA-Z0-9\-]+"


def routes(settings: Settings) -> list[BaseRoute]:
    admin = [Route("/v1/admin/reload", reload_endpoint, methods=["POST"])]
    return [
        Route("/v1/annotate", api.annotate, methods=["POST"]),
        Route("/v1/cards", api.cards, methods=["GET"]),
        Route("/v1/glossaries", api.glossaries, methods=["GET"]),
        Route("/v1/limits", api.limits, methods=["GET"]),
        Route("/v1/prefilter", prefilter.prefilter, methods=["GET"]),
        *(admin if settings.admin_token else []),
        Route("/v1/terms/{slug}", api.term, methods=["GET"]),
        Route("/v1/search", api.search, methods=["GET"]),
        Route("/", pages.home, methods=["GET"]),
        Route("/terms", pages.index, methods=["GET"]),
        Route("/terms/{slug}", pages.term_page, methods=["GET"]),
        Route("/glossaries/{glossary}/terms/{slug}", pages.glossary_term_page, methods=["GET"]),
        Route("/search", pages.search_page, methods=["GET"]),
        Mount("/static", app=pages.static_files(), name="static"),
        Route("/healthz", api.health, methods=["GET"]),
        Route("/robots.txt", seo.robots_txt, methods=["GET"]),
        Route("/sitemap.xml", seo.sitemap_xml, methods=["GET"]),
        Route("/readyz", probes.ready, methods=["GET"]),
        Route("/metrics", metrics_endpoint, methods=["GET"]),
        Route("/openapi.json", api.openapi, methods=["GET"]),
    ]


def create_app(settings: Settings | None = None, *, settle: bool = False) -> Starlette:
    """`settle`: keep the served data out of the cycle collector's full collections
    (`web/heap.py`), as a server process does; tests that build many apps in one process
    leave it off."""
    settings = settings or Settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        redaction.install()
        # The reloader notes the stamp before the state is built: a reload that another
        # worker announces while this one is still building is then followed, not missed.
        reloader = Reloader(app, settings, settle=settle)
        if getattr(app.state, "glossary", None) is None:
            app.state.glossary = AppState.build(settings)
        if settle:
            heap.settle()
        app.state.reloader = reloader
        yield

    app = Starlette(
        routes=routes(settings),
        # Outermost first: every response, errors included, gets the headers and CORS.
        middleware=[
            Middleware(CountRequests),  # outermost: times and counts every reply
            Middleware(SecurityHeaders),
            Middleware(TrustedHosts, hosts=settings.trusted_hosts),
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_origin_regex=EXTENSION_ORIGINS,
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type"],
                max_age=86400,
            ),
            Middleware(HideFailures),
        ],
        exception_handlers={
            APIError: api_error,
            HTTPException: http_error,
            Exception: server_error,
        },
        lifespan=lifespan,
    )
    app.state.glossary = None
    return app


def app_from_env() -> Starlette:
    """The factory uvicorn's workers call: settings come from GLOSSARY_* variables."""
    return create_app(Settings.from_env(), settle=True)
