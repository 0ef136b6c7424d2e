"""Start `rolemap serve` on a free loopback port for a benchmark, and stop it afterwards."""

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2 as httpx

ROLEMAP = Path(sys.executable).parent / "rolemap"
START_TIMEOUT = 120  # seconds: a national-scale data set takes a while to load


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(
    data: Path | None = None,
    log: Path | None = None,
    data_dir: str = ":memory:",
    options: tuple[str, ...] = (),
) -> Iterator[httpx.Client]:
    """A client of a fresh `rolemap serve [options]`; its output goes to `log`, or nowhere. Its
    store is in memory unless `data_dir` names a folder."""
    port = free_port()
    command = [str(ROLEMAP), "--data-dir", data_dir, "serve", "--port", str(port), *options]
    if data is not None:
        command += ["--data", str(data)]
    output = log.open("wb") if log is not None else subprocess.DEVNULL
    server = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            _wait_for(client, server)
            yield client
    finally:
        server.terminate()
        server.wait(timeout=30)
        if log is not None:
            output.close()


def _wait_for(client: httpx.Client, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"rolemap serve exited with {server.returncode}")
        try:
            if client.get("/health").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f"rolemap serve did not answer within {START_TIMEOUT} s")
