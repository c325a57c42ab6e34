"""The command line on files (extra ``accountcore[cli]``: click, rich).

``accountcore COMMAND``: the everyday jobs, each one command on real files.

- ``accountcore demo``: the library's story on embedded data;
- ``accountcore plan check FILE``: load a commission plan (TOML or JSON) and
  list every fault with its place, or say it is sound;
- ``accountcore pipeline diagram FILE``: a pipeline as a Mermaid diagram;
- ``accountcore commissions run --plan P --credits C --period 2026-Q1
  --out OUT``: a team's statements from a table of credits (CSV, parquet,
  Excel or JSON), written as a spreadsheet (summary and lines sheets), CSV,
  parquet or JSON, with the ledgers to carry beside them.

Exit codes: 0 done; 1 the input is wrong (bad rows, a plan with faults),
with every fault listed and nothing written; 2 the command is used wrongly
(click's usage errors). Errors are one line or a table of bad rows, never a
traceback. A progress display shows on a terminal, nothing otherwise.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from accountcore.errors import AccountcoreError

__all__ = ["cli", "run"]

_LOCALE = click.option(
    "--locale",
    default="en_US",
    show_default=True,
    help="The language and number formats of what is written.",
)


class _Context:
    """What every command reads: --quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet

    def say(self, text: str) -> None:
        if not self.quiet:
            click.echo(text)


@contextmanager
def _progress(label: str, quiet: bool) -> Iterator[Callable[[str], None]]:
    """A spinner with the current step on a terminal; nothing otherwise."""
    if quiet or not sys.stderr.isatty():
        yield lambda _step: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn

    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), transient=True
    ) as progress:
        task = progress.add_task(label)

        def step(text: str) -> None:
            progress.update(task, description=f"{label}: {text}")

        yield step


def _fail(error: AccountcoreError) -> None:
    """Print an error of the library's (a table of bad rows when it has one)
    and leave with exit code 1."""
    rows = getattr(error, "faults", None)
    table = getattr(error, "table", None)
    if rows and isinstance(table, str):
        click.echo(f"accountcore: {table} has bad rows; nothing was written:", err=True)
        click.echo("row\tcolumn\tvalue\treason", err=True)
        for row, column, value, reason in rows:
            click.echo(f"{row}\t{column}\t{value}\t{reason}", err=True)
    else:
        click.echo(f"accountcore: {error}", err=True)
    raise click.exceptions.Exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.pass_context
def cli(context: click.Context, quiet: bool) -> None:
    """Exact, explainable account management on your files."""
    context.obj = _Context(quiet)


