"""The `rolemap` command: a thin layer over the library."""

import gc
import threading
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from rolemap import cli_additions, config
from rolemap.cli_context import (
    DataOption,
    JsonOption,
    LangOption,
    dumps,
    fail,
    open_knowledge_base,
)
from rolemap.consistency import check_consistency
from rolemap.deidentify import shared_deidentifier
from rolemap.diagram import ontology_graph, to_dot
from rolemap.diagram import render as render_diagram
from rolemap.errors import RolemapError
from rolemap.recognise import Question
from rolemap.report import build_report
from rolemap.report_formats import FORMATS, render
from rolemap.routing import route
from rolemap.stats import counts
from rolemap.text_output import search_text, term_text, translation_text, who_text

app = typer.Typer(
    help="rolemap: what each organisation in the social domain means, and who picks what up.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def main(
    ctx: typer.Context,
    data_dir: Annotated[
        str,
        typer.Option(
            "--data-dir",
            envvar=config.ENV_DATA_DIR,
            help="Folder of the embedded store, which keeps additions; ':memory:' keeps nothing.",
        ),
    ] = str(config.default_data_dir()),
    sparql_url: Annotated[
        str | None,
        typer.Option(
            "--sparql-url",
            envvar=config.ENV_SPARQL_URL,
            help="Use this SPARQL 1.1 query endpoint (Oxigraph server, Fuseki, …) as the store.",
        ),
    ] = None,
    sparql_update_url: Annotated[
        str | None,
        typer.Option(
            "--sparql-update-url",
            envvar=config.ENV_SPARQL_UPDATE_URL,
            help="Its update endpoint [default: …/update beside …/query, else the same URL].",
        ),
    ] = None,
) -> None:
    """Where the graph is kept applies to every command."""
    ctx.obj = config.Settings(
        data_dir=data_dir, sparql_url=sparql_url, sparql_update_url=sparql_update_url
    )


@app.command()
def check(ctx: typer.Context, data: DataOption = None) -> None:
    """Parse the ontology and a data set, run the reasoner, and print what the graph holds."""
    try:
        kg = open_knowledge_base(ctx, data).kg
        check_consistency(kg)
    except RolemapError as error:
        raise fail(error) from None
    typer.echo(f"{kg.data_dir} ({len(kg.files)} files)")
    for kind, number in counts(kg.graph).items():
        typer.echo(f"  {kind:<14}{number:>8}")
    typer.echo("consistent (HermiT)")


