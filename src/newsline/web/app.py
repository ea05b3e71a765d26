"""The FastAPI application behind ``newsline serve``: JSON API (``api.py``), HTML pages (``pages.py``).

The database is opened read-only, once per request, with the same query functions as the CLI. Expected
errors (``newsline.errors``: unknown id, bad date, bad page, malformed query) become 4xx: JSON under ``/api``, a
page elsewhere, naming parameters as the web does; anything else is a bug: a 500 with a plain message, its
traceback logged.
With a token, every request must carry it (``Authorization: Bearer``, or once as ``?token=`` in a browser,
which sets a cookie). Without one, ``serve`` limits the Host header to loopback names, so a web page that
rebinds its DNS name to 127.0.0.1 cannot read the database through the visitor's browser.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsline import __version__
from newsline.errors import InvalidArgument, NewslineError, NotFound
from newsline.store import read_only_stores
from newsline.web import api, pages
from newsline.timeline.query import UnknownEntity, UnknownStory
from newsline.web.common import HERE, PageOutOfRange, templates

LOG = logging.getLogger("newsline.web")
TOKEN_COOKIE = "newsline_token"
SECURITY_HEADERS = {
    # Everything is served by the app itself: no inline scripts or styles, no third-party origins.
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                               " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen beyond this machine without a token: the database would be readable by anyone."""
    if token is not None and len(token) < 16:  # the message shows the token's length, never the token
        raise InvalidArgument("token", f"{len(token)} characters", "must be at least 16 characters; generate one"
                                                                   " with `openssl rand -hex 16`")
    if token is None and not is_loopback(host):
        raise InvalidArgument("host", host, "refusing to listen there without --token: anyone who can reach it"
                                            " could read the database. Pass --token (or set NEWSLINE_TOKEN), or"
                                            " use --host 127.0.0.1")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})


def create_app(db: str | Path, token: str | None = None, allowed_hosts: set[str] | None = None) -> FastAPI:
    """The web app over the newsline store ``db``, a SQLite file or a PostgreSQL URL (read-only; it must exist).

    ``token``: required on every request. ``allowed_hosts``: the only Host header names answered (None: any).
    """
    stores = read_only_stores(db)  # fails now, with the store's message, if it is missing or foreign

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    app = FastAPI(
        title="newsline", version=__version__, docs_url=None, redoc_url=None,  # their UIs load from a CDN
        description="Who said what, who did what to whom and when. Article JSON follows `newsline.article/1`.",
        lifespan=lifespan,
    )
    app.state.stores = stores
    app.state.token = token
    app.state.allowed_hosts = allowed_hosts
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    app.include_router(api.router)
    app.include_router(pages.router)
    _add_error_handlers(app)
    app.middleware("http")(_security_middleware)
    app.add_middleware(HeadAsGet)
    return app


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def error_response(request: Request, status: int, message: str, exc: Exception | None = None) -> Response:
    """The error as JSON under /api, else as a page that links to the list of what was not found."""
    if wants_json(request):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return templates.TemplateResponse(request, "error.html", {
        "status": status, "message": message, "lists": error_links(request, exc)}, status_code=status)


def error_links(request: Request, exc: Exception | None) -> list[tuple[str, str]]:
    """Where to go from an error page: the list of the kind of thing not found, or the first page."""
    path = request.url.path
    if isinstance(exc, PageOutOfRange):
        return [("page 1 of these results", str(request.url.remove_query_params("page")))]
    if isinstance(exc, UnknownEntity) or path.startswith("/entities"):
        return [("the entities", str(request.url_for("entities_page")))]
    if isinstance(exc, UnknownStory) or path.startswith("/stories"):
        return [("the stories", str(request.url_for("stories_page")))]
    if path.startswith("/articles"):
        return [("search the articles", str(request.url_for("search_page")))]
    return []


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(InvalidArgument)
    def invalid_argument(request: Request, exc: InvalidArgument) -> Response:
        return error_response(request, exc.http_status, exc.message(web_name(request, exc.param)))

    @app.exception_handler(NewslineError)
    def expected(request: Request, exc: NewslineError) -> Response:
        # what was not found: the page links to the list, where the CLI's message names its command
        message = without_cli_hint(str(exc)) if isinstance(exc, NotFound) else str(exc)
        return error_response(request, exc.http_status, message, exc)

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for error in exc.errors():
            name = ".".join(str(p) for p in error.get("loc", ())[1:]) or "request"
            problems.append(f"{name}: {error.get('msg', 'invalid')} (got {error.get('input')!r})")
        return error_response(request, 422, "; ".join(problems))

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = "no such page" if exc.status_code == 404 else str(exc.detail)
        return error_response(request, exc.status_code, message)


def web_name(request: Request, param: str) -> str:
    """The web name of the query API's keyword ``param`` on this route (``since`` is ``from`` on /timeline)."""
    route = request.scope.get("route")
    for field in getattr(getattr(route, "dependant", None), "query_params", ()):
        if param in (field.name, field.name.rstrip("_")):
            return field.alias
    return param


CLI_HINT = re.compile(r";[^;]*`newsline [^`]*`[^;]*$")


def without_cli_hint(message: str) -> str:
    """The message without a trailing "; `newsline ...` lists them"."""
    return CLI_HINT.sub("", message)


class HeadAsGet:
    """ASGI middleware: answer HEAD as GET without the body, on every page, API route and static file."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


async def _security_middleware(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    allowed = request.app.state.allowed_hosts
    if allowed is not None and request.url.hostname not in allowed:
        return error_response(request, 400, f"unexpected Host {request.url.hostname!r}; open this server as"
                                            f" http://127.0.0.1:{request.url.port or 80}/")
    token = request.app.state.token
    if token is not None:
        denied = _check_token(request, token)
        if denied is not None:
            return denied
    try:
        response = await call_next(request)
    except Exception:  # a bug, not bad input: logged with its traceback, answered with a plain 500
        LOG.exception("%s %s failed", request.method, request.url.path)
        response = error_response(request, 500, "newsline failed to answer this request: a bug, logged with its"
                                                " traceback by the server. Please report it with the URL.")
    response.headers.update(SECURITY_HEADERS)
    return response


def _check_token(request: Request, token: str) -> Response | None:
    """None when the request carries the token; else a 401, or a redirect that stores a ``?token=`` as a cookie."""
    scheme, _, bearer = request.headers.get("authorization", "").partition(" ")
    offered = bearer if scheme.lower() == "bearer" else request.cookies.get(TOKEN_COOKIE, "")
    if hmac.compare_digest(offered.encode(), token.encode()):
        return None
    in_url = request.query_params.get("token", "")
    if in_url and hmac.compare_digest(in_url.encode(), token.encode()):
        target = request.url.remove_query_params("token")
        response = RedirectResponse(f"{target.path}?{target.query}" if target.query else target.path, 303)
        response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        return response
    return error_response(request, 401, "this server needs its token: open it once as /?token=TOKEN, or send"
                                         " the header 'Authorization: Bearer TOKEN'")
