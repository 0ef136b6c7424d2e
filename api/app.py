"""The FastAPI application. Each capability is a router under api/routers/."""

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.routers import health, pages, report, terms, translate
from rolemap import __version__
from rolemap.config import Settings
from rolemap.loader import load
from rolemap.terms import Terms
from rolemap.translate import Translator

STATIC = Path(__file__).parent / "static"


def create_app(settings: Settings | None = None) -> FastAPI:
    """Load the graph once, then serve it. Raises RolemapError if the data cannot be read."""
    settings = settings or Settings()
    app = FastAPI(
        title="rolemap",
        version=__version__,
        description="Wat bedoelt team X met dit woord, en wie pakt dit op? / "
        "What does team X mean by this word, and who picks this up?",
    )
    app.state.settings = settings
    app.state.kg = load(settings.data)
    app.state.terms = Terms.from_graph(app.state.kg)
    app.state.translator = Translator(app.state.terms)
    for router in (health, report, terms, translate, pages):
        app.include_router(router.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
