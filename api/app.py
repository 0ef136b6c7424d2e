"""The FastAPI application. Each capability is a router under api/routers/."""

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.answers import AnswerCache
from api.errors import rolemap_error, unreadable_body
from api.routers import entity, health, organisations, pages, report, sparql, terms, translate, who
from api.security import add_security
from rolemap import __version__
from rolemap.config import Settings
from rolemap.deidentify import shared_deidentifier
from rolemap.errors import RolemapError
from rolemap.knowledge_base import KnowledgeBase
from rolemap.sparql_endpoint import QueryService

STATIC = Path(__file__).parent / "static"


# How often a server on a shared SPARQL store looks for additions made by other servers.
REFRESH_SECONDS = 5.0


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    stop = threading.Event()
    if app.state.kb.backend.query_url:  # an embedded store has one writer: this process
        watcher = threading.Thread(
            target=app.state.kb.watch, args=(REFRESH_SECONDS, stop), daemon=True
        )
        watcher.start()
    yield
    stop.set()
    app.state.sparql.close()  # its worker process
    app.state.kb.close()  # so that the next process can open the store


def create_app(settings: Settings | None = None) -> FastAPI:
    """Load the graph once, then serve it. Raises RolemapError if the data cannot be read."""
    settings = settings or Settings()
    app = FastAPI(
        lifespan=_lifespan,
        title="rolemap",
        version=__version__,
        description="Wat bedoelt team X met dit woord, en wie pakt dit op? / "
        "What does team X mean by this word, and who picks this up?",
    )
    app.state.settings = settings
    app.state.kb = KnowledgeBase(settings)
    app.state.sparql = QueryService(
        app.state.kb.backend, settings.query_timeout, settings.query_max_rows
    )
    app.state.answers = AnswerCache()  # encoded look-ups of the current View
    app.state.deidentifier = shared_deidentifier()
    if not app.state.deidentifier.ready:  # deduce takes seconds to load: not on the first request
        threading.Thread(target=app.state.deidentifier.warm, daemon=True).start()
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(RolemapError, rolemap_error)
    app.add_exception_handler(StarletteHTTPException, unreadable_body)
    for router in (health, report, terms, translate, who, organisations, entity, sparql, pages):
        app.include_router(router.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    add_security(app, settings)
    return app


async def _validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    """422 with what is wrong and where, but never the input itself: it may be a case
    description with personal data."""
    errors = [{k: v for k, v in e.items() if k != "input"} for e in error.errors()]
    return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)
