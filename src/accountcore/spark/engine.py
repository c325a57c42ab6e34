"""Commissions on Spark: :func:`calculate_team` on Spark DataFrames.

One pass: the credits (and the quota, ledger and deal-record rows, and a
row for each owner named without credits) are tagged with their table,
unioned, hash-partitioned by ``owner`` and handed to ``mapInArrow``; each
task holds whole owners, reads its rows into one polars frame per table and
calls :func:`accountcore.frames.calculate_team` on them. The four result
tables leave the task as one Arrow table: a ``table`` column (the row's
table), the deal records' columns (a row per deal, money as whole minor
units) and, for each of the other tables, a column of lists of its rows;
the result is cached and each table selected from it under its own names,
with its decimal columns as ``DecimalType``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from accountcore.commissions import CommissionPlan
from accountcore.errors import ArgumentTypeError, check_type
from accountcore.frames import CREDIT_COLUMNS
from accountcore.frames import calculate_team as column_team
from accountcore.frames._polars import polars
from accountcore.money import CURRENCIES
from accountcore.periods import Period
from accountcore.quotas import Quota
from accountcore.spark._ledgers import ledger_tables
from accountcore.spark._merge import CREDITS, compacted, mergeable
from accountcore.spark._pyspark import (
    arrow_schema,
    functions,
    types,
)
from accountcore.spark._pyspark import (
    pyarrow as _pyarrow,
)
from accountcore.spark.errors import (
    CarriedAmountError,
    NotDecimalError,
    WidenedColumnError,
)

__all__ = ["TABLES", "SparkTeam", "calculate_team"]

#: The result's tables, in order, and the letter that numbers their columns.
TABLES = {"summary": "s", "lines": "l", "ledgers": "g", "deal_records": "d"}
# Each input table's money columns (DecimalType required) and its tag.
_MONEY = {
    "credits": ("amount",),
    "quotas": ("target",),
    "ledgers": ("draw_balance", "paid_to_date", "credited_to_date"),
    "deal_records": ("credited", "earned"),
}
# Columns whose places follow the rows on the object path (a rate, a share,
# a basis): held at 16 places at least, the places the engine gives them.
_FINE = {
    "summary": {"attainment"},
    "lines": {"basis", "rate", "lower", "upper", "share"},
}
_KIND = "__kind"
_FLAT = "deal_records"  # the result table of a row per deal, not lists
# The whole minor units a deal record's money carries between tasks.
_LOW, _HIGH = -(2**63), 2**63 - 1
_SLICE = 1_000_000  # the result rows a task hands on at a time
#: The rows of a small result table held in one row of the pass.
_PER_LIST = 4096
_OWNERS = "owners"  # rows that only name an owner
# Each row's table as a byte (cheaper than its name to move to the tasks).
_TAGS = {"credits": CREDITS, "quotas": 1, "ledgers": 2, "deal_records": 3, _OWNERS: 4}
# The rows a task holds before it merges its credits (when the plan allows):
# a partition of one row per deal never pays for the merge, a heavy owner's
# stays about this size (plus its distinct rows).
_MERGE_AT = 1_000_000


@attrs.frozen
class SparkTeam:
    """A team's commissions as Spark DataFrames: :attr:`summary`,
    :attr:`lines`, :attr:`ledgers` and :attr:`deal_records`, with the
    columns (and names) of :class:`accountcore.frames.TeamResult`'s tables,
    money as ``DecimalType``; line and deal counts are ``long``. The four
    come from one cached pass (:attr:`result`); :meth:`unpersist` frees it.

    Rows come in no particular order: sort them (``orderBy("owner",
    "line")``) to read them in statement order. See :func:`calculate_team`
    and ``docs/spark.md`` for an example.
    """

    plan: CommissionPlan
    period: Period
    summary: Any
    lines: Any
    ledgers: Any
    deal_records: Any
    result: Any = attrs.field(repr=False)

    def unpersist(self) -> None:
        """Drop the cached pass the four tables read."""
        self.result.unpersist()


def calculate_team(
    plan: CommissionPlan,
    credits: Any,
    *,
    period: Period,
    quotas: Any = None,
    ledgers: Any = None,
    deal_records: Any = None,
    owners: Iterable[str] = (),
    partitions: int | None = None,
    merge: bool = True,
) -> SparkTeam:
    """Every owner's commissions for ``period`` from a Spark DataFrame of
    credits, computed by :func:`accountcore.frames.calculate_team` in
    tasks that each hold whole owners, to the same rows.

    ``credits`` has the columns of :func:`accountcore.frames.read_credits`,
    ``amount`` a ``DecimalType``; ``quotas`` is a Spark DataFrame (the
    columns of :func:`accountcore.frames.read_quotas`, ``target`` a
    ``DecimalType``) or :class:`~accountcore.quotas.Quota` objects;
    ``ledgers`` and ``deal_records`` are Spark DataFrames such as a run's
    :attr:`SparkTeam.ledgers` and :attr:`SparkTeam.deal_records`, carried
    into the next period's run, or ``ledgers`` is
    :class:`~accountcore.commissions.Ledger` objects (a sequence, or a
    mapping owner → ledger; each holds its deals: no ``deal_records``). The owners are those with a credit in the
    window, a quota, a ledger or named in ``owners``. ``partitions`` is the
    number of owner partitions (``spark.sql.shuffle.partitions`` unless
    given). With ``merge`` (and a plan of built-in components without a
    :class:`~accountcore.commissions.Spiff`), a task that holds more than
    a million rows sums an owner's credits that differ only in amount (and
    quantity) and have the same sign into one row before the column engine
    reads them (the same statements; a heavy owner's task holds fewer
    rows; a task of one row per deal pays nothing): ``merge=False`` never
    merges.

    >>> from accountcore.commissions import FlatRate
    >>> calculate_team(CommissionPlan("flat", "EUR", (FlatRate("c", "0.05"),)),
    ...                None, period=Period.month(2026, 1))
    Traceback (most recent call last):
    ...
    accountcore.errors.ArgumentTypeError: credits must be a Spark DataFrame, not NoneType (None).
    """
    check_type("plan", plan, CommissionPlan)
    check_type("period", period, Period)
    if not hasattr(credits, "sparkSession") or not hasattr(credits, "mapInArrow"):
        raise ArgumentTypeError("credits", credits, "a Spark DataFrame")
    spark = credits.sparkSession
    tables, quota_objects = _inputs(spark, credits, quotas, ledgers, deal_records)
    tables["credits"] = _widened(_pruned(credits), plan)
    named = sorted({*owners, *(q.owner for q in quota_objects or ())})
    tagged = _tagged(spark, tables, named)
    layout = {
        name: [c for c in t.columns if c != "owner"] for name, t in tables.items()
    }
    shapes = _shapes(plan, period, tables, quota_objects)
    schema = _result_schema(shapes)
    task = _task(
        plan,
        period,
        merge_at=_MERGE_AT if merge and mergeable(plan) else None,
        per_list=_PER_LIST,
        per_slice=_SLICE,
        layout=layout,
        quota_objects=quota_objects,
        shapes=shapes,
        schema=schema,
    )
    count = partitions or int(spark.conf.get("spark.sql.shuffle.partitions"))
    parted = tagged.repartition(count, "owner")
    result = parted.mapInArrow(task, schema).cache()
    return SparkTeam(plan, period, result=result, **_picked(result, shapes))


def _inputs(
    spark: Any, credits: Any, quotas: Any, ledgers: Any, deal_records: Any
) -> tuple[dict[str, Any], list[Quota] | None]:
    """The input tables by name (Ledger objects as the ledger tables; money
    columns checked) and the Quota objects given."""
    quota_objects: list[Quota] | None = None
    tables = {"credits": credits}
    if hasattr(quotas, "mapInArrow"):
        tables["quotas"] = quotas
    elif quotas is not None:
        found = quotas.values() if isinstance(quotas, Mapping) else quotas
        quota_objects = [check_type("quotas", q, Quota) for q in found]
    if hasattr(ledgers, "mapInArrow"):
        tables["ledgers"] = ledgers
        if deal_records is not None:
            tables["deal_records"] = deal_records
    elif ledgers is not None:
        if deal_records is not None:
            raise ArgumentTypeError(
                "deal_records",
                deal_records,
                "None unless ledgers is a Spark DataFrame (a Ledger holds its own deals)",
            )
        tables["ledgers"], tables["deal_records"] = ledger_tables(spark, ledgers)
    for name, table in tables.items():
        _check_money(name, table)
    return tables, quota_objects


def _check_money(name: str, table: Any) -> None:
    """Refuse a money column that is not a ``DecimalType``."""
    decimal = types().DecimalType
    for field in table.schema.fields:
        if field.name in _MONEY[name] and not isinstance(field.dataType, decimal):
            raise NotDecimalError(name, field.name, field.dataType.simpleString())


def _pruned(credits: Any) -> Any:
    """The credits' columns the column engine reads (the others would only
    be moved)."""
    return credits.select(*[f"`{c}`" for c in credits.columns if c in CREDIT_COLUMNS])


def _widened(credits: Any, plan: CommissionPlan) -> Any:
    """The credits with ``amount`` a ``decimal(38, s)``, ``s`` at least the
    plan currency's minor unit, so that every partition computes at the
    same scale (the column engine takes the finest of the column's and its
    currencies') and a sum of amounts keeps the type."""
    field = credits.schema["amount"] if "amount" in credits.columns else None
    if field is None:
        return credits
    scale = max(field.dataType.scale, CURRENCIES.get(plan.currency, 2))
    if (field.dataType.precision, field.dataType.scale) == (38, scale):
        return credits
    wide = types().DecimalType(38, scale)
    return credits.withColumn("amount", functions().col("amount").cast(wide))


def _tagged(spark: Any, tables: Mapping[str, Any], named: list[str]) -> Any:
    """One DataFrame of every input row: ``owner``, ``__kind`` (the table it
    came from) and each table's columns as ``<table>__<column>``."""
    f = functions()
    parts = [
        table.select(
            f.col("owner").cast("string").alias("owner"),
            f.lit(_TAGS[name]).cast("tinyint").alias(_KIND),
            *[
                f.col(f"`{c}`").alias(f"{name}__{c}")
                for c in table.columns
                if c != "owner"
            ],
        )
        for name, table in tables.items()
    ]
    if named:
        rows = spark.createDataFrame([(o,) for o in named], "owner string")
        parts.append(
            rows.select("owner", f.lit(_TAGS[_OWNERS]).cast("tinyint").alias(_KIND))
        )
    whole = parts[0]
    for part in parts[1:]:
        whole = whole.unionByName(part, allowMissingColumns=True)
    return whole


def _empty(table: Any) -> Any:
    """An empty polars frame with the columns and types of a Spark table."""
    pa = _pyarrow()

    schema = arrow_schema(table.schema)
    return polars().from_arrow(pa.Table.from_batches([], schema=schema))


def _shapes(
    plan: CommissionPlan,
    period: Period,
    tables: Mapping[str, Any],
    quota_objects: list[Quota] | None,
) -> dict[str, list[tuple[str, Any]]]:
    """Each result table's columns and Spark types, from a run of the
    column engine on empty tables of the inputs' types (the types follow
    from the plan and the input types; a rate's, a share's or a basis's
    places, and a target's, follow the rows: these are held at 16 places,
    and the quota table's, at least)."""
    floors = {(table, n): 16 for table, names in _FINE.items() for n in names}
    if "quotas" in tables and "target" in tables["quotas"].columns:
        floors["summary", "target"] = tables["quotas"].schema["target"].dataType.scale
    empty = {name: _empty(table) for name, table in tables.items()}
    team = column_team(
        plan,
        empty["credits"],
        period=period,
        quotas=empty.get("quotas", quota_objects),
        ledgers=empty.get("ledgers"),
        deal_records=empty.get("deal_records"),
    )
    return {
        table: [
            (n, _spark_type(t, floors.get((table, n), 0)))
            for n, t in getattr(team, table).schema.items()
        ]
        for table in TABLES
    }


def _spark_type(dtype: Any, places: int) -> Any:
    """The Spark type of a result column's polars type (a decimal at
    ``places`` at least)."""
    pl, t = polars(), types()
    if isinstance(dtype, pl.Decimal):
        return t.DecimalType(38, max(dtype.scale, places))
    if dtype == pl.Date:
        return t.DateType()
    if dtype == pl.Boolean:
        return t.BooleanType()
    if dtype.is_integer():
        return t.LongType()
    return t.StringType()  # the engine's tables hold no other types


def _result_schema(shapes: Mapping[str, list[tuple[str, Any]]]) -> Any:
    """The one schema of the pass: ``table`` (the row's table, its place in
    :data:`TABLES`), the deal records' columns under their own names (a row
    per deal: narrow rows, cheap to move and to cache) and, for each other
    table (a row per owner or line), a column of lists of its rows, a few
    thousand to a row of the pass (null in the rows of another table, which
    then cost next to nothing)."""
    t = types()
    fields = [t.StructField("table", t.ByteType(), False)]
    for table in TABLES:
        columns = [t.StructField(n, kind, True) for n, kind in shapes[table]]
        if table == _FLAT:
            fields.extend(
                t.StructField(c.name, t.LongType(), True)
                if isinstance(c.dataType, t.DecimalType)
                else c
                for c in columns
            )
        else:
            rows = t.ArrayType(t.StructType(columns), containsNull=False)
            fields.append(t.StructField(table, rows, True))
    return t.StructType(fields)


def _picked(result: Any, shapes: Mapping[str, list[tuple[str, Any]]]) -> dict[str, Any]:
    """Each result table selected from the pass under its own names."""
    f = functions()
    picked = {}
    for code, table in enumerate(TABLES):
        rows = result.filter(f.col("table") == code)
        names = [n for n, _ in shapes[table]]
        if table == _FLAT:
            picked[table] = rows.select(*[_money(n, k) for n, k in shapes[table]])
        else:
            row = rows.select(f.explode(table).alias("row"))
            picked[table] = row.select(
                *[f.col("row").getField(n).alias(n) for n in names]
            )
    return picked


def _money(name: str, kind: Any) -> Any:
    """A deal-record column of the pass under its own type: a money
    column, carried as whole minor units, back to its decimal (exactly:
    the units times one minor unit)."""
    f, t = functions(), types()
    column = f.col(f"`{name}`")
    if not isinstance(kind, t.DecimalType):
        return column
    unit = f.lit(Decimal(1).scaleb(-kind.scale)).cast(
        t.DecimalType(kind.scale + 1, kind.scale)
    )
    return (column.cast(t.DecimalType(38, 0)) * unit).cast(kind).alias(name)


def _task(
    plan: CommissionPlan,
    period: Period,
    *,
    merge_at: int | None,
    per_list: int,
    per_slice: int,
    layout: Mapping[str, list[str]],
    quota_objects: list[Quota] | None,
    shapes: Mapping[str, list[tuple[str, Any]]],
    schema: Any,
) -> Any:
    """The function ``mapInArrow`` runs on each partition (whole owners):
    the plan, the period and the quota objects travel in its closure,
    serialized once with the job. A task holding more than ``merge_at``
    rows merges its credits (:func:`~accountcore.spark._merge.compacted`),
    and again each time it has grown past twice what merging left."""
    target = arrow_schema(schema)
    wanted = {
        table: [(name, _polars_type(kind)) for name, kind in shapes[table]]
        for table in TABLES
    }

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        frame = _held(batches, merge_at)
        if frame is None:
            return
        inputs = {
            name: _input(frame, name, columns) for name, columns in layout.items()
        }
        here = set(frame["owner"].unique().to_list())
        team = column_team(
            plan,
            inputs["credits"],
            period=period,
            quotas=inputs.get(
                "quotas",
                None
                if quota_objects is None
                else [q for q in quota_objects if q.owner in here],
            ),
            ledgers=inputs.get("ledgers"),
            deal_records=inputs.get("deal_records"),
            owners=frame.filter(polars().col(_KIND) == _TAGS[_OWNERS])[
                "owner"
            ].to_list(),
        )
        for code, table in enumerate(TABLES):
            fitted = _fitted(table, getattr(team, table), wanted[table])
            # slices of a million rows: their text stays far from the 2 GB
            # an Arrow string column of Spark's holds
            for start in range(0, max(fitted.height, 1), per_slice):
                part = fitted.slice(start, per_slice)
                yield from _packed(code, table, part, target, per_list).to_batches()

    return run


def _held(batches: Iterator[Any], merge_at: int | None) -> Any:
    """A task's Arrow batches as one polars frame (``None`` for none), the
    credits of each owner holding a tenth of ``merge_at`` rows merged
    whenever the rows held pass ``merge_at`` (the next merge waits for
    twice what the last one left): a heavy owner is the skew merging is
    for; a partition of many light owners is as large as the number of
    partitions makes it, and their rows seldom merge."""
    pa, pl = _pyarrow(), polars()
    kept: list[Any] = []  # merged frames, then the batches since
    got: list[Any] = []
    held, limit = 0, merge_at
    heavy = max((merge_at or 0) // 10, 1)
    for batch in batches:
        if not batch.num_rows:
            continue
        got.append(batch)
        held += batch.num_rows
        if limit is not None and held > limit:
            kept = [
                compacted(
                    pl.concat([*kept, pl.from_arrow(pa.Table.from_batches(got))]),
                    heavy=heavy,
                )
            ]
            got, held = [], kept[0].height
            limit = max(limit, 2 * held)
    if got:
        kept.append(pl.from_arrow(pa.Table.from_batches(got)))
    return pl.concat(kept) if kept else None


def _input(frame: Any, name: str, columns: list[str]) -> Any:
    """One input table's rows of a partition, under their own names."""
    pl = polars()
    return frame.filter(pl.col(_KIND) == _TAGS[name]).select(
        "owner", *[pl.col(f"{name}__{c}").alias(c) for c in columns]
    )


def _polars_type(kind: Any) -> Any:
    """The polars type a result column is cast to for its Spark type."""
    pl, t = polars(), types()
    if isinstance(kind, t.DecimalType):
        return pl.Decimal(38, kind.scale)
    if isinstance(kind, t.LongType):
        return pl.Int64
    if isinstance(kind, t.DateType):
        return pl.Date
    if isinstance(kind, t.BooleanType):
        return pl.Boolean
    return pl.String


def _fitted(table: str, frame: Any, wanted: list[tuple[str, Any]]) -> Any:
    """A result table of one partition cast to the run's types (``wanted``:
    each column's name and type); a decimal column with more places than
    its type is refused (never rounded)."""
    pl = polars()
    for name, kind in wanted:
        has = frame.schema[name]
        if isinstance(has, pl.Decimal) and has.scale > kind.scale:
            exact = frame[name].cast(kind).cast(has) == frame[name]
            if not exact.all():
                raise WidenedColumnError(table, name, has.scale, kind.scale)
    return frame.select([pl.col(name).cast(kind) for name, kind in wanted])


def _packed(code: int, table: str, frame: Any, target: Any, per_list: int) -> Any:
    """A result table's rows as an Arrow table of the pass's schema
    (``target``): the deal records' own columns (money as whole minor
    units), or the table's rows as lists of ``per_list``; the other
    tables' columns null."""
    pa = _pyarrow()
    flat = table == _FLAT
    own = (_unscaled(table, frame) if flat else frame).to_arrow(
        compat_level=polars().CompatLevel.oldest()
    )
    if flat:
        columns = dict(zip(own.column_names, own.columns, strict=True))
    else:
        rows = pa.StructArray.from_arrays(
            [c.combine_chunks() for c in own.columns], names=own.column_names
        )
        ends = [*range(0, len(rows), per_list), len(rows)]
        columns = {table: pa.ListArray.from_arrays(pa.array(ends, pa.int32()), rows)}
    size = len(next(iter(columns.values())))
    columns["table"] = pa.array([code] * size, pa.int8())
    return pa.table(
        [columns.get(f.name, pa.nulls(size, f.type)).cast(f.type) for f in target],
        schema=target,
    )


def _unscaled(table: str, frame: Any) -> Any:
    """``frame`` with its decimal columns as whole minor units in 64 bits
    (the decimal's own digits, its places implied), or
    :class:`~accountcore.spark.errors.CarriedAmountError` for a value
    beyond them."""
    pl = polars()
    columns = []
    for name, kind in frame.schema.items():
        if not isinstance(kind, pl.Decimal):
            columns.append(pl.col(name))
            continue
        units = frame[name].to_physical()
        for value in (units.min(), units.max()):
            if value is not None and not _LOW <= value <= _HIGH:
                raise CarriedAmountError(
                    table, name, Decimal(int(value)).scaleb(-kind.scale)
                )
        columns.append(pl.col(name).to_physical().cast(pl.Int64))
    return frame.select(columns)
