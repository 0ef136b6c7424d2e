from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

router = APIRouter(tags=["service"])


class Health(BaseModel):
    status: str
    triples: int
    graph_ready: bool = Field(
        description="Whether the graph has loaded after a start from the cached indexes; the "
        "report, entity pages and organisations wait for it, look-up, search and who do not."
    )
    deidentifier_ready: bool = Field(
        description="Whether de-identification (deduce) has loaded; /api/who waits for it."
    )


@router.get("/health", response_model=Health)
async def health(request: Request) -> Health:
    """Liveness, how many triples the service holds, and what has loaded."""
    # async: it only reads flags in memory, cheaper than a hand-off to the thread pool
    state = request.app.state
    view = state.kb.view
    return Health(
        status="ok",
        triples=view.triples,
        graph_ready=view.graph_ready,
        deidentifier_ready=state.deidentifier.ready,
    )
