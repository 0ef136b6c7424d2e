"""benchmarks/load.py, bounded and small: 50 concurrent clients for 5 s over the shipped data get
no error (non-2xx, timeout, connection error) and every kind of request is exercised. Speed is
not asserted here: the 60 s figures are in BENCHMARKS.md."""

import json
import subprocess
import sys
from pathlib import Path

LOAD = Path(__file__).parents[1] / "benchmarks" / "load.py"


def test_fifty_clients_for_five_seconds_get_no_errors(tmp_path):
    out = tmp_path / "load.json"
    command = [sys.executable, str(LOAD), "--clients", "50", "--duration", "5", "--json", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["overall"]["errors"] == 0
    assert set(result["kinds"]) == {"look-up", "search", "who", "report"}
    for kind, figures in result["kinds"].items():
        assert figures["requests"] > 0 and figures["errors"] == 0, kind
