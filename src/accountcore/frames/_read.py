"""Reading a table's columns, checked in columns (private).

Each reader takes a column's name and its polars dtype and gives two
expressions: the value in its canonical type, and the reason the row is bad
(null when it is good). :func:`collect` evaluates them all in one pass, and
when any row is bad raises one :class:`~accountcore.frames.errors.BadRowsError`
listing every bad row, numbered from 0 as in the table given.

The text forms accepted (documented in :func:`accountcore.frames.read_credits`):

- a decimal number: ASCII digits with an optional sign, point and exponent
  (``-1200.50``, ``1.5e3``), blanks around it ignored; no thousands
  separators, underscores or other digits;
- a date: ``YYYY-MM-DD``;
- a boolean: ``true``/``false``, ``yes``/``no``, ``1``/``0`` in any case;
- an int: ASCII digits with an optional sign.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from accountcore.frames._polars import polars
from accountcore.frames._tables import to_polars
from accountcore.frames.errors import (
    BadRowsError,
    FloatMoneyError,
    MissingColumnError,
)
from accountcore.money import _QUANTUM

__all__ = [
    "AMOUNT_SCALE_LIMIT",
    "Column",
    "boolean",
    "choice",
    "collect",
    "currency_code",
    "day",
    "decimal",
    "decimal_at",
    "decimal_or_null",
    "integer",
    "prepare",
    "text",
]

ROW = "\x00row"
"""The row number's column while reading (a name no table uses)."""

AMOUNT_SCALE_LIMIT = 18
"""The finest digit a frame keeps: 10^-18 (Decimal(38, 18) holds 20 digits
before the point, the bound of every amount)."""

Column = tuple[Any, Any]
"""A column read: (the value's expression, the bad row's reason or null)."""

_NUMBER = r"^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$"
_NOT_FINITE = r"(?i)^[+-]?(inf|infinity|s?nan[0-9]*)$"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_INT = r"^[+-]?[0-9]+$"
_TRUE = ("true", "yes", "1")
_FALSE = ("false", "no", "0")


def prepare(
    table: object,
    name: str,
    columns: Mapping[str, str] | None,
    money: Sequence[str] = (),
) -> tuple[Any, dict[str, str]]:
    """``table`` as a polars DataFrame with the canonical names, and the
    map back to the table's names (for messages). A pandas object column
    of ``money`` holding floats is a :class:`FloatMoneyError`; other
    object columns are read as text."""
    names = dict(columns or {})
    back = dict(names)
    table_money = [names.get(m, m) for m in money]
    if type(table).__module__.split(".")[0] == "pandas":
        table = _pandas_objects(table, name, table_money)
    frame, _ = to_polars(table, name)
    frame = frame.rename({v: k for k, v in names.items() if v in frame.columns})
    return frame, back


def _pandas_objects(table: Any, name: str, money: Sequence[str]) -> Any:
    """A pandas table whose object columns polars can read: a money
    column's Decimals (and ints) as text, a float among them refused; any
    other object column as text when pyarrow cannot type it."""
    pa = importlib.import_module("pyarrow")  # the extra's

    changed = {}
    for label in table.columns:
        series = table[label]
        if series.dtype != object:
            continue
        if label in money:
            floats = series.map(_is_float_value)
            if floats.any():
                sample = series[floats].iloc[0]
                raise FloatMoneyError(name, str(label), f"Python float {sample!r}")
            changed[label] = series.map(_as_text)
            continue
        try:
            pa.array(series, from_pandas=True)
        except (pa.ArrowException, TypeError, ValueError, OverflowError):
            changed[label] = series.map(_as_text)
    if not changed:
        return table
    return table.assign(**{str(k): v for k, v in changed.items()})


def _is_float_value(value: object) -> bool:
    return isinstance(value, float) and not math.isnan(value)  # NaN: missing


def _as_text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)


def require(frame: Any, table: str, names: Iterable[str]) -> None:
    """Raise :class:`MissingColumnError` for the first of ``names`` absent."""
    for name in names:
        if name not in frame.columns:
            raise MissingColumnError(table, name, frame.columns)


def refuse_floats(
    frame: Any, table: str, names: Iterable[str], back: Mapping[str, str]
) -> None:
    """Raise :class:`FloatMoneyError` for a money column of floats."""
    for name in names:
        dtype = frame.schema.get(name)
        if dtype is not None and dtype.is_float():  # float-ok: refusing floats
            raise FloatMoneyError(table, back.get(name, name), str(frame.schema[name]))


def _null(pl: Any) -> Any:
    return pl.lit(None, pl.String)


