from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

router = APIRouter(tags=["service"])


class Health(BaseModel):
    status: str
    triples: int
    deidentifier_ready: bool = Field(
        description="Whether de-identification (deduce) has loaded; /api/who waits for it."
    )


@router.get("/health", response_model=Health)
def health(request: Request) -> Health:
    """Liveness, how many triples the service holds, and whether de-identification is loaded."""
    state = request.app.state
    return Health(
        status="ok", triples=len(state.kb.kg.graph), deidentifier_ready=state.deidentifier.ready
    )
