"""Answers as plain text for the terminal: the same dictionaries the API returns, made readable."""

import textwrap

from rolemap.messages import message

WIDTH = 88


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def _sources(sources: list[dict[str, str]], lang: str, indent: str = "    ") -> list[str]:
    lines = [f"{indent}{message('sources', lang)}:"]
    for source in sources:
        if "assumption" in source:
            lines.append(_wrap(f"{message('assumption', lang)}: {source['assumption']}", indent))
            continue
        where = source.get("document", "")
        if source.get("section"):
            where += f", ‘{source['section']}’"
        lines.append(_wrap(f"{where}: “{source.get('quote', '')}”", indent))
    return lines


def term_text(answer: dict, lang: str) -> str:
    lines = [answer["label"]]
    if answer["ambiguous"]:
        lines.append(_wrap("! " + message("ambiguous", lang), ""))
    for sense in answer["senses"]:
        lines += ["", f"{sense['organisation']['name']}: ‘{sense['label']}’"]
        lines.append(_wrap(sense["definition"]))
        if sense["usage_note"]:
            lines.append(_wrap(f"{message('usage_note', lang)}: {sense['usage_note']}"))
        for connotation in sense["connotation"]:
            who = (connotation["perceived_by"] or {}).get("name", "")
            lines.append(
                _wrap(f"! {message('loaded_for', lang)} {who}: {connotation['description']}")
            )
        for other in sense["equivalents"]:
            match = message("match_" + other["match"], lang)
            lines.append(f"  = {other['organisation']['name']}: ‘{other['label']}’ ({match})")
        if sense["shared_term"]:
            lines.append(f"  ~ {message('shared_term', lang)}: ‘{sense['shared_term']['label']}’")
        lines += _sources(sense["sources"], lang)
    for concept in answer["shared_terms"]:
        lines += ["", f"{message('shared_term', lang)}: ‘{concept['label']}’"]
        lines.append(_wrap(concept["definition"]))
    return "\n".join(lines)


def search_text(results: list[dict]) -> str:
    if not results:
        return "-"
    lines = []
    for result in results:
        names = ", ".join(o["name"] for o in result["organisations"])
        lines.append(
            f"{result['score']:5.2f}  {result['label']}" + (f"  ({names})" if names else "")
        )
        if result["match"]["field"] != "prefLabel":
            lines.append(_wrap(f"{result['match']['field']}: {result['match']['text']}", " " * 7))
    return "\n".join(lines)


def translation_text(answer: dict, lang: str) -> str:
    lines = [answer["translation"], *answer["notes"]]
    for span in answer["spans"]:
        lines += ["", f"[{span['start']}-{span['end']}] ‘{span['text']}’"]
        lines.append(
            _wrap(
                f"{answer['from']['name']} {message('means', lang)}: {span['sense']['definition']}"
            )
        )
        if span["say_instead"]:
            why = message("why_" + span["say_instead"]["why"], lang)
            lines.append(f"  → {span['say_instead']['label']} ({why})")
        for warning in span["warnings"]:
            lines.append(_wrap("! " + warning["message"]))
    return "\n".join(lines)


def who_text(answer: dict, lang: str) -> str:
    lines = []
    if answer["deidentified_description"]:
        lines += [answer["deidentified_description"], ""]
    for number, candidate in enumerate(answer["candidates"], 1):
        team = f" — {candidate['team']['name']}" if candidate["team"] else ""
        role = f" ({candidate['role']})" if candidate["role"] else ""
        lines.append(
            f"{number}. {candidate['organisation']['name']}{team}{role}  {candidate['score']:.2f}"
        )
        lines += [_wrap("· " + reason["text"], "   ") for reason in candidate["reasons"]]
    if not answer["candidates"]:
        lines.append(message("who_nobody", lang))
    if answer["grey_area"]:
        lines += ["", "! " + message("who_grey", lang)]
        lines += [_wrap("· " + reason["text"]) for reason in answer["grey_area_reasons"]]
    for advice in answer["advice"]:
        title = advice["protocol"]["label"] if "protocol" in advice else advice["text"]
        lines += ["", f"→ {title}"]
        lines += [_wrap("· " + rule, "   ") for rule in advice.get("rules", [])]
    return "\n".join(lines)


def addition_text(answer: dict, lang: str) -> str:
    """A checked addition and what it changes in the overlap report (`rolemap add`)."""
    organisations = ", ".join(f"{o['id']} ({o['name']})" for o in answer["organisations"])
    lines = [
        message(
            "addition_valid",
            lang,
            source=answer["source"],
            triples=str(answer["triples"]),
            organisations=organisations,
        ),
        f"{message('report_changes', lang)}:",
    ]
    for part in ("new", "newly_settled", "gone"):
        findings = answer["report_changes"][part]
        lines.append(f"  {message('changes_' + part, lang)} ({len(findings)})")
        for finding in findings:
            who = ", ".join(finding["organisations"])
            lines.append(_wrap(f"[{finding['severity']}] {finding['message']} ({who})", "    "))
    return "\n".join(lines)


def history_text(entries: list[dict], lang: str) -> str:
    if not entries:
        return message("history_empty", lang)
    lines = []
    for entry in entries:
        line = (
            f"{entry['id']:>4}  {entry['at']}  {entry['by']:<16} {entry['source']}  "
            f"{entry['triples']} triples  {', '.join(entry['organisations'])}"
        )
        if entry["undone_at"]:
            line += f"  [{message('undone', lang)} {entry['undone_at']} {entry['undone_by']}]"
        lines.append(line)
    return "\n".join(lines)
