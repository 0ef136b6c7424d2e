"""What every `rolemap` command shares: opening the configured store, options, output."""

import json
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from rolemap import config
from rolemap.errors import RolemapError
from rolemap.knowledge_base import KnowledgeBase
from rolemap.store import StoreInUseError, read_only_backend

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
    """The store the global options name. A command that only reads may share an embedded
    store that a running server holds (it then reads a snapshot)."""
    settings = replace(ctx.find_root().obj or config.Settings(), data=data)
    try:  # the graph on first use: most commands answer from the indexes alone
        return KnowledgeBase(settings, read_ahead=False)
    except StoreInUseError:
        if writing:
            raise
        return KnowledgeBase(settings, read_only_backend(settings), read_ahead=False)


def fail(error: RolemapError) -> typer.Exit:
    typer.secho(f"error: {error}", err=True, fg=typer.colors.RED)
    return typer.Exit(code=1)


def dumps(answer: object) -> str:
    return json.dumps(answer, ensure_ascii=False, indent=2)
