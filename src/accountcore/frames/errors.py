"""The errors of :mod:`accountcore.frames`: the extra not installed, a table
that lacks a column, a money column of floats, bad rows, and a file that is
not the table its extension says.

Every one is an :class:`~accountcore.errors.AccountcoreError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from accountcore.errors import ExtraUnavailableError, RuleViolation, _short

__all__ = [
    "BadRowsError",
    "FloatMoneyError",
    "FramesUnavailableError",
    "MissingColumnError",
    "UnreadableFileError",
]


class FramesUnavailableError(ExtraUnavailableError):
    """:mod:`accountcore.frames` needs its extra (polars, narwhals, pyarrow;
    openpyxl for Excel, in the extra ``cli``).

    >>> print(FramesUnavailableError("polars"))
    accountcore.frames needs 'polars', which is not installed: pip install 'accountcore[frames]'.
    >>> print(FramesUnavailableError("openpyxl", extra="cli"))
    accountcore.frames needs 'openpyxl', which is not installed: pip install 'accountcore[cli]'.
    """

    def __init__(self, package: str, *, extra: str = "frames") -> None:
        super().__init__(package, extra, "accountcore.frames")


class MissingColumnError(RuleViolation, KeyError):
    """A table lacks a column the calculation needs (after the mapping of
    names).

    >>> print(MissingColumnError("credits", "amount", ["owner", "deal"]))
    credits has no column 'amount' (columns: 'owner', 'deal'): name it so, or map it with columns={'amount': 'your name'}.
    """

    table: str
    column: str
    present: tuple[str, ...]

    def __init__(self, table: str, column: str, present: Iterable[str]) -> None:
        self.table = table
        self.column = column
        self.present = tuple(present)
        shown = ", ".join(_short(name, 40) for name in self.present[:20])
        if len(self.present) > 20:
            shown += f" and {len(self.present) - 20} more"
        message = (
            f"{table} has no column {_short(column, 40)} (columns: {shown or 'none'}): "
            f"name it so, or map it with columns={{{column!r}: 'your name'}}."
        )
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # KeyError would quote the message
        return self.message


class FloatMoneyError(RuleViolation, TypeError):
    """A money column holds binary floats, which cannot hold cents exactly.
    accountcore never converts them silently: the user says how.

    >>> print(FloatMoneyError("credits", "amount", "Float64"))  # doctest: +NORMALIZE_WHITESPACE
    credits column 'amount' holds floats (Float64), which cannot hold cents
    exactly: convert it explicitly first, saying the digits you mean, e.g.
    polars: pl.col('amount').round(2).cast(pl.Decimal(38, 2)); pandas:
    frame['amount'].map(lambda x: decimal.Decimal(f'{x:.2f}')); or read the
    file with the column as text (polars: schema_overrides={'amount':
    pl.String}).
    """

    table: str
    column: str
    dtype: str

    def __init__(self, table: str, column: str, dtype: str) -> None:
        self.table = table
        self.column = column
        self.dtype = dtype
        super().__init__(
            f"{table} column {column!r} holds floats ({dtype}), which cannot hold "
            "cents exactly: convert it explicitly first, saying the digits you "
            f"mean, e.g. polars: pl.col({column!r}).round(2).cast(pl.Decimal(38, 2)); "
            f"pandas: frame[{column!r}].map(lambda x: decimal.Decimal(f'{{x:.2f}}')); "
            f"or read the file with the column as text (polars: "
            f"schema_overrides={{{column!r}: pl.String}})."
        )


class BadRowsError(RuleViolation, ValueError):
    """Rows of a table that cannot be read, every one of them: ``rows`` is a
    table (``row``, ``column``, ``value``, ``reason``), of the kind given
    (a polars DataFrame in accountcore.frames); the message lists the first
    ten. Rows are numbered from 0, as in the table given.

    >>> print(BadRowsError("credits", [(3, "amount", "12,5", "not a decimal number")], None))
    credits has 1 bad row:
      - row 3, column 'amount', value '12,5': not a decimal number
    """

    table: str
    faults: tuple[tuple[int, str, str, str], ...]
    rows: Any

    def __init__(
        self, table: str, faults: Sequence[tuple[int, str, str, str]], rows: Any
    ) -> None:
        self.table = table
        self.faults = tuple(faults)
        self.rows = rows
        count = len({fault[0] for fault in self.faults})
        listed = "\n".join(
            f"  - row {row}, column {column!r}, value {_short(value, 40)}: {reason}"
            for row, column, value, reason in self.faults[:10]
        )
        more = len(self.faults) - 10
        tail = f"\n  … and {more} more (all in .rows)" if more > 0 else ""
        super().__init__(
            f"{table} has {count} bad row{'s' if count != 1 else ''}:\n{listed}{tail}"
        )


class UnreadableFileError(RuleViolation, ValueError):
    """A file that cannot be read as the table its extension says (a CSV,
    parquet, Excel or JSON file that is damaged or of another kind).

    >>> print(UnreadableFileError("deals.json", "JSON", "Expecting value: line 1 column 1"))
    'deals.json' cannot be read as JSON (Expecting value: line 1 column 1): save it as JSON, or give it the extension of its kind (.csv, .json, .parquet, .xlsx).
    """

    path: str
    kind: str
    reason: str

    def __init__(self, path: str, kind: str, reason: str) -> None:
        self.path = path
        self.kind = kind
        self.reason = reason
        super().__init__(
            f"{_short(path)} cannot be read as {kind} ({_short(reason, 200)[1:-1]}): "
            f"save it as {kind}, or give it the extension of its kind "
            "(.csv, .json, .parquet, .xlsx)."
        )
