"""GET/POST /sparql: a read-only SPARQL 1.1 Protocol query endpoint over the graph.

The work (limits, worker process, formats) is rolemap.sparql_endpoint.QueryService, which the app
keeps in `app.state.sparql`. Query text is never logged: it may hold a case description."""

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api.problems import Problem, declared
from rolemap.sparql_endpoint import QueryError
from rolemap.sparql_request import read_only_error
from rolemap.sparql_results import FORMAT_NAMES, GRAPH_FORMATS, RESULT_FORMATS

router = APIRouter(tags=["sparql"])

MAX_QUERY_BYTES = 1_000_000

HOW_TO_CALL = (
    "Send a SPARQL query: GET /sparql?query=…, or POST /sparql with Content-Type "
    "application/x-www-form-urlencoded (query=…) or application/sparql-query (the query as the "
    "body). Optional: default-graph-uri and named-graph-uri (repeatable), and the Accept header "
    "or format=" + "|".join(FORMAT_NAMES) + " for the result format."
)

USAGE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>rolemap SPARQL endpoint</title></head>
<body><h1>rolemap SPARQL endpoint</h1>
<p>A read-only SPARQL 1.1 query endpoint over the rolemap graph. The default graph is the union
of all named graphs. GET <code>/sparql?query=…</code>, or POST a form (<code>query=…</code>) or
an <code>application/sparql-query</code> body. Results are JSON unless the Accept header or
<code>format=xml|csv|tsv</code> asks otherwise; CONSTRUCT and DESCRIBE give Turtle, JSON-LD,
N-Triples or RDF/XML.</p>
<form action="/sparql" method="get">
<textarea name="query" rows="8" cols="80">SELECT ?g (COUNT(*) AS ?triples)
WHERE { GRAPH ?g { ?s ?p ?o } }
GROUP BY ?g</textarea><br>
<select name="format"><option>json</option><option>csv</option><option>xml</option>
<option>tsv</option><option>turtle</option><option>jsonld</option></select>
<button type="submit">Run</button></form>
</body></html>
"""

_RESULT_CONTENT = {f.media_type: {} for f in (*RESULT_FORMATS, *GRAPH_FORMATS)}
_USAGE_CONTENT = {"text/html": {}}  # GET without a query, from a browser


def _error(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


_DESCRIPTION = f"""
A read-only [SPARQL 1.1 Protocol](https://www.w3.org/TR/sparql11-protocol/) query endpoint. The
default graph is the union of all named graphs (every fact lives in the named graph of its
file), unless the query has FROM / FROM NAMED or the request gives `default-graph-uri` /
`named-graph-uri`.

**Formats**: SELECT and ASK give {", ".join(f.media_type for f in RESULT_FORMATS)} (JSON by
default); CONSTRUCT and DESCRIBE give {", ".join(f.media_type for f in GRAPH_FORMATS)} (Turtle
by default). Choose with the Accept header (q-values honoured) or `format`.

**Limits**: a query that runs longer than the time limit is stopped; one with more solutions or
triples than the row limit is refused (add LIMIT). Both are 400 with a message that says so.

**Read-only**: updates (INSERT, DELETE, LOAD, …; the `update` parameter or an
`application/sparql-update` body) are refused with 403. Analysts add data with
POST /api/organisations or `rolemap add`.
"""

_RESPONSES = {
    200: {
        "description": "The query's results; without a query, to a browser, this usage page.",
        "content": _RESULT_CONTENT | _USAGE_CONTENT,
    },
    400: declared(Problem, "Missing or invalid query, over the time, row or size limit."),
    403: declared(Problem, "An update: the endpoint is read-only."),
    406: declared(Problem, "No acceptable media type is offered for this kind of query."),
    413: declared(Problem, f"The query is longer than {MAX_QUERY_BYTES} bytes."),
    415: declared(Problem, "A POST body that is neither a form nor application/sparql-query."),
    502: declared(Problem, "The remote SPARQL store answered with an error."),
    503: declared(Problem, "The store does not answer, or the endpoint is busy."),
}

GraphUris = Annotated[
    list[str] | None,
    Query(alias="default-graph-uri", description="A graph of the default graph (repeatable)."),
]
NamedUris = Annotated[
    list[str] | None,
    Query(alias="named-graph-uri", description="A graph GRAPH may use (repeatable)."),
]
FormatParam = Annotated[
    str | None,
    Query(description=f"Overrides Accept: {', '.join(FORMAT_NAMES)} or a media type."),
]


def _answer(
    request: Request,
    query: str | None,
    default_graph_uris: list[str],
    named_graph_uris: list[str],
    format: str | None,
) -> Response:
    """Run the query (blocking: call in a thread) and wrap the answer or the error."""
    if not query or not query.strip():
        return _error(400, "Missing the query. " + HOW_TO_CALL)
    if len(query.encode()) > MAX_QUERY_BYTES:
        return _too_long()
    service = getattr(request.app.state, "sparql", None)
    if service is None:
        return _error(503, "The SPARQL endpoint is not configured in this service.")
    try:
        body, media_type = service.run(
            query,
            request.headers.get("accept"),
            default_graph_uris,
            named_graph_uris,
            format=format,
        )
    except QueryError as error:
        return _error(error.status, str(error), error.headers)
    return Response(body, media_type=media_type, headers={"Vary": "Accept"})


def _too_long() -> JSONResponse:
    return _error(
        413, f"The query is longer than {MAX_QUERY_BYTES} bytes, the endpoint's limit; shorten it."
    )


def _read_only() -> JSONResponse:
    error = read_only_error("the update operation")
    return _error(error.status, str(error))


@router.get(
    "/sparql",
    summary="SPARQL query (GET)",
    description=_DESCRIPTION,
    responses=_RESPONSES,
    response_class=Response,
)
def sparql_get(
    request: Request,
    query: Annotated[str | None, Query(description="The SPARQL query.")] = None,
    default_graph_uri: GraphUris = None,
    named_graph_uri: NamedUris = None,
    format: FormatParam = None,
) -> Response:
    """A plain `def`: FastAPI runs it in its thread pool, so a slow query blocks no one else."""
    if "update" in request.query_params:
        return _read_only()
    if query is None and "text/html" in request.headers.get("accept", ""):
        return HTMLResponse(USAGE_PAGE)  # its security headers: api.security, as every page
    return _answer(request, query, default_graph_uri or [], named_graph_uri or [], format)


@router.post(
    "/sparql",
    summary="SPARQL query (POST)",
    description=_DESCRIPTION,
    responses=_RESPONSES,
    response_class=Response,
    openapi_extra={
        "requestBody": {
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "query": {"type": "string"},
                            "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                            "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                        },
                        "required": ["query"],
                    }
                },
                "application/sparql-query": {"schema": {"type": "string"}},
            },
            "required": True,
        }
    },
)
async def sparql_post(
    request: Request,
    default_graph_uri: GraphUris = None,
    named_graph_uri: NamedUris = None,
    format: FormatParam = None,
) -> Response:
    """The body is read here; the query runs in the thread pool."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/sparql-update":
        return _read_only()
    if content_type not in ("application/x-www-form-urlencoded", "application/sparql-query"):
        return _error(415, f"Unsupported Content-Type {content_type or '(none)'!r}. " + HOW_TO_CALL)
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_QUERY_BYTES:
        return _too_long()
    raw = await request.body()
    if len(raw) > MAX_QUERY_BYTES:
        return _too_long()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return _error(400, "The request body is not UTF-8. Send the query encoded as UTF-8.")
    defaults, named = default_graph_uri or [], named_graph_uri or []
    if content_type == "application/sparql-query":
        query = text
    else:
        form = parse_qs(text, keep_blank_values=True)
        if "update" in form:
            return _read_only()
        query = form.get("query", [None])[0]
        defaults = defaults + form.get("default-graph-uri", [])
        named = named + form.get("named-graph-uri", [])
        format = format or form.get("format", [None])[0]
    return await run_in_threadpool(_answer, request, query, defaults, named, format)
