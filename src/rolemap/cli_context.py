"""What every `rolemap` command shares: opening the configured store, options, output."""

import json
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from rolemap import config
from rolemap.errors import RolemapError
from rolemap.knowledge_base import KnowledgeBase
from rolemap.store import StoreError, StoreInUseError, StoreReadOnlyError, read_only_backend

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar=config.ENV_DATA,
        help="Folder of Turtle files to load with the ontology [default: the Overvecht data].",
        file_okay=False,
    ),
]
LangOption = Annotated[str, typer.Option(help="Language of the answer: nl or en.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")]


def open_knowledge_base(
    ctx: typer.Context, data: Path | None, writing: bool = False
) -> KnowledgeBase:
    """The store the global options name. A command that only reads opens it read-only when
    it cannot write: a running server holds it (it then reads a snapshot), or its folder is
    read-only (a read-only mount, say)."""
    settings = replace(ctx.find_root().obj or config.Settings(), data=data)
    try:  # the graph on first use: most commands answer from the indexes alone
        return KnowledgeBase(settings, read_ahead=False)
    except (StoreInUseError, StoreReadOnlyError) as cannot_write:
        if writing:
            raise
        try:
            backend = read_only_backend(settings)
        except StoreError:  # nothing there to read: why it could not be made says how to fix it
            raise cannot_write from None
        return KnowledgeBase(settings, backend, read_ahead=False)


def fail(error: RolemapError) -> typer.Exit:
    typer.secho(f"error: {error}", err=True, fg=typer.colors.RED)
    return typer.Exit(code=1)


def dumps(answer: object) -> str:
    return json.dumps(answer, ensure_ascii=False, indent=2)