def _is_texty(pl: Any, dtype: Any) -> bool:
    return bool(dtype == pl.String or isinstance(dtype, pl.Categorical | pl.Enum))


def text(name: str, dtype: Any, *, required: bool = True) -> Column:
    """A text column: ids and owners (``required``: neither null nor
    empty), products and categories (null allowed). Integers are read as
    their digits."""
    pl = polars()
    col = pl.col(name)
    if not (_is_texty(pl, dtype) or dtype.is_integer() or dtype == pl.Null):
        return _null(pl), pl.when(col.is_not_null() | required).then(
            pl.lit(f"not text ({dtype}); expected a str")
        )
    value = col.cast(pl.String)
    if not required:
        return value, _null(pl)
    reason = (
        pl.when(value.is_null())
        .then(pl.lit("missing (null); expected a non-empty str"))
        .when(value == "")
        .then(pl.lit("empty; expected a non-empty str"))
    )
    return value, reason


def currency_code(name: str, dtype: Any) -> Column:
    """A currency column: a code money knows, spelled as money spells it."""
    pl = polars()
    col = pl.col(name)
    if not (_is_texty(pl, dtype) or dtype == pl.Null):
        return _null(pl), pl.lit(f"not text ({dtype}); expected a currency code")
    value = col.cast(pl.String)
    known = pl.Series(list(_QUANTUM), dtype=pl.String)
    upper = value.str.strip_chars().str.to_uppercase()
    reason = (
        pl.when(value.is_null())
        .then(pl.lit("missing (null); expected a currency code such as 'EUR'"))
        .when(value.is_in(known.implode()).not_() & upper.is_in(known.implode()))
        .then(
            pl.format("unknown currency: codes are spelled upper case, as '{}'", upper)
        )
        .when(value.is_in(known.implode()).not_())
        .then(
            pl.lit(
                "unknown currency: expected an ISO 4217 code such as 'EUR', 'USD' "
                "or 'JPY' (register others with register_currency())"
            )
        )
    )
    return value, reason


def decimal(name: str, dtype: Any) -> tuple[Any, Any, Any, list[list[Any]]]:
    """A decimal column: (its value in a column of the finest scale needed,
    the reason, the row's scale, the stages of columns to make first). The
    number must keep the bounds of
    docs/money.md ("Bounds") and have no digit finer than 10^-18."""
    pl = polars()
    col = pl.col(name)
    if isinstance(dtype, pl.Decimal) and (dtype.scale or 0) <= AMOUNT_SCALE_LIMIT:
        return (*_decimal_column(name, dtype), [])
    if dtype.is_integer():
        value = col.cast(pl.Decimal(38, 0))
        why = pl.when(col.is_null()).then(pl.lit(_MISSING_NUMBER))
        return value, why, pl.lit(0), []
    if dtype == pl.String or isinstance(dtype, pl.Decimal) or dtype == pl.Null:
        return _decimal_text(col.cast(pl.String), _stage_names(name))
    reason = pl.lit(f"not a decimal number ({dtype})")
    return pl.lit(None, pl.Decimal(38, 0)), reason, pl.lit(0), []


_MISSING_NUMBER = "missing (null); expected a decimal number"
_BOUNDS = (
    "; numbers must be below 10^20 in size, with at most 34 significant digits "
    "and no digit finer than 10^-60"
)


def _decimal_column(name: str, dtype: Any) -> tuple[Any, Any, Any]:
    """A Decimal column of scale at most 18: only the size and the count
    of digits (its scale's trailing zeros count, as in Python) to check."""
    pl = polars()
    col = pl.col(name)
    scale = dtype.scale or 0
    limit = 10 ** min(20, 34 - scale)
    reason = (
        pl.when(col.is_null())
        .then(pl.lit(_MISSING_NUMBER))
        .when(col.abs() >= pl.lit(limit, pl.Decimal(38, 0)))
        .then(
            pl.lit(
                "out of bounds"
                + (": 10^20 or more" if limit == 10**20 else f" at scale {scale}")
                + _BOUNDS
            )
        )
    )
    return col, reason, pl.lit(scale)


def _stage_names(name: str) -> tuple[str, ...]:
    """The names of a number column's stages (one set per column, so that
    two number columns of a table can be read in one pass)."""
    return tuple(f"\x00{name}\x00number{i}" for i in range(7))


