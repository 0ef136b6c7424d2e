from fastapi import APIRouter, Request
from pydantic import BaseModel

router = APIRouter(tags=["service"])


class Health(BaseModel):
    status: str
    triples: int


@router.get("/health", response_model=Health)
def health(request: Request) -> Health:
    """Liveness, and how many triples the service holds."""
    return Health(status="ok", triples=len(request.app.state.kg.graph))
