"""Tables of any kind in, polars inside, the same kind out (private).

A table given as a polars ``DataFrame`` (or ``LazyFrame``), a pandas
``DataFrame`` or a pyarrow ``Table`` comes back as the same kind; any other
object narwhals reads, or one with the Arrow PyCapsule interface
(``__arrow_c_stream__``), comes back as a polars ``DataFrame``. Decimal
columns stay decimal: pandas gets pyarrow-backed ``decimal128`` columns,
never floats.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from accountcore.errors import ArgumentTypeError
from accountcore.frames._polars import narwhals, polars

__all__ = ["Back", "to_polars"]

Back = Callable[[Any], Any]
"""Turns a polars DataFrame into the kind of table the user gave."""


def _same(frame: Any) -> Any:
    return frame


def _to_pandas(frame: Any) -> Any:
    return frame.to_pandas(use_pyarrow_extension_array=True)


def _to_arrow(frame: Any) -> Any:
    return frame.to_arrow()


def to_polars(table: object, name: str) -> tuple[Any, Back]:
    """``table`` as a polars DataFrame, and how to turn a result back into
    its kind. ``name`` is the argument's name, for the error."""
    pl = polars()
    if isinstance(table, pl.DataFrame):
        return table, _same
    if isinstance(table, pl.LazyFrame):
        return table.collect(), _same
    module = type(table).__module__.split(".")[0]
    if module == "pyarrow":
        return pl.DataFrame(table), _to_arrow
    if module == "pandas":
        return narwhals().from_native(table, eager_only=True).to_polars(), _to_pandas
    nw = narwhals()
    try:
        frame = nw.from_native(table, eager_only=True)
    except TypeError:
        if hasattr(table, "__arrow_c_stream__"):
            return pl.DataFrame(table), _same
        raise ArgumentTypeError(
            name,
            table,
            "a table (a polars, pandas or pyarrow table, or one with the Arrow "
            "PyCapsule interface)",
        ) from None
    return frame.to_polars(), _same
