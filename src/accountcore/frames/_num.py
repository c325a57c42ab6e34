"""Exact decimal columns: an expression and its scale (private).

polars multiplies two decimals at the larger of their scales, rounding the
product; :class:`Num` keeps each expression's scale and widens an operand
first, so sums, differences and products are exact (the scale of a product
is the sum of the scales). A scale beyond :data:`MOST_SCALE` (38 digits less
the 20 of the integer part that the money bounds allow) raises
:class:`TooFine`: the engine then takes the object path. Quotients are
computed to :data:`QUOTIENT_SCALE` places.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from accountcore.frames._polars import polars

__all__ = ["MOST_SCALE", "QUOTIENT_SCALE", "Num", "TooFine"]

MOST_SCALE = 18
QUOTIENT_SCALE = 16


class TooFine(Exception):
    """A figure would need more decimal places than a column holds."""


def scale_of(value: Decimal) -> int:
    """The decimal places ``value`` is written with (0 for an integer)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


class Num:
    """A decimal expression with its scale; arithmetic stays exact."""

    __slots__ = ("expr", "scale")

    def __init__(self, expr: Any, scale: int) -> None:
        if scale > MOST_SCALE:
            raise TooFine(scale)
        self.expr = expr
        self.scale = scale

    @classmethod
    def const(cls, value: Decimal) -> Num:
        """A constant column."""
        pl = polars()
        scale = scale_of(value)
        return cls(pl.lit(value, pl.Decimal(38, scale)), scale)

    @classmethod
    def column(cls, name: str, scale: int) -> Num:
        """A decimal column of the owners' frame."""
        return cls(polars().col(name), scale)

    def at(self, scale: int) -> Any:
        """The expression at ``scale`` (widened exactly, or rounded when
        narrower: only money rounding narrows, through :meth:`money`)."""
        if scale == self.scale:
            return self.expr
        if scale > MOST_SCALE:
            raise TooFine(scale)
        return self.expr.cast(polars().Decimal(38, scale))

    def _pair(self, other: Num | Decimal) -> tuple[Num, int]:
        right = other if isinstance(other, Num) else Num.const(other)
        return right, max(self.scale, right.scale)

    def __add__(self, other: Num | Decimal) -> Num:
        right, scale = self._pair(other)
        return Num(self.at(scale) + right.at(scale), scale)

    def __sub__(self, other: Num | Decimal) -> Num:
        right, scale = self._pair(other)
        return Num(self.at(scale) - right.at(scale), scale)

    def __neg__(self) -> Num:
        return Num.const(Decimal(0)) - self

    def __mul__(self, other: Num | Decimal) -> Num:
        right = other if isinstance(other, Num) else Num.const(other)
        scale = self.scale + right.scale
        return Num(self.at(scale) * right.expr, scale)

    def __truediv__(self, other: Num | Decimal) -> Num:
        """A quotient to :data:`QUOTIENT_SCALE` places (or the operands'
        larger scale)."""
        right = other if isinstance(other, Num) else Num.const(other)
        scale = max(QUOTIENT_SCALE, self.scale, right.scale)
        return Num(self.at(scale) / right.expr, scale)

    def __lt__(self, other: Num | Decimal) -> Any:
        right, scale = self._pair(other)
        return self.at(scale) < right.at(scale)

    def __le__(self, other: Num | Decimal) -> Any:
        right, scale = self._pair(other)
        return self.at(scale) <= right.at(scale)

    def __gt__(self, other: Num | Decimal) -> Any:
        right, scale = self._pair(other)
        return self.at(scale) > right.at(scale)

    def __ge__(self, other: Num | Decimal) -> Any:
        right, scale = self._pair(other)
        return self.at(scale) >= right.at(scale)

    def is_zero(self) -> Any:
        """Whether the value is 0."""
        return self.expr == polars().lit(Decimal(0), polars().Decimal(38, 0))

    def round(self, places: int) -> Num:
        """Rounded half away from zero (``ROUND_HALF_UP``) to ``places``."""
        pl = polars()
        if places >= self.scale:
            return Num(self.at(places), places)
        rounded = self.expr.round(places, mode="half_away_from_zero")
        return Num(rounded.cast(pl.Decimal(38, places)), places)


def choose(condition: Any, then: Num, otherwise: Num) -> Num:
    """``then`` where ``condition`` holds, else ``otherwise``."""
    pl = polars()
    scale = max(then.scale, otherwise.scale)
    return Num(
        pl.when(condition).then(then.at(scale)).otherwise(otherwise.at(scale)), scale
    )


def smaller(left: Num, right: Num) -> Num:
    """The smaller of two figures, row by row."""
    return choose(left <= right, left, right)
