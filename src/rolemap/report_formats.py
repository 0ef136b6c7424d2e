"""The report as JSON, Markdown, CSV and one printable HTML page."""

import csv
import io
import json
from html import escape

from rolemap.errors import RolemapError
from rolemap.messages import message
from rolemap.report import Report

FORMATS = ("json", "md", "html", "csv")
MEDIA_TYPES = {
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}


class UnknownFormatError(RolemapError):
    def __init__(self, name: str) -> None:
        super().__init__(f"unknown report format {name!r}; choose one of: {', '.join(FORMATS)}")


def render(report: Report, fmt: str) -> str:
    renderers = {"json": to_json, "md": to_markdown, "html": to_html, "csv": to_csv}
    if fmt not in renderers:
        raise UnknownFormatError(fmt)
    return renderers[fmt](report)


def to_json(report: Report) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2)


def _sources_text(sources: list[dict], lang: str) -> str:
    parts = []
    for source in sources:
        if "assumption" in source:
            parts.append(f"{message('report_assumption', lang)}: {source['assumption']}")
        else:
            where = " — ".join(v for v in (source.get("document"), source.get("section")) if v)
            quote = f": “{source['quote']}”" if source.get("quote") else ""
            parts.append(where + quote)
    return "; ".join(parts)


def _summary_text(report: Report) -> str:
    s = report.summary
    return message(
        "report_summary",
        report.lang,
        findings=s["findings"],
        open=s["open"],
        settled=s["settled"],
    )


def to_markdown(report: Report) -> str:
    lang = report.lang

    def t(key: str) -> str:
        return message(key, lang)

    lines = [
        f"# {t('report_title')}",
        "",
        _summary_text(report),
        "",
        f"| check | {t('report_count')} |",
        "|---|---|",
        *[f"| {check} | {n} |" for check, n in report.summary["by_check"].items()],
        "",
        f"## {t('report_pairs')}",
        "",
    ]
    for pair in report.pairs:
        a, b = pair["organisations"]
        counts = message(
            "report_pair",
            lang,
            open=pair["open"],
            settled=pair["settled"],
            terms=", ".join(pair["divergent_terms"]) or "—",
            tasks=len(pair["overlapping_tasks"]),
        )
        lines.append(f"- **{a} ↔ {b}**: {counts}")
    lines += ["", f"## {t('report_findings')}", ""]
    for f in report.findings:
        status = (
            f"{t('report_settled_by')} " + ", ".join(a["label"] for a in f.settled_by)
            if f.settled_by
            else "open"
        )
        lines.append(f"### [{f.severity}] {f.check}: {f.message}")
        lines.append("")
        lines.append(f"- status: {status}")
        if f.question and not f.settled_by:
            lines.append(f"- {t('report_question')}: {f.question}")
        if f.sources:
            lines.append(f"- {t('report_sources')}: {_sources_text(f.sources, lang)}")
        lines.append("")
    lines += [f"## {t('report_matrix')}", "", _matrix_markdown(report)]
    return "\n".join(lines) + "\n"


def _matrix_markdown(report: Report) -> str:
    columns = report.matrix["columns"]
    group, domain = (message(k, report.lang) for k in ("report_target_group", "report_life_domain"))
    header = f"| {group} | {domain} | " + " | ".join(columns) + " |"
    rule = "|---|---|" + "---|" * len(columns)
    rows = [
        f"| {r['target_group']} | {r['life_domain']} | "
        + " | ".join("; ".join(r["cells"].get(c, [])) for c in columns)
        + " |"
        for r in report.matrix["rows"]
    ]
    return "\n".join([header, rule, *rows])


# A cell that starts with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(cell: str) -> str:
    """`cell` as text a spreadsheet will not run: analysts' labels and messages could start a
    formula (=HYPERLINK(…) sends data elsewhere). OWASP's advice: a leading ' makes it text."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def to_csv(report: Report) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # a BOM, so spreadsheets read UTF-8
    # every cell quoted, OWASP's other remedy: separators and quotes in a cell stay text
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    writer.writerow(
        [
            "check",
            "severity",
            "status",
            "message",
            "organisations",
            "terms",
            "question",
            "settled_by",
            "sources",
        ]
    )
    for f in report.findings:
        writer.writerow(
            spreadsheet_text(cell)
            for cell in [
                f.check,
                f.severity,
                f.status,
                f.message,
                "; ".join(o["id"] for o in f.organisations),
                "; ".join(f.terms),
                f.question or "",
                "; ".join(a["id"] for a in f.settled_by),
                _sources_text(f.sources, report.lang),
            ]
        )
    return out.getvalue()


def to_html(report: Report) -> str:
    lang = report.lang

    def t(key: str) -> str:
        return escape(message(key, lang))

    findings = "\n".join(
        f"<li class='{escape(f.status)}'>"
        f"<strong>[{escape(f.severity)}] {escape(f.check)}</strong>: {escape(f.message)}"
        + (
            f"<br><em>{t('report_question').capitalize()}: {escape(f.question)}</em>"
            if f.question and not f.settled_by
            else ""
        )
        + (
            f"<br>{t('report_settled_by').capitalize()}: "
            + escape(", ".join(a["label"] for a in f.settled_by))
            if f.settled_by
            else ""
        )
        + f"<br><small>{escape(_sources_text(f.sources, lang))}</small></li>"
        for f in report.findings
    )
    return f"""<!doctype html>
<html lang="{escape(lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{t("report_title")} rolemap</title>
<style>
body{{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#222}}
li{{margin:.4rem 0;overflow-wrap:anywhere}} li.settled{{color:#556}} small{{color:#555}}
.matrix{{overflow-x:auto}}
@media print{{body{{max-width:none}} li{{break-inside:avoid}}}}
</style></head><body>
<h1>{t("report_title")}</h1>
<p>{escape(_summary_text(report))}</p>
<h2>{t("report_matrix")}</h2>
<div class="matrix">{matrix_svg(report)}</div>
<h2>{t("report_findings")}</h2>
<ul>
{findings}
</ul>
</body></html>
"""


def matrix_svg(report: Report) -> str:
    """The matrix as a picture: a cell per organisation and need, dark where several meet."""
    columns, rows = report.matrix["columns"], report.matrix["rows"]
    cell, left, top = 22, 330, 150
    width, height = left + cell * len(columns) + 90, top + cell * len(rows) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(message("report_matrix", report.lang))}">'
    ]
    for i, name in enumerate(columns):
        x = left + i * cell + cell / 2
        parts.append(
            f'<text x="{x}" y="{top - 6}" font-size="11" transform="rotate(-45 {x} {top - 6})">'
            f"{escape(name)}</text>"
        )
    for j, row in enumerate(rows):
        y = top + j * cell
        parts.append(
            f'<text x="{left - 6}" y="{y + 15}" font-size="11" text-anchor="end">'
            f"{escape(row['target_group'])} · {escape(row['life_domain'])}</text>"
        )
        for i, name in enumerate(columns):
            tasks = row["cells"].get(name, [])
            fill = "#f4f4f4" if not tasks else ("#c0392b" if row["overlap"] else "#2e86c1")
            parts.append(
                f'<rect x="{left + i * cell}" y="{y}" width="{cell - 2}" height="{cell - 2}" '
                f'fill="{fill}"><title>{escape(name)}: {escape("; ".join(tasks))}</title></rect>'
            )
    legend = escape(message("report_matrix_legend", report.lang))
    parts.append(f'<text x="10" y="{height - 8}" font-size="11">{legend}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
