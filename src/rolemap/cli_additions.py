"""`rolemap validate | add | history | undo`: how an analyst extends the graph from a terminal."""

import getpass
import re
from pathlib import Path
from typing import Annotated

import typer

from rolemap.addition_formats import Addition, format_for_path, parse_addition
from rolemap.additions import addition_json
from rolemap.cli_context import (
    DataOption,
    JsonOption,
    LangOption,
    dumps,
    fail,
    open_knowledge_base,
)
from rolemap.errors import DataFileError, RolemapError
from rolemap.messages import message
from rolemap.text_output import addition_text, history_text

FileArgument = Annotated[
    Path,
    typer.Argument(help="The addition: .ttl, .jsonld or .yaml (see examples/).", dir_okay=False),
]
ByOption = Annotated[
    str | None,
    typer.Option("--by", help="Who makes the change, for the history [default: cli-<user>]."),
]


def _read(path: Path) -> Addition:
    if not path.is_file():
        raise DataFileError(path, "does not exist", hint="Give the path of the addition file.")
    return parse_addition(path.read_bytes(), format_for_path(path), path.name)


def _by(by: str | None) -> str:
    return by or "cli-" + re.sub(r"[^A-Za-z0-9._-]", "-", getpass.getuser())[:60]


def validate(
    ctx: typer.Context, file: FileArgument, lang: LangOption = "nl", data: DataOption = None
) -> None:
    """Check an addition: syntax, no existing organisation, structure shapes, reasoner.
    Exit 0 when it may go in, 1 with the findings (and lines) when not."""
    try:
        addition = _read(file)
        kb = open_knowledge_base(ctx, data)
        checked = kb.check(addition, lang)
    except RolemapError as error:
        raise fail(error) from None
    organisations = ", ".join(checked.organisation_ids)
    typer.echo(
        message(
            "addition_valid",
            lang,
            source=file.name,
            triples=str(checked.triples),
            organisations=organisations,
        )
    )


def add(
    ctx: typer.Context,
    file: FileArgument,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; store nothing.")
    ] = False,
    by: ByOption = None,
    lang: LangOption = "nl",
    as_json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Add an organisation (or several) from a file, in one transaction, after validating it.
    Shows what the addition changes in the overlap report."""
    try:
        addition = _read(file)
        kb = open_knowledge_base(ctx, data, writing=not dry_run)
        if dry_run:
            answer = addition_json(*kb.dry_run(addition, lang), lang)
        else:
            added = kb.add(addition, _by(by), lang)
            answer = addition_json(added.checked, added.changes, lang)
            answer["addition"] = added.entry.to_json()
    except RolemapError as error:
        raise fail(error) from None
    if as_json:
        typer.echo(dumps(answer))
        return
    typer.echo(addition_text(answer, lang))
    if dry_run:
        typer.echo(message("dry_run", lang))
    else:
        typer.echo(message("added_as", lang, id=str(answer["addition"]["id"])))


def history(
    ctx: typer.Context,
    data: DataOption = None,
    lang: LangOption = "nl",
    as_json: JsonOption = False,
) -> None:
    """Every addition: when, by whom, from which file, how many triples; undone ones marked."""
    try:
        entries = [entry.to_json() for entry in open_knowledge_base(ctx, data).history()]
    except RolemapError as error:
        raise fail(error) from None
    typer.echo(dumps(entries) if as_json else history_text(entries, lang))


def undo(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(metavar="ID", help="The addition's id (see history).")],
    by: ByOption = None,
    data: DataOption = None,
    lang: LangOption = "nl",
    as_json: JsonOption = False,
) -> None:
    """Take an addition out again, in one transaction. Its history entry stays, marked undone."""
    try:
        undone = open_knowledge_base(ctx, data, writing=True).undo(number, _by(by), lang)
    except RolemapError as error:
        raise fail(error) from None
    typer.echo(dumps(undone.to_json()) if as_json else history_text([undone.to_json()], lang))