def _number_stages(value: Any, names: tuple[str, ...]) -> list[list[Any]]:
    """The columns of a number's text parts, in the order they are made:
    the text stripped, its sign, whole part, fraction and exponent, the
    mantissa's digits and the exponent's."""
    pl = polars()
    c = pl.col
    n_strip, n_parts, n_whole, n_frac, n_exp, n_mant, n_expdigits = names
    return [
        [value.str.strip_chars().alias(n_strip)],
        [c(n_strip).str.extract_groups(_NUMBER).alias(n_parts)],
        [
            c(n_parts).struct[1].fill_null("").alias(n_whole),
            c(n_parts).struct[2].fill_null("").alias(n_frac),
            c(n_parts).struct[3].fill_null("0").alias(n_exp),
        ],
        [
            (c(n_whole) + c(n_frac)).str.strip_chars_start("0").alias(n_mant),
            c(n_exp)
            .str.strip_chars_start("+-")
            .str.strip_chars_start("0")
            .alias(n_expdigits),
        ],
    ]


def _bounds_reason(adjusted: Any, digits: Any, exponent: Any, last: Any) -> Any:
    """Why a number is out of the bounds, or too fine for a frame (null
    when it is neither), from its leading digit's place, its count of
    digits, its last digit's place and its last non-zero digit's place."""
    pl = polars()
    return (
        pl.when(adjusted > 19)
        .then(
            pl.format("out of bounds: it is of the order of 10^{}" + _BOUNDS, adjusted)
        )
        .when(digits > 34)
        .then(
            pl.format("out of bounds: it has {} significant digits" + _BOUNDS, digits)
        )
        .when(exponent < -60)
        .then(
            pl.format("out of bounds: its last digit is at 10^{}" + _BOUNDS, exponent)
        )
        .when(last < -AMOUNT_SCALE_LIMIT)
        .then(
            pl.format(
                "too fine for a frame: a digit at 10^{}; a frame keeps digits down "
                "to 10^-18 (round it first)",
                last,
            )
        )
    )


def _decimal_text(
    value: Any, names: tuple[str, ...]
) -> tuple[Any, Any, Any, list[list[Any]]]:
    """Decimal text read in columns: its parts give the digits and places
    that :func:`accountcore.money.to_decimal` checks. The parts are made in
    stages (columns made once, read by several checks)."""
    pl = polars()
    c = pl.col
    n_strip, _, n_whole, n_frac, n_exp, n_mant, n_expdigits = names
    stages = _number_stages(value, names)
    stripped, whole, fraction, exp_text, mantissa = (
        c(n_strip),
        c(n_whole),
        c(n_frac),
        c(n_exp),
        c(n_mant),
    )
    is_number = stripped.str.contains(_NUMBER) & (
        (whole.str.len_bytes() + fraction.str.len_bytes()) > 0
    )
    huge_exp = c(n_expdigits).str.len_bytes() > 6
    exp = (
        pl.when(huge_exp)
        .then(pl.lit(0))
        .otherwise(exp_text.cast(pl.Int64, strict=False))
    )
    significant = mantissa.str.len_bytes().cast(pl.Int64)
    digits = pl.max_horizontal(significant, pl.lit(1, pl.Int64))
    exponent = exp - fraction.str.len_bytes().cast(pl.Int64)
    adjusted = exponent + digits - 1
    # the place of the last digit that is not a zero (a zero's: its own)
    trailing = significant - mantissa.str.strip_chars_end("0").str.len_bytes().cast(
        pl.Int64
    )
    last = exponent + pl.when(significant > 0).then(trailing).otherwise(0)
    reason = (
        pl.when(value.is_null())
        .then(pl.lit(_MISSING_NUMBER))
        .when(stripped.str.contains(_NOT_FINITE))
        .then(pl.lit("not finite; expected a finite decimal number"))
        .when(is_number.not_())
        .then(
            pl.lit(
                "not a decimal number (expected digits such as '-1200.50' or '1.5e3')"
            )
        )
        .when(huge_exp & (exp_text.str.starts_with("-").not_()))
        .then(pl.lit("out of bounds: its exponent is too large" + _BOUNDS))
        .when(huge_exp)
        .then(pl.lit("out of bounds: its exponent is too small" + _BOUNDS))
        .otherwise(_bounds_reason(adjusted, digits, exponent, last))
    )
    scale = pl.min_horizontal(
        pl.max_horizontal(-exponent, pl.lit(0)), pl.lit(AMOUNT_SCALE_LIMIT)
    )
    return stripped, reason, scale, stages


def decimal_at(name: str, dtype: Any, scale: int) -> Any:
    """A decimal column read by :func:`decimal` (its rows all good; ``dtype``
    the table's), as ``Decimal(38, scale)``: ``scale`` at least the finest
    row's."""
    pl = polars()
    if isinstance(dtype, pl.Decimal) or dtype.is_integer():
        return pl.col(name).cast(pl.Decimal(38, scale))
    return pl.col(name).str.to_decimal(scale=scale)


