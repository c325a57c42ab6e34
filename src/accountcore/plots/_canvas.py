"""What every figure shares (private): matplotlib imported on first use,
a new :class:`~matplotlib.figure.Figure` (never pyplot's global state),
texts from the catalogs, and the one place a Decimal becomes a float.

A Decimal is exact; matplotlib draws floats. Every figure computes its
figures in Decimal and converts them with :func:`drawn` only to draw them.
"""

from __future__ import annotations

import importlib
from decimal import ROUND_FLOOR, Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from accountcore.errors import check_type
from accountcore.i18n import (
    Percent,
    format_number,
    language_of,
    message_ids,
    translate,
)
from accountcore.plots.errors import PlotsUnavailableError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "attainment_axis",
    "checked_locale",
    "drawn",
    "known",
    "label",
    "money_axis",
    "new_figure",
    "percent",
    "tick_number",
    "ticker",
]

#: The size of every figure, in inches (16:9 at 100 dpi: 800 × 450 pixels).
SIZE = (8.0, 4.5)


def new_figure() -> tuple[Figure, Axes]:
    """A new figure with one set of axes, made without pyplot (nothing is
    registered globally: the figure is garbage like any object)."""
    try:
        module: Any = importlib.import_module("matplotlib.figure")
    except ImportError:
        raise PlotsUnavailableError("matplotlib") from None
    figure: Figure = module.Figure(figsize=SIZE, layout="constrained")
    axes: Axes = figure.subplots()
    return figure, axes


def checked_locale(locale: object) -> str:
    """``locale`` if it is a str babel knows (else the library's error)."""
    check_type("locale", locale, str, "a locale (a str such as 'en_US')")
    language_of(locale)  # type: ignore[arg-type]
    return locale  # type: ignore[return-value]


def label(message_id: str, locale: str, **params: object) -> str:
    """The catalog text ``message_id`` in ``locale``."""
    return translate(message_id, locale, **params)


def known(message_id: str) -> bool:
    """Whether the catalogs hold ``message_id`` (read on first use)."""
    return message_id in _ids()


@cache
def _ids() -> frozenset[str]:
    return frozenset(message_ids())


def ticker() -> Any:
    """The module matplotlib.ticker (formatters of tick labels)."""
    return importlib.import_module("matplotlib.ticker")


def percent(ratio: Decimal, locale: str) -> str:
    """``ratio`` as a percentage in ``locale``, with the decimals it has."""
    return Percent(ratio).format(locale)


def drawn(value: Decimal | int) -> float:
    """``value`` as a float, to draw it: never computed with again."""
    return float(value)  # float-ok: drawing


def tick_number(value: float) -> Decimal:
    """A tick's position (a float matplotlib chose) as the Decimal its
    shortest repr writes, to format it in a locale: ``2000.0`` is ``2000``."""
    number = Decimal(repr(float(value)))  # float-ok: a tick matplotlib placed
    return number.quantize(Decimal(1)) if number == number.to_integral() else number


def attainment_axis(axes: Axes, low: Decimal, high: Decimal, locale: str) -> None:
    """Ticks from ``low`` to ``high`` at a round step, written as
    percentages in ``locale``."""
    span = high - low
    step = next(
        (
            s
            for s in (Decimal("0.1"), Decimal("0.25"), Decimal("0.5"))
            if span / s <= 10
        ),
        Decimal(1),
    )
    first = (low / step).to_integral_value(rounding=ROUND_FLOOR)
    ticks = []
    n = first
    while n * step <= high:
        ticks.append(n * step)
        n += 1
    axes.set_xticks(
        [drawn(t) for t in ticks], [percent(t.normalize(), locale) for t in ticks]
    )


def money_axis(axes: Axes, locale: str) -> None:
    """Amounts on the vertical axis written in ``locale``'s digits."""
    axes.yaxis.set_major_formatter(
        ticker().FuncFormatter(
            lambda value, _: format_number(tick_number(value), locale)
        )
    )
