"""An analyst at a terminal, as a new user would: copy the template, validate it, see the dry
run, add it, find it in look-up, report and routing, still find it after a restart, undo it."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rolemap.cli import app

EXAMPLES = Path(__file__).parents[1] / "examples"
runner = CliRunner()


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, dict]:
    """A copy of the YAML template and a store folder of one's own."""
    shutil.copy(EXAMPLES / "new-organisation.yaml", tmp_path / "mijn-team.yaml")
    return tmp_path, {"ROLEMAP_DATA_DIR": str(tmp_path / "store")}


def rolemap(env: dict, *args: str):
    return runner.invoke(app, list(args), env=env)


def test_the_template_goes_in_is_used_everywhere_survives_a_restart_and_comes_out(workspace):
    folder, env = workspace
    template = str(folder / "mijn-team.yaml")
    checked = rolemap(env, "validate", template)
    assert checked.exit_code == 0, checked.output
    assert "geldig" in checked.output and "buurtwerk-de-brug" in checked.output

    dry = rolemap(env, "add", "--dry-run", "--json", template)
    assert dry.exit_code == 0, dry.output
    new = json.loads(dry.output)["report_changes"]["new"]
    assert any("buurtwerk-de-brug" in f["organisations"] for f in new)
    # It works in Veerhaven, not Utrecht: the words it shares with Overvecht are no homonym.
    assert not any(f["check"] == "homonym" for f in new)
    assert "No additions" in rolemap(env, "history", "--lang", "en").output

    added = rolemap(env, "add", template, "--by", "analist")
    assert added.exit_code == 0, added.output and "rolemap undo 1" in added.output
    assert "Buurtwerk De Brug" in rolemap(env, "term", "ommetje").output
    report = rolemap(env, "report", "--format", "json", "--org", "buurtwerk-de-brug").output
    assert json.loads(report)["summary"]["findings"] > 0
    who = rolemap(env, "who", "--postcode", "9991", "--age", "45", "--json")
    assert "buurtwerk-de-brug" in {
        c["organisation"]["id"] for c in json.loads(who.output)["candidates"]
    }

    # another process: the store on disk, not this one's memory
    term = subprocess.run(
        [Path(sys.executable).parent / "rolemap", "term", "ommetje"],
        env=env | {"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert "Buurtwerk De Brug" in term.stdout, term.stderr

    history = json.loads(rolemap(env, "history", "--json").output)
    assert [(e["id"], e["by"], e["source"]) for e in history] == [(1, "analist", "mijn-team.yaml")]
    undone = rolemap(env, "undo", "1", "--by", "analist")
    assert undone.exit_code == 0 and "ongedaan gemaakt" in undone.output
    assert rolemap(env, "term", "ommetje").exit_code == 1


def test_validate_names_file_line_and_fix_and_exits_1(workspace):
    folder, env = workspace
    broken = folder / "kapot.yaml"
    text = (folder / "mijn-team.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("    prefLabel:", "    prefLable:", 1), encoding="utf-8")
    result = rolemap(env, "validate", str(broken))
    assert result.exit_code == 1
    assert "kapot.yaml:" in result.output and "prefLable" in result.output
    assert "prefLabel" in result.output  # the nearest known key


def test_a_refused_addition_stores_nothing(workspace):
    folder, env = workspace
    unnamed = folder / "naamloos.ttl"
    unnamed.write_text(
        "<https://example.org/x> a <http://www.w3.org/ns/org#Organization> .\n", encoding="utf-8"
    )
    result = rolemap(env, "add", str(unnamed))
    assert result.exit_code == 1 and "naamloos.ttl" in result.output and "line 1" in result.output
    assert "No additions" in rolemap(env, "history", "--lang", "en").output


def test_a_file_that_is_not_there_or_of_another_format_is_a_clear_error(workspace):
    folder, env = workspace
    assert "does not exist" in rolemap(env, "validate", str(folder / "absent.ttl")).output
    (folder / "team.xml").write_text("<x/>")
    result = rolemap(env, "validate", str(folder / "team.xml"))
    assert result.exit_code == 1 and "supported" in result.output and ".yaml" in result.output


def test_undo_of_an_unknown_addition_lists_what_there_is(workspace):
    _, env = workspace
    result = rolemap(env, "undo", "3")
    assert result.exit_code == 1 and "no addition 3" in result.output


def test_history_and_undo_work_on_a_store_of_another_data_set(tmp_path):
    """Regression: history and undo had no --data (nor ROLEMAP_DATA), so on a store built
    from another data set than Overvecht they refused it as the wrong data set."""
    data = Path(__file__).parent / "fixtures" / "jargon"
    env = {"ROLEMAP_DATA_DIR": str(tmp_path / "store"), "ROLEMAP_DATA": str(data)}
    addition = Path(__file__).parent / "fixtures" / "new_organisation"
    added = rolemap(env, "add", str(next(addition.glob("*.ttl"))), "--by", "analist")
    assert added.exit_code == 0, added.output
    history = rolemap(env, "history", "--json")
    assert history.exit_code == 0, history.output
    assert [entry["id"] for entry in json.loads(history.output)] == [1]
    undone = rolemap(env, "undo", "1", "--data", str(data))
    assert undone.exit_code == 0, undone.output
