"""Fuzzing the API against its own OpenAPI document (schemathesis): no request, however odd, gets
a 5xx, and every answer (status, media type, body, headers) is one the document declares. Beside
the property run, plain examples of what it found, each of which failed before its fix."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from starlette.types import Receive, Scope, Send

from api.app import create_app
from rolemap.config import Settings

FIXTURES = Path(__file__).parent / "fixtures"
TOKEN = "fuzz-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}  # so that write bodies reach the parser
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]

# The small two-team data set: the same code paths as Overvecht, and a fuzzed POST that adds an
# organisation is cheap to check.
APP = create_app(Settings(data=FIXTURES / "jargon", token=f"fuzz:{TOKEN}"))


async def _http_only(scope: Scope, receive: Receive, send: Send) -> None:
    """The app without its lifespan: schemathesis starts and stops an app's lifespan once per
    test item, and the app's shutdown closes its store for good (as a server process does). The
    `served` fixture runs the real lifespan once for the module instead."""
    if scope["type"] == "lifespan":
        raise RuntimeError("the lifespan is run by the `served` fixture")
    await APP(scope, receive, send)


# An operation whose bodies cannot be sent would be left out with only a warning.
pytestmark = pytest.mark.filterwarnings("error:Skipped test cases with unsupported payload")


@pytest.fixture(scope="module", autouse=True)
def served() -> Iterator[TestClient]:
    with TestClient(APP) as client:
        yield client


# A query as the POST body, sent as plain text (schemathesis has no serializer for it).
schemathesis.serializer.alias("application/sparql-query", "text/plain")

schema = schemathesis.openapi.from_asgi("/openapi.json", _http_only)


@schema.parametrize()
@settings(
    max_examples=30,  # the module in about a minute on two busy cores
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],  # the first /api/who waits for deduce to load
)
def test_every_operation_answers_as_documented(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=AUTH, checks=CHECKS)


# (method, path, the case's parts, the status it must get): the property run's findings.
FOUND: list[tuple[str, str, dict[str, Any], int]] = [
    # 404s and 400s that were not declared
    ("GET", "/api/report", {"query": {"org": "AAA"}}, 404),
    ("GET", "/api/report", {"query": {"format": "pdf"}}, 400),
    ("GET", "/api/terms", {"query": {"org": "nobody"}}, 404),
    ("GET", "/api/terms/{label}", {"path_parameters": {"label": "0"}}, 404),
    ("POST", "/api/translate", {"body": {"text": "0", "from": "", "to": ""}}, 404),
    ("GET", "/api/translate", {"query": {"text": "0", "from": "", "to": ""}}, 404),
    # FastAPI's 400 for a JSON body that is not UTF-8 was not declared
    ("POST", "/api/who", {"body": b"\x0ekn\xff", "media_type": "application/json"}, 400),
    # a 422 whose body was not the declared validation error
    ("POST", "/api/who", {"body": {"life_domains": [""]}}, 422),
    # an invalid graph IRI was the query worker's 500
    ("GET", "/sparql", {"query": {"query": "ASK {}", "named-graph-uri": "120.0"}}, 400),
    (
        "POST",
        "/sparql",
        {
            "body": {"query": "ASK {}", "default-graph-uri": ["0\x15"]},
            "media_type": "application/x-www-form-urlencoded",
        },
        400,
    ),
    # an undo without the token: its 401 was not declared
    (
        "DELETE",
        "/api/additions/{number}",
        {"path_parameters": {"number": 1}, "headers": {"Authorization": "Basic x"}},
        401,
    ),
    # the usage page for a browser was an undeclared text/html
    ("GET", "/sparql", {"headers": {"Accept": "text/html"}}, 200),
    # error bodies of writes had no schema: these passed unchecked before, now their shape counts
    ("POST", "/api/organisations", {"body": "@@@", "media_type": "text/turtle"}, 400),
    ("DELETE", "/api/additions/{number}", {"path_parameters": {"number": 99}}, 404),
]


@pytest.mark.parametrize(
    ("method", "path", "parts", "status"),
    FOUND,
    ids=[f"{method} {path} {status}" for method, path, _, status in FOUND],
)
def test_what_the_fuzzing_found(method: str, path: str, parts: dict, status: int) -> None:
    # Headers go with the call: Case(headers=) does not send undeclared ones such as Accept.
    headers = AUTH | parts.get("headers", {})
    case = schema[path][method].Case(**{k: v for k, v in parts.items() if k != "headers"})
    assert case.call_and_validate(headers=headers, checks=CHECKS).status_code == status


def test_entity_declares_its_400() -> None:
    case = schema["/api/entity"]["GET"].Case(query={"iri": ""})
    assert case.call_and_validate(headers=AUTH, checks=CHECKS).status_code == 400