@cli.command()
@click.option(
    "--locale",
    default="en_US",
    show_default=True,
    help="The language of the story (en_US, et_EE, uk_UA, ja_JP, ro_RO, lv_LV); "
    "a locale in another language (de_DE) is refused with exit code 2.",
)
def demo(locale: str) -> None:
    """Walk through the library on embedded data."""
    from accountcore.cli.demo import render_demo

    try:
        text = render_demo(locale)
    except ValueError as error:
        click.echo(f"accountcore: {error}", err=True)
        raise click.exceptions.Exit(2) from None
    click.echo(text, nl=False)


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the process exit code."""
    try:
        # outside standalone mode click returns an Exit's code
        code = cli.main(
            args=list(argv) if argv is not None else None, standalone_mode=False
        )
    except click.exceptions.Abort:
        click.echo("accountcore: stopped", err=True)
        return 1
    except click.ClickException as error:
        error.show()
        return error.exit_code
    return code if isinstance(code, int) else 0


def _load(path: Path, kind: str) -> Any:
    """A definition file of ``kind`` (exit 1 with every fault)."""
    from accountcore.definitions import load

    try:
        return load(path, kind=kind)
    except AccountcoreError as error:
        _fail(error)


@cli.group()
def plan() -> None:
    """Commission plans in files."""


@plan.command("check")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def plan_check(obj: _Context, file: Path) -> None:
    """Load FILE (TOML or JSON) and list every fault, or say it is sound."""
    loaded = _load(file, "commission_plan")
    obj.say(
        f"{file}: plan {loaded.name!r} in {loaded.currency}, "
        f"{len(loaded.components)} components: sound"
    )


@cli.group()
def pipeline() -> None:
    """Sales pipelines in files."""


@pipeline.command("diagram")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def pipeline_diagram(file: Path) -> None:
    """Print the pipeline in FILE as a Mermaid diagram."""
    loaded = _load(file, "pipeline")
    click.echo(loaded.to_mermaid())


@cli.group()
def commissions() -> None:
    """Commission statements from tables."""


_FORMATS = ("xlsx", "csv", "parquet", "json")


def _period(text: str) -> Any:
    from accountcore.frames.quotas import _period as parse

    found = parse(text)
    if isinstance(found, str):
        raise click.BadParameter(f"{text!r}: {found}", param_hint="--period")
    return found


def _table(path: str) -> Any:
    """A table from a file by its extension, or CSV from standard input
    (``-``); every column read as it is written (amounts as text)."""
    from accountcore.frames._polars import polars
    from accountcore.frames.files import read_table

    if path == "-":
        return polars().read_csv(sys.stdin.buffer, infer_schema=False)
    return read_table(Path(path))


def _from_deals(
    deals: str, splits: str | None, clawback_days: int | None, period: Any
) -> Any:
    """The credits of a deals table (and its splits) in ``period``."""
    from accountcore.frames import credits_from_deals

    return credits_from_deals(
        _table(deals),
        period=period,
        splits=_table(splits) if splits else None,
        clawback_days=clawback_days,
    )


def _carried(path: Path) -> tuple[Any, Any]:
    """The ledgers and deal records written by an earlier run."""
    import json

    from accountcore.frames._polars import polars

    pl = polars()
    data = json.loads(path.read_text(encoding="utf-8"))
    ledgers = pl.DataFrame(data["ledgers"], infer_schema_length=None)
    records = pl.DataFrame(data["deal_records"], infer_schema_length=None)
    return ledgers.cast(pl.String), records.cast(pl.String)


def _write_carried(result: Any, path: Path) -> None:
    import json

    def rows(table: Any) -> list[dict[str, Any]]:
        return [
            {k: None if v is None else str(v) for k, v in row.items()}
            for row in table.iter_rows(named=True)
        ]

    data = {"ledgers": rows(result.ledgers), "deal_records": rows(result.deal_records)}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")


def _write(result: Any, out: Path, fmt: str, locale: str) -> list[Path]:
    """The statements in ``fmt``: the files written."""
    from accountcore.frames import files

    if fmt == "xlsx":
        files.write_excel(result, out, locale=locale)
        return [out]
    if fmt == "json":
        files.write_json(result, out)
        return [out]
    lines = out.with_name(f"{out.stem}.lines{out.suffix}")
    write = files.write_csv if fmt == "csv" else files.write_parquet
    write(result.summary, out)
    write(result.lines, lines)
    return [out, lines]


def _without_bad_rows(table: Any, error: Any, out: Path) -> tuple[Any, Path]:
    """``table`` less the rows ``error`` lists, and the file they go to."""
    from accountcore.frames._polars import polars

    pl = polars()
    bad = sorted({fault[0] for fault in error.faults})
    skipped = out.with_name(f"{out.stem}.bad-rows.csv")
    numbered = table.with_row_index("row")
    numbered.filter(pl.col("row").is_in(bad)).join(
        error.rows.group_by("row").agg(pl.col("reason").str.join("; ")),
        on="row",
    ).cast(pl.String).write_csv(skipped)
    kept = numbered.filter(~pl.col("row").is_in(bad)).drop("row")
    return kept, skipped


@commissions.command("run")
@click.option(
    "--plan",
    "plan_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The plan (TOML or JSON).",
)
@click.option(
    "--credits",
    "credits_file",
    help="The credits: CSV, parquet, Excel or JSON; - for CSV on standard input.",
)
@click.option(
    "--deals",
    "deals_file",
    help="Instead of --credits: won deals (with cancellations and refunds), "
    "credited by the rules of credits_from_deals (docs/frames.md).",
)
@click.option(
    "--splits",
    "splits_file",
    type=click.Path(exists=True, dir_okay=False),
    help="With --deals: each deal's owners and shares.",
)
@click.option(
    "--clawback-days",
    type=click.IntRange(min=1),
    help="With --deals: a cancellation within these days of the win is clawed back.",
)
@click.option(
    "--quotas",
    "quotas_file",
    type=click.Path(exists=True, dir_okay=False),
    help="The quotas: one row per owner (and period).",
)
@click.option(
    "--period", required=True, help="The statements' period: 2026, 2026-Q1 or 2026-01."
)
@click.option(
    "--ledgers",
    "ledgers_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The ledgers an earlier run carried (its .ledgers.json).",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the statements.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_FORMATS),
    help="The output's format (default: from --out's extension).",
)
@click.option(
    "--skip-bad-rows",
    is_flag=True,
    help="Leave bad rows out (written beside the output) instead of stopping.",
)
@_LOCALE
@click.pass_obj
def commissions_run(  # noqa: PLR0917 (one per option)
    obj: _Context,
    plan_file: Path,
    credits_file: str | None,
    deals_file: str | None,
    splits_file: str | None,
    clawback_days: int | None,
    quotas_file: str | None,
    period: str,
    ledgers_file: Path | None,
    out: Path,
    fmt: str | None,
    skip_bad_rows: bool,
    locale: str,
) -> None:
    """A team's statements for PERIOD from a table of credits, and the
    ledgers to carry (OUT's name with .ledgers.json)."""
    fmt = fmt or out.suffix.lstrip(".").lower()
    if fmt not in _FORMATS:
        raise click.BadParameter(
            f"{out.name}: say --format, one of {', '.join(_FORMATS)}",
            param_hint="--out",
        )
    if (credits_file is None) == (deals_file is None):
        raise click.UsageError("give --credits or --deals (one of them)")
    the_period = _period(period)
    the_plan = _load(plan_file, "commission_plan")
    written: list[Path] = []
    with _progress("commissions", obj.quiet) as step:
        try:
            step("reading the credits")
            if deals_file is not None:
                credits = _from_deals(
                    deals_file, splits_file, clawback_days, the_period
                )
            else:
                credits = _table(credits_file)  # type: ignore[arg-type]
            quotas = _table(quotas_file) if quotas_file else None
            carried = _carried(ledgers_file) if ledgers_file else (None, None)
            step("calculating")
            result = _team(
                the_plan, credits, the_period, quotas, carried, skip_bad_rows, out
            )
            step("writing")
            written += result[1]
            written += _write(result[0], out, fmt, locale)
            carry = out.with_name(f"{out.stem}.ledgers.json")
            _write_carried(result[0], carry)
            written.append(carry)
        except AccountcoreError as error:
            _fail(error)
    obj.say(
        f"{len(result[0].owners)} statements for {the_period}: "
        + ", ".join(str(path) for path in written)
    )


def _team(  # noqa: PLR0917 (the run's inputs)
    plan: Any,
    credits: Any,
    period: Any,
    quotas: Any,
    carried: tuple[Any, Any],
    skip_bad_rows: bool,
    out: Path,
) -> tuple[Any, list[Path]]:
    """The team's result, and the file of bad rows left out (with
    ``skip_bad_rows``, when the credits have some)."""
    from accountcore.frames import BadRowsError, calculate_team

    def calculate(table: Any) -> Any:
        return calculate_team(
            plan,
            table,
            period=period,
            quotas=quotas,
            ledgers=carried[0],
            deal_records=carried[1],
        )

    try:
        return calculate(credits), []
    except BadRowsError as error:
        if not skip_bad_rows or error.table != "credits":
            raise
        kept, skipped = _without_bad_rows(credits, error, out)
        return calculate(kept), [skipped]


def _day(text: str) -> Any:
    import datetime as _dt

    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"{text!r}: expected YYYY-MM-DD") from None