def decimal_or_null(name: str, dtype: Any) -> Any:
    """A decimal column at scale 18, for checks that compare numbers before
    they are read: null where the row is not a readable number."""
    pl = polars()
    col = pl.col(name)
    if isinstance(dtype, pl.Decimal) or dtype.is_integer():
        return col.cast(pl.Decimal(38, AMOUNT_SCALE_LIMIT), strict=False)
    if _is_texty(pl, dtype):
        text = col.cast(pl.String).str.strip_chars()
        return text.str.to_decimal(scale=AMOUNT_SCALE_LIMIT)
    return pl.lit(None, pl.Decimal(38, AMOUNT_SCALE_LIMIT))


def day(name: str, dtype: Any, *, required: bool = True) -> Column:
    """A date column: dates, text ``YYYY-MM-DD``, or naive datetimes at
    midnight (how pandas keeps dates)."""
    pl = polars()
    col = pl.col(name)
    missing = pl.lit("missing (null); expected a date") if required else _null(pl)
    if dtype in (pl.Date, pl.Null):
        return col.cast(pl.Date), pl.when(col.is_null()).then(missing)
    if dtype == pl.String:
        value = col.str.to_date("%Y-%m-%d", strict=False)
        bad = col.str.contains(_DATE).not_() | value.is_null()
        reason = (
            pl.when(col.is_null())
            .then(missing)
            .when(bad)
            .then(pl.lit("not a date (expected YYYY-MM-DD, e.g. '2026-01-05')"))
        )
        return value, reason
    if isinstance(dtype, pl.Datetime) and dtype.time_zone is None:
        value = col.dt.date()
        reason = (
            pl.when(col.is_null())
            .then(missing)
            .when(col != value.cast(dtype))
            .then(pl.lit("a datetime with a time of day, not a date"))
        )
        return value, reason
    reason = (
        pl.when(col.is_null())
        .then(missing)
        .otherwise(
            pl.lit(
                f"not a date ({dtype}); expected a date"
                + (
                    " (an instant: place it in a calendar first)"
                    if isinstance(dtype, pl.Datetime)
                    else ""
                )
            )
        )
    )
    return pl.lit(None, pl.Date), reason


def choice(name: str, dtype: Any, values: Sequence[str]) -> Column:
    """A column of one of ``values`` (an enum's values, spelled alike)."""
    pl = polars()
    col = pl.col(name)
    listed = ", ".join(repr(v) for v in values)
    if not (_is_texty(pl, dtype) or dtype == pl.Null):
        return _null(pl), pl.lit(f"not text ({dtype}); expected one of {listed}")
    value = col.cast(pl.String)
    reason = (
        pl.when(value.is_null())
        .then(pl.lit(f"missing (null); expected one of {listed}"))
        .when(value.is_in(pl.Series(list(values), dtype=pl.String).implode()).not_())
        .then(pl.lit(f"expected one of {listed}"))
    )
    return value, reason


def boolean(name: str, dtype: Any) -> Column:
    """A boolean column: booleans, 0/1, or the words true/false, yes/no,
    1/0 in any case."""
    pl = polars()
    col = pl.col(name)
    expected = "expected a boolean (true/false, yes/no, 1/0)"
    if dtype in (pl.Boolean, pl.Null):
        return col.cast(pl.Boolean), pl.when(col.is_null()).then(
            pl.lit(f"missing (null); {expected}")
        )
    if dtype.is_integer():
        reason = (
            pl.when(col.is_null())
            .then(pl.lit(f"missing (null); {expected}"))
            .when(col.is_in([0, 1]).not_())
            .then(pl.lit(f"not a boolean; {expected}"))
        )
        return col == 1, reason
    if _is_texty(pl, dtype):
        word = col.cast(pl.String).str.strip_chars().str.to_lowercase()
        reason = (
            pl.when(col.is_null())
            .then(pl.lit(f"missing (null); {expected}"))
            .when(word.is_in(_TRUE + _FALSE).not_())
            .then(pl.lit(f"not a boolean; {expected}"))
        )
        return word.is_in(_TRUE), reason
    return pl.lit(None, pl.Boolean), pl.lit(f"not a boolean ({dtype}); {expected}")


