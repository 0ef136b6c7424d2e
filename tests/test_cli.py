from pathlib import Path

from typer.testing import CliRunner

from rolemap.cli import app
from rolemap.stats import COUNTED_KINDS

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


def test_check_prints_every_count_and_exits_zero():
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    for kind in [*COUNTED_KINDS, "terms"]:
        assert kind in result.output
    assert "consistent" in result.output


def test_check_reads_the_data_folder_from_the_environment():
    result = runner.invoke(app, ["check"], env={"ROLEMAP_DATA": str(FIXTURES / "new_organisation")})
    assert result.exit_code == 0, result.output
    assert "new_organisation" in result.output


def test_check_on_a_broken_file_names_file_and_line_without_traceback(tmp_path):
    (tmp_path / "broken.ttl").write_text("@prefix ex: <http://ex/> .\nex:a ex:b\n")
    result = runner.invoke(app, ["check", "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert "broken.ttl:3" in result.output or "broken.ttl:2" in result.output
    assert "Traceback" not in result.output


def test_check_on_a_contradiction_exits_non_zero_with_the_clash(tmp_path):
    contradiction = FIXTURES / "contradictions" / "organisation_is_task.ttl"
    (tmp_path / "addition.ttl").write_text(contradiction.read_text())
    result = runner.invoke(app, ["check", "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert "Buurtwerk Noord" in result.output