@app.command()
def report(
    ctx: typer.Context,
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
        text = render(build_report(open_knowledge_base(ctx, data).kg, org, lang), fmt)
    except RolemapError as error:
        raise fail(error) from None
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {out}")


def _check_lang(lang: str) -> None:
    if lang not in ("nl", "en"):
        raise typer.BadParameter(f"{lang!r}: use nl or en", param_hint="--lang")


@app.command()
def term(
    ctx: typer.Context,
    label: Annotated[str, typer.Argument(help="The word, as you heard it.")],
    org: Annotated[
        str | None, typer.Option(help="Only this organisation's meaning (its id).")
    ] = None,
    lang: LangOption = "nl",
    as_json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """What each organisation means by a word, whether it is ambiguous or loaded, with sources."""
    _check_lang(lang)
    try:
        answer = open_knowledge_base(ctx, data).view.terms.look_up(label, org, lang)
    except RolemapError as error:
        raise fail(error) from None
    typer.echo(dumps(answer) if as_json else term_text(answer, lang))


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words to look for in labels and meanings.")],
    org: Annotated[
        str | None, typer.Option(help="Only this organisation's words (its id).")
    ] = None,
    lang: LangOption = "nl",
    limit: Annotated[int, typer.Option(min=1, max=100, help="How many results.")] = 10,
    as_json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Ranked search over the jargon, forgiving spelling, inflection and compounds."""
    _check_lang(lang)
    try:
        results = open_knowledge_base(ctx, data).view.terms.search(query, org, lang, limit)
    except RolemapError as error:
        raise fail(error) from None
    typer.echo(dumps({"query": query, "results": results}) if as_json else search_text(results))


@app.command()
def translate(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="A sentence in the speaking organisation's words.")],
    source: Annotated[str, typer.Option("--from", help="Id of the organisation that speaks.")],
    target: Annotated[str, typer.Option("--to", help="Id of the organisation that listens.")],
    lang: LangOption = "nl",
    as_json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """How another organisation hears a sentence: its words, loaded and ambiguous ones flagged."""
    _check_lang(lang)
    try:
        translator = open_knowledge_base(ctx, data).view.translator
        answer = translator.translate(text, source, target, lang)
    except RolemapError as error:
        raise fail(error) from None
    typer.echo(dumps(answer) if as_json else translation_text(answer, lang))


@app.command()
def who(
    ctx: typer.Context,
    description: Annotated[
        str | None, typer.Argument(help="The case in your own words (Dutch).")
    ] = None,
    age: Annotated[int | None, typer.Option(min=0, max=120, help="Age in years.")] = None,
    postcode: Annotated[str | None, typer.Option(help="1234 or 1234 AB.")] = None,
    domain: Annotated[
        list[str] | None, typer.Option("--domain", help="A ZRM life domain (label or id).")
    ] = None,
    collective: Annotated[bool, typer.Option("--collective", help="A group's question.")] = False,
    urgent: Annotated[bool, typer.Option("--urgent", help="Help is needed now.")] = False,
    as_of: Annotated[
        datetime | None, typer.Option("--as-of", formats=["%Y-%m-%d"], help="Answer for this day.")
    ] = None,
    lang: LangOption = "nl",
    as_json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Who picks this up? Organisations ranked with reasons, grey area and advice.

    The description is de-identified before it is shown; nothing is stored.
    """
    _check_lang(lang)
    question = Question(
        description=description,
        age=age,
        postcode=postcode,
        life_domains=domain or [],
        collective=collective or None,
        urgent=urgent or None,
        as_of=as_of.date() if as_of else None,
    )
    try:
        model = open_knowledge_base(ctx, data).view.routing
        answer = route(model, question, lang, deidentify=shared_deidentifier())
    except RolemapError as error:
        raise fail(error) from None
    typer.echo(dumps(answer) if as_json else who_text(answer, lang))


@app.command()
def serve(
    ctx: typer.Context,
    data: DataOption = None,
    host: Annotated[str, typer.Option(envvar=config.ENV_HOST, help="Address to listen on.")] = (
        config.Settings.host
    ),
    port: Annotated[int, typer.Option(envvar=config.ENV_PORT, help="Port to listen on.")] = (
        config.Settings.port
    ),
    token: Annotated[
        str | None,
        typer.Option(
            envvar=config.ENV_TOKEN,
            help="Bearer token(s) for writes: 'secret', or 'label:secret,label:secret' so the "
            "history says who. Without one, writes are refused.",
            show_default=False,
        ),
    ] = None,
    max_body: Annotated[
        int, typer.Option(envvar=config.ENV_MAX_BODY, min=1, help="Largest addition, in bytes.")
    ] = config.Settings.max_body,
    query_timeout: Annotated[
        float,
        typer.Option(
            envvar=config.ENV_QUERY_TIMEOUT,
            min=0.1,
            help="Seconds a /sparql query may run.",
        ),
    ] = config.Settings.query_timeout,
    query_max_rows: Annotated[
        int,
        typer.Option(
            envvar=config.ENV_QUERY_MAX_ROWS,
            min=1,
            help="Rows a /sparql answer may have.",
        ),
    ] = config.Settings.query_max_rows,
    access_log: Annotated[
        bool,
        typer.Option(
            "--access-log/--no-access-log",
            envvar=config.ENV_ACCESS_LOG,
            help="Log a line per request (method, path, status; never a body).",
        ),
    ] = config.Settings.access_log,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(
            envvar=config.ENV_CORS_ORIGINS,
            help="An origin (https://host[:port]) whose pages may call the API from a browser; "
            "repeat it, or comma-separate in the variable. Without one, no CORS.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Serve the HTTP API, the pages and the SPARQL endpoint."""
    import uvicorn

    from api.app import create_app

    try:
        cors_origins = config.parse_origins(cors_origin or [])
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--cors-origin") from None
    settings = replace(
        ctx.obj or config.Settings(),
        data=data,
        host=host,
        port=port,
        token=token,
        max_body=max_body,
        query_timeout=query_timeout,
        query_max_rows=query_max_rows,
        access_log=access_log,
        cors_origins=cors_origins,
    )
    try:
        application = create_app(settings)
    except RolemapError as error:
        raise fail(error) from None
    # The graph and indexes change only when an addition goes in: keep the garbage collector
    # from walking them (on a national graph its pauses took over a second). Again once
    # de-identification has loaded (millions of objects too), and after every reload, so that
    # the previous graph can be freed.
    _freeze_heap()
    application.state.kb.reloaded.append(_refreeze_heap)
    # A graph read in the background after a start from the cached indexes: frozen as it is
    # (a full pass over a national graph first would hold every request for seconds).
    application.state.kb.graph_loaded.append(gc.freeze)
    deidentifier = application.state.deidentifier
    threading.Thread(target=lambda: (deidentifier.warm(), _freeze_heap()), daemon=True).start()
    uvicorn.run(application, host=settings.host, port=settings.port, access_log=settings.access_log)


def _refreeze_heap() -> None:
    gc.unfreeze()
    _freeze_heap()


def _freeze_heap() -> None:
    gc.collect()
    gc.freeze()


@app.command()
def diagram(
    out: Annotated[Path, typer.Argument(help="Output file: .dot, .svg or .png.")],
) -> None:
    """Draw the ontology's main classes and relations."""
    try:
        render_diagram(to_dot(ontology_graph()), out)
    except RolemapError as error:
        raise fail(error) from None
    typer.echo(f"wrote {out}")


@app.command()
def synth(
    municipalities: Annotated[
        int, typer.Option(min=1, help="How many municipalities (342: the Netherlands).")
    ],
    out: Annotated[
        Path, typer.Option(file_okay=False, help="Folder to write the Turtle files to.")
    ],
    seed: Annotated[int, typer.Option(help="The same seed writes the same files.")] = 0,
) -> None:
    """Write a synthetic national data set for benchmarks: one Turtle file per municipality."""
    from rolemap.synth import write_synthetic

    try:
        totals = write_synthetic(out, municipalities, seed)
    except OSError as error:
        typer.secho(
            f"error: cannot write to {out}: {error.strerror}", err=True, fg=typer.colors.RED
        )
        raise typer.Exit(code=1) from None
    typer.echo(f"wrote {municipalities} files to {out} (seed {seed})")
    for kind, number in totals.items():
        typer.echo(f"  {kind:<14}{number:>10}")


for command in (
    cli_additions.validate,
    cli_additions.add,
    cli_additions.history,
    cli_additions.undo,
):
    app.command()(command)
