"""The FastAPI application. Each capability is a router under api/routers/."""

from fastapi import FastAPI

from api.routers import health, report
from rolemap import __version__
from rolemap.config import Settings
from rolemap.loader import load


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
    app.include_router(health.router)
    app.include_router(report.router)
    return app
