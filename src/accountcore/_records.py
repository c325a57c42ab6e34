"""Records and frames of result types (private): the optional polars
import, guarded, and one builder of a polars DataFrame from records.

The core never imports :mod:`accountcore.frames`; a result type's
``to_frame()`` imports polars through :func:`polars` here, which raises
:class:`~accountcore.errors.ExtraUnavailableError` (how to install it) when
it is missing. ``import accountcore`` never imports polars.

>>> from decimal import Decimal
>>> frame([{"owner": "ana", "amount": Decimal("1.50")}], {"owner": "str", "amount": "decimal"}, "x").dtypes
[String, Decimal(precision=38, scale=2)]
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from decimal import Decimal
from types import ModuleType
from typing import Any

from accountcore.errors import ExtraUnavailableError

__all__ = ["frame", "optional", "polars"]

_PRECISION = 38


def optional(package: str, extra: str, needed_by: str) -> ModuleType:
    """The module ``package``, imported now, or
    :class:`~accountcore.errors.ExtraUnavailableError` naming ``extra``."""
    try:
        return importlib.import_module(package)
    except ImportError:
        raise ExtraUnavailableError(package, extra, needed_by) from None


def polars(needed_by: str) -> ModuleType:
    """The polars module, for ``needed_by`` (the call, named in the error)."""
    return optional("polars", "frames", needed_by)


def _scale(values: Sequence[object]) -> int:
    scale = 0
    for value in values:
        if isinstance(value, Decimal) and value.is_finite():
            scale = max(scale, -int(value.as_tuple().exponent))
    return scale


def frame(
    records: Sequence[Mapping[str, object]],
    columns: Mapping[str, str],
    needed_by: str,
) -> Any:
    """A polars DataFrame of ``records`` with ``columns`` (name to kind:
    ``str``, ``int``, ``bool``, ``date`` or ``decimal``), decimals as a
    decimal column of the scale of the finest value, never floats."""
    pl = polars(needed_by)
    kinds = {"str": pl.String, "int": pl.Int64, "bool": pl.Boolean, "date": pl.Date}
    schema: dict[str, Any] = {}
    for name, kind in columns.items():
        if kind == "decimal":
            scale = _scale([record[name] for record in records])
            schema[name] = pl.Decimal(_PRECISION, scale)
        else:
            schema[name] = kinds[kind]
    data = {name: [record[name] for record in records] for name in columns}
    return pl.DataFrame(data, schema=schema)
