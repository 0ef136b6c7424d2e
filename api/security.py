"""Security headers on every response, and CORS only for the origins the operator names.

Every response gets a strict Content-Security-Policy (JSON ones too: it costs nothing and holds if
a browser is ever made to render one), nosniff, no referrer and no framing. Two pages differ:

- the overlap report (/api/report?format=html) is one self-contained file with an inline <style>
  (it is also written to disk by `rolemap report`): that one style is allowed by its hash;
- the OpenAPI pages (/docs, /redoc) load Swagger UI and ReDoc from cdn.jsdelivr.net and inject
  styles: they get their own policy allowing that CDN, inline styles, and Swagger UI's one inline
  script by its hash. They show the API's own schema, never stored data.

The headers are fixed byte pairs built once at start-up; a request only looks up its path.
"""

import base64
import hashlib
import re
from collections.abc import Mapping, Sequence

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rolemap.config import Settings
from rolemap.report import Report
from rolemap.report_formats import to_html

Header = tuple[bytes, bytes]

# Pages load nothing from elsewhere and run only our own script (api/static): default-src 'self'
# covers scripts and styles, so inline ones and event-handler attributes are refused.
PAGE_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
CDN = "https://cdn.jsdelivr.net"  # where FastAPI's /docs and /redoc load their code from
COMMON: tuple[Header, ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),  # terms a user looked up stay out of other sites' logs
    (b"x-frame-options", b"DENY"),  # frame-ancestors for browsers without CSP 2
)
# Reads from another origin's page; writes still need the bearer token (no cookies are used).
CORS_METHODS = ["GET", "POST"]
CORS_HEADERS = ["Authorization", "Content-Type"]


class SecurityHeaders:
    """Pure ASGI: appends the precomputed headers of the request's path to the response start."""

    def __init__(
        self, app: ASGIApp, default: Sequence[Header], by_path: Mapping[str, Sequence[Header]]
    ) -> None:
        self.app, self.default, self.by_path = app, tuple(default), dict(by_path)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.by_path.get(scope["path"], self.default)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # a new list: a response object may send the same header list every time
                message["headers"] = [*message.get("headers", ()), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def add_security(app: FastAPI, settings: Settings) -> None:
    """CORS when origins are configured, inside the security headers so that its preflight
    answers carry them too."""
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=CORS_METHODS,
            allow_headers=CORS_HEADERS,
        )
    app.add_middleware(SecurityHeaders, default=headers(PAGE_POLICY), by_path=special_pages(app))


def headers(policy: str) -> tuple[Header, ...]:
    return ((b"content-security-policy", policy.encode()), *COMMON)


def special_pages(app: FastAPI) -> dict[str, tuple[Header, ...]]:
    report = f"{PAGE_POLICY}; style-src 'self' {inline_hash(_report_html(), 'style')}"
    pages = {"/api/report": headers(report)}
    if app.openapi_url:
        docs = headers(docs_policy(inline_hash(_swagger_html(app, app.openapi_url), "script")))
        pages |= {url: docs for url in (app.docs_url, app.redoc_url) if url}
    return pages


def docs_policy(swagger_script: str) -> str:
    """What Swagger UI and ReDoc need, checked in Chromium: both inject <style> elements, ReDoc
    uses Google Fonts and a blob: worker for search; the favicon is FastAPI's."""
    return (
        f"default-src 'none'; script-src {CDN} {swagger_script}; "
        f"style-src 'unsafe-inline' {CDN} https://fonts.googleapis.com; "
        "font-src https://fonts.gstatic.com; img-src 'self' data: https://fastapi.tiangolo.com; "
        "connect-src 'self'; worker-src blob:; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"
    )


def inline_hash(html: str, tag: str) -> str:
    """The CSP source that allows the one inline <tag> element of `html`, by its SHA-256."""
    (body,) = re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    return f"'sha256-{digest}'"


def _report_html() -> str:
    """The report page of an empty report: its <style> is the same for every report."""
    summary = {"findings": 0, "open": 0, "settled": 0}
    empty = Report(True, summary, [], [], {"columns": [], "rows": []})
    return to_html(empty)


def _swagger_html(app: FastAPI, openapi_url: str) -> str:
    """The /docs page as FastAPI builds it (without a proxy's root_path), for its inline script."""
    return get_swagger_ui_html(
        openapi_url=openapi_url,
        title=f"{app.title} - Swagger UI",
        oauth2_redirect_url=app.swagger_ui_oauth2_redirect_url,
        init_oauth=app.swagger_ui_init_oauth,
        swagger_ui_parameters=app.swagger_ui_parameters,
    ).body.decode()
