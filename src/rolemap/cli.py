"""The `rolemap` command: a thin layer over the library."""

from pathlib import Path
from typing import Annotated

import typer

from rolemap import config
from rolemap.consistency import check_consistency
from rolemap.diagram import ontology_graph, to_dot
from rolemap.diagram import render as render_diagram
from rolemap.errors import RolemapError
from rolemap.loader import load
from rolemap.report import build_report
from rolemap.report_formats import FORMATS, render
from rolemap.stats import counts

app = typer.Typer(
    help="rolemap: what each organisation in the social domain means, and who picks what up.",
    no_args_is_help=True,
    add_completion=False,
)

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar=config.ENV_DATA,
        help="Folder of Turtle files to load with the ontology [default: the Overvecht data].",
        file_okay=False,
    ),
]


def _fail(error: RolemapError) -> typer.Exit:
    typer.secho(f"error: {error}", err=True, fg=typer.colors.RED)
    return typer.Exit(code=1)


@app.command()
def check(data: DataOption = None) -> None:
    """Parse the ontology and a data set, run the reasoner, and print what the graph holds."""
    try:
        kg = load(data)
        check_consistency(kg)
    except RolemapError as error:
        raise _fail(error) from None
    typer.echo(f"{kg.data_dir} ({len(kg.files)} files)")
    for kind, number in counts(kg.graph).items():
        typer.echo(f"  {kind:<14}{number:>8}")
    typer.echo("consistent (HermiT)")


@app.command()
def report(
    data: DataOption = None,
    fmt: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(FORMATS)}.")] = "md",
    org: Annotated[
        list[str] | None,
        typer.Option("--org", help="Only findings involving this organisation id."),
    ] = None,
    lang: Annotated[str, typer.Option(help="Language of messages: nl or en.")] = "nl",
    out: Annotated[Path | None, typer.Option(help="Write to this file instead of stdout.")] = None,
) -> None:
    """The overlap report: homonyms, overlapping tasks, loaded words, open and settled cases."""
    try:
        text = render(build_report(load(data), org, lang), fmt)
    except RolemapError as error:
        raise _fail(error) from None
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {out}")


@app.command()
def serve(
    data: DataOption = None,
    host: Annotated[str, typer.Option(envvar=config.ENV_HOST, help="Address to listen on.")] = (
        config.Settings.host
    ),
    port: Annotated[int, typer.Option(envvar=config.ENV_PORT, help="Port to listen on.")] = (
        config.Settings.port
    ),
) -> None:
    """Serve the HTTP API and pages."""
    import uvicorn

    from api.app import create_app

    settings = config.Settings(data=data, host=host, port=port)
    try:
        application = create_app(settings)
    except RolemapError as error:
        raise _fail(error) from None
    uvicorn.run(application, host=settings.host, port=settings.port)


@app.command()
def diagram(
    out: Annotated[Path, typer.Argument(help="Output file: .dot, .svg or .png.")],
) -> None:
    """Draw the ontology's main classes and relations."""
    try:
        render_diagram(to_dot(ontology_graph()), out)
    except RolemapError as error:
        raise _fail(error) from None
    typer.echo(f"wrote {out}")