def integer(name: str, dtype: Any) -> Column:
    """An int column (Int64): integers, or their digits as text."""
    pl = polars()
    col = pl.col(name)
    missing = pl.lit("missing (null); expected an int")
    if dtype.is_integer() or dtype == pl.Null:
        value = col.cast(pl.Int64, strict=False)
        reason = (
            pl.when(col.is_null())
            .then(missing)
            .when(value.is_null())
            .then(pl.lit("out of range: an int of 64 bits is expected"))
        )
        return value, reason
    if _is_texty(pl, dtype):
        stripped = col.cast(pl.String).str.strip_chars()
        value = stripped.cast(pl.Int64, strict=False)
        reason = (
            pl.when(col.is_null())
            .then(missing)
            .when(stripped.str.contains(_INT).not_())
            .then(pl.lit("not an int (expected digits such as '3')"))
            .when(value.is_null())
            .then(pl.lit("out of range: an int of 64 bits is expected"))
        )
        return value, reason
    return pl.lit(None, pl.Int64), pl.lit(f"not an int ({dtype}); expected an int")


def shown(frame: Any, name: str) -> Any:
    """The expression of a column's values as text, for the bad rows."""
    pl = polars()
    dtype = frame.schema[name]
    if dtype.is_nested() or dtype in (pl.Object, pl.Binary):
        return pl.lit(f"<{dtype}>")
    return pl.col(name).cast(pl.String)


def collect(
    table: str,
    frame: Any,
    reasons: Mapping[str, Any],
    back: Mapping[str, str],
    values: Mapping[str, Any],
) -> Any:
    """``frame`` with the ``values`` expressions, or :class:`BadRowsError`
    listing every row whose ``reasons`` are not all null (one fault per
    bad column, in the order of ``reasons``)."""
    pl = polars()
    query, keys, flags, kept = _checking(frame, reasons, values)
    checked = query.collect()
    bad = checked.select(
        pl.any_horizontal(pl.col(f).is_not_null() for f in flags).sum()
    ).item()
    if bad:
        _raise(table, checked, keys, flags, back)
    return checked.select(pl.col(alias).alias(name) for name, alias in kept.items())


def _checking(
    frame: Any, reasons: Mapping[str, Any], values: Mapping[str, Any]
) -> tuple[Any, list[str], list[str], dict[str, str]]:
    """The query that reads ``frame``'s ``values`` beside the ``reasons``
    its rows are bad (as text, null when good): the query, the reasons'
    keys and columns, and each value's column."""
    pl = polars()
    keys = list(reasons)
    flags = [f"\x00why{i}" for i in range(len(keys))]
    kept = {name: f"\x00value{i}" for i, name in enumerate(values)}
    query = frame.lazy().with_columns(
        *(
            reasons[k].cast(pl.String).alias(f)
            for k, f in zip(keys, flags, strict=True)
        ),
        *(values[name].alias(alias) for name, alias in kept.items()),
    )
    return query, keys, flags, kept


def scan(  # noqa: PLR0917 (collect's, and the facts)
    table: str,
    frame: Any,
    reasons: Mapping[str, Any],
    back: Mapping[str, str],
    values: Mapping[str, Any],
    facts: Mapping[str, Any],
) -> tuple[Any, dict[str, Any]]:
    """:func:`collect` as a query: the rows are checked in one pass that
    keeps nothing but the count of bad rows and ``facts`` (aggregates of
    the ``values``' columns, by name); the values come back as a lazy
    frame, read by what reads them. A bad row raises as :func:`collect`."""
    pl = polars()
    query, _, flags, kept = _checking(frame, reasons, values)
    named = query.select(
        *flags, *(pl.col(alias).alias(name) for name, alias in kept.items())
    )
    bad = pl.any_horizontal(pl.col(f).is_not_null() for f in flags).sum()
    found = named.select(bad.alias("\x00bad"), **facts).collect().row(0, named=True)
    if found.pop("\x00bad"):
        collect(table, frame, reasons, back, values)  # raises with every fault
    return named.select(list(values)), found


def _raise(
    table: str,
    checked: Any,
    keys: Sequence[str],
    flags: Sequence[str],
    back: Mapping[str, str],
) -> None:
    pl = polars()
    parts = []
    for order, (key, flag) in enumerate(zip(keys, flags, strict=True)):
        source = key if key in checked.columns else None
        value = shown(checked, key) if source else pl.lit(None, pl.String)
        parts.append(
            checked.filter(pl.col(flag).is_not_null()).select(
                pl.col(ROW).cast(pl.Int64).alias("row"),
                pl.lit(back.get(key, key)).alias("column"),
                value.alias("value"),
                pl.col(flag).alias("reason"),
                pl.lit(order).alias("\x00order"),
            )
        )
    rows = pl.concat(parts).sort("row", "\x00order").drop("\x00order")
    faults = [
        (row, column, "" if value is None else value, reason)
        for row, column, value, reason in rows.iter_rows()
    ]
    raise BadRowsError(table, faults, rows)
