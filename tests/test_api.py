import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from rolemap.config import Settings
from rolemap.errors import DataFileError
from rolemap.loader import load

FIXTURES = Path(__file__).parent / "fixtures"
sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

from serving import serve  # noqa: E402


def test_health_reports_the_number_of_triples(overvecht, store_settings):
    with TestClient(create_app(Settings(**store_settings))) as client:
        response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["triples"] == len(overvecht.graph)


def test_health_says_when_deidentification_is_ready():
    client = TestClient(create_app())
    client.app.state.deidentifier.warm()
    assert client.get("/health").json()["deidentifier_ready"] is True


def test_app_serves_another_data_set(overvecht, store_settings):
    data = FIXTURES / "new_organisation"
    with TestClient(create_app(Settings(data=data, **store_settings))) as client:
        triples = client.get("/health").json()["triples"]
    assert triples == len(load(data).graph) != len(overvecht.graph)


def test_app_refuses_to_start_on_unreadable_data(tmp_path):
    (tmp_path / "broken.ttl").write_text("this is not turtle\n")
    with pytest.raises(DataFileError):
        create_app(Settings(data=tmp_path))


def test_rolemap_serve_answers_health_over_http():
    with serve() as client:
        assert client.get("/health").json()["status"] == "ok"
