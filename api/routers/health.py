from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

router = APIRouter(tags=["service"])


class Health(BaseModel):
    status: Literal["ok", "degraded"] = Field(
        description="ok: everything answers. degraded: the external SPARQL store did not answer "
        "when last asked (see store_reachable); look-up, search, translation and who still "
        "answer from memory, while writes, the history and /sparql are 503 until it is back. "
        "The HTTP status is 200 either way: the service is up."
    )
    triples: int
    graph_ready: bool = Field(
        description="Whether the graph has loaded after a start from the cached indexes; the "
        "report, entity pages and organisations wait for it, look-up, search and who do not."
    )
    deidentifier_ready: bool = Field(
        description="Whether de-identification (deduce) has loaded; /api/who waits for it."
    )
    store_reachable: bool = Field(
        description="Whether the store answered when last contacted: by a request, or by the "
        "check for other servers' changes every 5 seconds, so it follows the store within about "
        "5 seconds. Always true for the embedded store. /health itself never contacts the store."
    )


@router.get("/health", response_model=Health)
async def health(request: Request) -> Health:
    """Liveness, how many triples the service holds, what has loaded, and whether the store
    answers."""
    # async: it only reads flags in memory, cheaper than a hand-off to the thread pool
    state = request.app.state
    view, reachable = state.kb.view, state.kb.store_reachable
    # 200 when degraded, not 503: every server on a shared store would fail at once, so a load
    # balancer would take them all out, with the answers that still work from memory; and a
    # restart (a failing liveness probe) does not bring a store back. Alert on `status`.
    return Health(
        status="ok" if reachable else "degraded",
        triples=view.triples,
        graph_ready=view.graph_ready,
        deidentifier_ready=state.deidentifier.ready,
        store_reachable=reachable,
    )
