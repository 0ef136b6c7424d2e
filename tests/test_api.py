import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from rolemap.config import Settings
from rolemap.errors import DataFileError
from rolemap.loader import load

FIXTURES = Path(__file__).parent / "fixtures"


def test_health_reports_the_number_of_triples(overvecht):
    client = TestClient(create_app())
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "triples": len(overvecht.graph)}


def test_app_serves_another_data_set(overvecht):
    data = FIXTURES / "new_organisation"
    client = TestClient(create_app(Settings(data=data)))
    triples = client.get("/health").json()["triples"]
    assert triples == len(load(data).graph) != len(overvecht.graph)


def test_app_refuses_to_start_on_unreadable_data(tmp_path):
    (tmp_path / "broken.ttl").write_text("this is not turtle\n")
    with pytest.raises(DataFileError):
        create_app(Settings(data=tmp_path))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_rolemap_serve_answers_health_over_http():
    port = _free_port()
    rolemap = Path(sys.executable).parent / "rolemap"
    server = subprocess.Popen(
        [str(rolemap), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except httpx.TransportError:
                assert server.poll() is None, "rolemap serve exited"
                assert time.monotonic() < deadline, "rolemap serve did not come up"
                time.sleep(0.2)
        assert response.json()["status"] == "ok"
    finally:
        server.terminate()
        server.wait(timeout=10)