@cli.command()
@click.option("--scheme", "scheme_file", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help="The discount scheme (TOML or JSON).")  # fmt: skip
@click.option("--lines", "lines_file", required=True, help="The lines: product, quantity, unit_price, currency (and category); CSV, parquet, Excel or JSON, - for CSV on standard input.")  # fmt: skip
@click.option(
    "--tier", default="standard", show_default=True, help="The client's tier."
)
@click.option("--kind", "client_kind", default="corporate", show_default=True, help="The client's kind.")  # fmt: skip
@click.option("--segment", help="The client's segment.")
@click.option("--code", help="A promotion code.")
@click.option("--on", "on", required=True, help="The day of the quote (YYYY-MM-DD).")
@_LOCALE
def quote(  # noqa: PLR0917 (one per option)
    scheme_file: Path,
    lines_file: str,
    tier: str,
    client_kind: str,
    segment: str | None,
    code: str | None,
    on: str,
    locale: str,
) -> None:
    """Price the lines in a file for a client, each discount explained, and
    say who must approve it."""
    from accountcore.discounts import ClientFacts, QuoteLine
    from accountcore.money import Money

    scheme = _load(scheme_file, "discount_scheme")
    day = _day(on)
    try:
        table = _table(lines_file)
        lines = [
            QuoteLine(
                row["product"],
                row["quantity"],
                Money(row["unit_price"], row.get("currency") or scheme.currency),
                row.get("category") or None,
            )
            for row in table.cast(_text()).iter_rows(named=True)
        ]
        client = ClientFacts(tier=tier, kind=client_kind, segment=segment)
        priced = scheme.quote(lines, client=client, on=day, code=code)
    except AccountcoreError as error:
        _fail(error)
    click.echo("\n".join(priced.explain(locale)))


def _text() -> Any:
    from accountcore.frames._polars import polars

    return polars().String


