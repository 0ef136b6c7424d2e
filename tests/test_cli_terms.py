"""`rolemap term`, `search` and `translate`: the same answers as the API, readable or as JSON."""

import json
from pathlib import Path

from typer.testing import CliRunner

from rolemap.cli import app

TWO_TEAMS = str(Path(__file__).parent / "fixtures" / "jargon")
runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


def test_term_prints_each_organisations_meaning_and_the_ambiguity():
    result = run("term", "1-op-1 gesprek", "--data", TWO_TEAMS)
    assert result.exit_code == 0, result.output
    assert "Team Noord: ‘één-op-één gesprek’" in result.output
    assert "Team Zuid: ‘één-op-één gesprek’" in result.output
    assert "niet bij elke organisatie hetzelfde" in result.output
    assert "Fictief voorbeeld" in result.output, "sources are printed"


def test_term_as_json_is_the_api_answer():
    result = run("term", "wijkkracht", "--json", "--lang", "en", "--data", TWO_TEAMS)
    answer = json.loads(result.output)
    assert answer["loaded"] is True and answer["senses"][0]["organisation"]["id"] == "team-noord"


def test_term_for_one_organisation_reads_the_data_folder_from_the_environment():
    result = run(
        "term", "één-op-één gesprek", "--org", "team-zuid", env={"ROLEMAP_DATA": TWO_TEAMS}
    )
    assert result.exit_code == 0, result.output
    assert "Team Zuid" in result.output and "Team Noord:" not in result.output


def test_an_unknown_term_exits_1_with_suggestions_and_no_traceback():
    result = run("term", "keukntafelgesprek", "--data", TWO_TEAMS)
    assert result.exit_code == 1
    assert "Did you mean: keukentafelgesprek" in result.output
    assert "Traceback" not in result.output


def test_an_unsupported_language_is_refused():
    result = run("term", "wijkkracht", "--lang", "fr", "--data", TWO_TEAMS)
    assert result.exit_code == 2 and "use nl or en" in result.output


def test_search_lists_ranked_results():
    result = run("search", "keukent", "--data", TWO_TEAMS)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].endswith("keukentafelgesprek  (Team Noord, Team Zuid)")


def test_translate_prints_the_translation_and_the_warnings():
    result = run(
        "translate", "Een één-op-één gesprek over wijkkracht.",
        "--from", "team-noord", "--to", "team-zuid", "--data", TWO_TEAMS,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Een individueel hulpgesprek over samen sterk in de wijk."
    assert "Team Zuid gebruikt ‘één-op-één gesprek’ ook" in result.output
    assert "Team Zuid hoort in ‘wijkkracht’" in result.output


def test_translate_with_an_unknown_organisation_exits_1():
    result = run("translate", "x", "--from", "team-west", "--to", "team-zuid", "--data", TWO_TEAMS)
    assert result.exit_code == 1 and "known ids: team-noord, team-zuid" in result.output
