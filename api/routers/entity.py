"""Any entity by its IRI: Turtle, JSON-LD, RDF/XML or N-Triples by content negotiation, or its
page for a browser."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from rdflib import URIRef

from api.language import language
from api.problems import Problem, declared
from api.routers.pages import render
from rolemap.entity import RDF_FORMATS, describe, rows, serialize
from rolemap.labels import label
from rolemap.negotiation import preferred

router = APIRouter(prefix="/api", tags=["graph"])

OFFERED = [*RDF_FORMATS, "text/html"]


@router.get(
    "/entity",
    responses={
        200: {"content": {media: {} for media in OFFERED}},
        400: declared(Problem, "Not an absolute IRI."),
        404: declared(Problem, "The graph says nothing about this IRI."),
        406: declared(Problem, "None of the offered formats is acceptable."),
    },
)
async def entity(
    request: Request,
    iri: Annotated[str, Query(max_length=2000, description="The entity's IRI.")],
    lang: Annotated[str, Depends(language)],
    format: Annotated[
        str | None, Query(description=f"Overrides Accept; one of: {', '.join(OFFERED)}.")
    ] = None,
) -> Response:
    """What the graph says about one entity (its triples, following blank nodes)."""
    media = preferred(format or request.headers.get("accept"), OFFERED)
    if media is None:
        raise HTTPException(406, f"offered: {', '.join(OFFERED)}")
    # the graph may still be loading after a start: wait for it off the event loop
    graph = (await run_in_threadpool(lambda: request.app.state.kb.kg)).graph
    if media == "text/html":
        table = rows(graph, iri, lang)
        name = label(graph, URIRef(iri), lang)
        return render(request, "entity.html", lang, iri=iri, title=name, rows=table)
    return Response(serialize(describe(graph, iri), media), media_type=media)