@cli.command()
@click.option("--scorecard", "card_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="The scorecard (TOML or JSON); the default scorecard without it.")  # fmt: skip
@click.option("--profile", "profile_file", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help="The client's profile as JSON (accountcore.serialization).")  # fmt: skip
@click.option("--on", "on", required=True, help="The day of the score (YYYY-MM-DD).")
@_LOCALE
def score(card_file: Path | None, profile_file: Path, on: str, locale: str) -> None:
    """Score a client's reliability, with the reasons that cost it points."""
    from accountcore.reliability import ClientProfile, Scorecard
    from accountcore.serialization import from_json

    card = _load(card_file, "scorecard") if card_file else Scorecard.default()
    day = _day(on)
    try:
        profile = from_json(profile_file.read_bytes(), ClientProfile)
        result = card.score(profile, on=day)
    except AccountcoreError as error:
        _fail(error)
    click.echo("\n".join(result.explain(locale)))


_STORE = click.option(
    "--store",
    "store_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The SQLite store (accountcore.storage) holding the deals and clients.",
)
_CURRENCY = click.option(
    "--currency", default="EUR", show_default=True, help="The report's currency."
)
_RENDER = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html"]),
    default="text",
    show_default=True,
    help="How the report is written.",
)


def _stored(path: Path) -> tuple[list[Any], list[Any]]:
    """The deals and clients of a SQLite store."""
    from accountcore.storage import CLIENTS, DEALS, Query, SQLiteStore

    try:
        with SQLiteStore(path) as db, db.unit_of_work() as uow:
            deals = uow.repository(DEALS).select(Query())
            clients = uow.repository(CLIENTS).select(Query())
    except AccountcoreError as error:
        _fail(error)
    return deals, clients


def _rendered(build: Callable[[], Any], locale: str, fmt: str) -> None:
    """Print the report ``build`` makes, rendered (exit 1 with its error)."""
    try:
        document = build().render(locale, fmt)
    except AccountcoreError as error:
        _fail(error)
    click.echo(document, nl=False)


@cli.group()
def report() -> None:
    """The account manager's reports, from the deals and clients of a store."""


@report.command("monthly")
@_STORE
@click.option("--period", required=True, help="The month: 2026-03.")
@_CURRENCY
@_RENDER
@_LOCALE
def report_monthly(
    store_file: Path, period: str, currency: str, fmt: str, locale: str
) -> None:
    """Activity of a month: deals moved, won and lost, new clients."""
    from accountcore.reports import MonthlyReport

    deals, clients = _stored(store_file)
    _rendered(
        lambda: MonthlyReport.of(
            deals, clients, period=_period(period), currency=currency
        ),
        locale,
        fmt,
    )


@report.command("quarterly")
@_STORE
@click.option("--period", required=True, help="The quarter: 2026-Q1.")
@click.option("--quotas", "quotas_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="A quota schedule (TOML or JSON, docs/definitions.md).")  # fmt: skip
@_CURRENCY
@_RENDER
@_LOCALE
def report_quarterly(  # noqa: PLR0917 (one per option)
    store_file: Path,
    period: str,
    quotas_file: Path | None,
    currency: str,
    fmt: str,
    locale: str,
) -> None:
    """Per owner: won revenue and quota attainment in a quarter."""
    from accountcore.reports import QuarterlyResults

    deals, _ = _stored(store_file)
    quotas = _load(quotas_file, "quota_schedule") if quotas_file else ()
    _rendered(
        lambda: QuarterlyResults.of(
            deals, quotas, (), period=_period(period), currency=currency
        ),
        locale,
        fmt,
    )


@report.command("annual")
@_STORE
@click.option("--year", required=True, type=int, help="The fiscal year.")
@_CURRENCY
@_RENDER
@_LOCALE
def report_annual(
    store_file: Path, year: int, currency: str, fmt: str, locale: str
) -> None:
    """The fiscal year's forecast by quarter and by owner."""
    from accountcore.reports import AnnualForecast

    deals, _ = _stored(store_file)
    _rendered(
        lambda: AnnualForecast.of(deals, fiscal_year=year, currency=currency),
        locale,
        fmt,
    )


def _moment(text: str) -> Any:
    import datetime as _dt

    try:
        moment = _dt.datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise click.BadParameter(
            f"{text!r}: expected a moment with its offset, e.g. 2026-04-01T00:00:00+03:00",
            param_hint="--at",
        )
    return moment


@report.command("account")
@_STORE
@click.option("--period", required=True, help="The period of the revenue: 2026-Q1.")
@click.option("--at", "at", required=True, help="The moment of the status, with its offset.")  # fmt: skip
@_CURRENCY
@_RENDER
@_LOCALE
def report_account(  # noqa: PLR0917 (one per option)
    store_file: Path, period: str, at: str, currency: str, fmt: str, locale: str
) -> None:
    """Per client: tier, status, revenue in the period, open deals, last
    activity (the reliability band where a score is stored with it: none
    here)."""
    from accountcore.reports import AccountStatus

    deals, clients = _stored(store_file)
    _rendered(
        lambda: AccountStatus.of(
            clients, deals, period=_period(period), at=_moment(at), currency=currency
        ),
        locale,
        fmt,
    )
