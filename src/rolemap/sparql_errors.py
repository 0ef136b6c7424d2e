"""Why the SPARQL endpoint does not answer a query: `QueryError` and its HTTP statuses.

- 400: the query is not valid SPARQL (the parser's message, with line:column); it ran longer
  than the time limit; it has more solutions or triples than the row limit, or a bigger answer
  than the size limit; it made the query worker run out of memory; it calls another endpoint
  (SERVICE), which the store would fetch from inside the service's network.
- 403: an update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY, WITH): the
  endpoint is read-only. 403 and not 400 because the request is understood and refused.
- 406: no media type the client accepts is offered for this kind of query.
- 502: a remote store answered with an error or with something that is not SPARQL results.
- 503: a remote store does not answer, the graph could not be loaded, or another query holds
  the (single) query worker for longer than the time limit.
"""

from rolemap.errors import RolemapError

BAD_QUERY = 400
READ_ONLY = 403
NOT_ACCEPTABLE = 406
BAD_GATEWAY = 502
UNAVAILABLE = 503


class QueryError(RolemapError):
    """A query the endpoint does not answer: `status` is the HTTP status, the message says what
    went wrong, why, and how to fix it. `headers` are extra response headers (Retry-After)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self.status, self.headers = status, headers or {}
        super().__init__(message)


def syntax_error(message: str) -> QueryError:
    """400 for a query that does not parse; `message` is the parser's (with line:column)."""
    if len(message) > 400:
        message = message[:400] + "…"
    return QueryError(
        BAD_QUERY,
        f"the query is not valid SPARQL 1.1: {message} (at line:column of the query). The "
        "grammar is at https://www.w3.org/TR/sparql11-query/#grammar.",
    )
