"""deduce configures logging (basicConfig at DEBUG on stdout) and the warnings filters for the
whole process: loading it and de-identifying must leave both as they were, and a case
description must reach no log line."""

import json
import logging
import subprocess
import sys
import textwrap

from typer.testing import CliRunner

from rolemap.cli import app as cli

NAME, PHONE, STREET = "Jantje Voorbeeldsma", "06-12345678", "Voorbeelddreef"
DESCRIPTION = (
    f"Ik begeleid meneer {NAME} (45 jaar), {STREET} 12, tel {PHONE}. Hij heeft schulden en "
    "wil graag vrijwilligerswerk doen. Wie kan hem helpen?"
)

# A fresh interpreter: deduce configures logging when it is first imported, once per process.
FIRST_LOAD = textwrap.dedent(
    """
    import json, logging, sys, warnings
    from rolemap.deidentify import Deidentifier

    root = logging.getLogger()
    touched = []
    for name in ("addHandler", "setLevel"):
        def spy(*args, _name=name, _original=getattr(root, name)):
            touched.append(f"{_name}{args!r}")
            return _original(*args)
        setattr(root, name, spy)
    before = (root.level, list(root.handlers))
    filters = list(warnings.filters)
    deidentify = Deidentifier()
    deidentify.warm()
    text = deidentify(sys.argv[1])
    same = (root.level, list(root.handlers)) == before
    same_filters = warnings.filters == filters
    print(json.dumps({"touched": touched, "same": same, "filters": same_filters, "text": text}))
    """
)


def test_loading_deduce_and_a_first_deidentification_never_touch_the_root_logger():
    """Not even for the seconds deduce loads in its background thread: a root handler at DEBUG
    would meanwhile print every library's debug lines."""
    done = subprocess.run(
        [sys.executable, "-c", FIRST_LOAD, DESCRIPTION],
        capture_output=True,
        text=True,
        timeout=600,  # a bound against hanging: a new machine first builds deduce's cache
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    result = json.loads(lines[-1])
    assert result["touched"] == [] and result["same"], result["touched"]
    assert result["filters"], "deduce's warnings.simplefilter('default') is undone"
    assert lines[:-1] == [], "nothing but the answer on stdout"
    assert NAME.split()[1] not in result["text"] and PHONE not in result["text"]
    for trace in (*NAME.split(), PHONE, STREET):
        assert trace not in done.stderr


def test_a_case_description_reaches_no_log_line_even_at_debug(caplog):
    """`rolemap who` with every logger in the process captured at DEBUG: the answer, never
    the log, may show the (de-identified) description."""
    caplog.set_level(logging.DEBUG)
    logging.getLogger("rolemap.probe").debug("a library's debug line")
    assert caplog.records, "libraries' debug lines are captured"
    result = CliRunner().invoke(cli, ["who", DESCRIPTION, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["deidentified_description"]
    for trace in (*NAME.split(), PHONE, STREET):
        assert trace not in caplog.text
