"""Figures of the pipeline: the funnel of stage conversion, and the
forecast by category.

They draw the results of :mod:`accountcore.analytics`
(:func:`~accountcore.analytics.stage_conversion`,
:func:`~accountcore.analytics.forecast`), never compute their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from itertools import pairwise
from typing import TYPE_CHECKING

from accountcore.analytics import Conversion, Forecast, ForecastLine, category_message
from accountcore.errors import check_items, check_type
from accountcore.i18n import format_number, format_percent
from accountcore.pipeline import ForecastCategory, Pipeline
from accountcore.plots._canvas import (
    checked_locale,
    drawn,
    known,
    label,
    money_axis,
    new_figure,
    ticker,
)
from accountcore.plots.errors import PlotInputError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["forecast", "funnel"]


def _stage_label(key: str, pipeline: Pipeline | None, locale: str) -> str:
    """A stage's name: the catalog's (the default pipeline's stages), else
    the pipeline's own name for it, else its key."""
    if known(f"reports.stage.{key}"):
        return label(f"reports.stage.{key}", locale)
    if pipeline is not None:
        for stage in pipeline.stages:
            if stage.key == key:
                return stage.name
    return key


def funnel(
    conversions: Iterable[Conversion],
    *,
    pipeline: Pipeline | None = None,
    locale: str = "en_US",
) -> Figure:
    """The pipeline funnel: one bar per stage, as long as the number of
    deals that reached it (first stage on top), each written with its count
    and the share that went on to the next stage.

    ``conversions`` is what :func:`~accountcore.analytics.stage_conversion`
    gives, stage after stage. Stages are named from the catalogs in
    ``locale`` (the default pipeline's), else by ``pipeline``'s names.

    >>> from accountcore.analytics import Conversion
    >>> steps = [Conversion("appointment", "preparation", 10, 6, Decimal("0.6")),
    ...          Conversion("preparation", "contact", 6, 3, Decimal("0.5"))]
    >>> axes = funnel(steps, locale="et_EE").axes[0]
    >>> [float(bar.get_width()) for bar in axes.containers[0]]  # float-ok: reading the drawing
    [10.0, 6.0, 3.0]
    >>> [tick.get_text() for tick in axes.get_yticklabels()]
    ['Kohtumise kokkuleppimine', 'Ettevalmistus', 'Kontakti loomine']
    """
    steps = check_items("conversions", conversions, Conversion)
    if pipeline is not None:
        check_type("pipeline", pipeline, Pipeline)
    locale = checked_locale(locale)
    for before, after in pairwise(steps):
        if before.to_stage != after.from_stage or before.advanced != after.reached:
            raise PlotInputError(
                "conversions",
                after,
                f"each step starts where the one before ends "
                f"({before.to_stage!r}, {before.advanced} deals), as "
                "stage_conversion gives them",
            )
    figure, axes = new_figure()
    if not steps:
        return figure
    keys = [step.from_stage for step in steps] + [steps[-1].to_stage]
    counts = [step.reached for step in steps] + [steps[-1].advanced]
    rates: list[Decimal | None] = [step.rate for step in steps] + [None]
    positions = list(range(len(keys)))
    bars = axes.barh(positions, [drawn(c) for c in counts], color="C0", gid="stages")
    for bar, count, rate in zip(bars, counts, rates, strict=True):
        text = format_number(count, locale)
        if rate is not None:
            text += f" → {format_percent(rate, locale, digits=0)}"
        axes.annotate(
            text,
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    axes.set_yticks(positions, [_stage_label(key, pipeline, locale) for key in keys])
    axes.invert_yaxis()
    axes.margins(x=0.12)  # room for the texts beside the bars
    axes.xaxis.set_major_locator(ticker().MaxNLocator(integer=True))
    axes.set_xlabel("Deals")
    return figure


#: The categories drawn, bottom up: what is won, then the open deals from
#: the surest; omitted deals are left out.
_CATEGORIES = (
    (ForecastCategory.CLOSED, "closed_won"),
    (ForecastCategory.COMMIT, "commit"),
    (ForecastCategory.BEST_CASE, "best_case"),
    (ForecastCategory.PIPELINE, "pipeline"),
)


def forecast(
    result: Forecast, *, by_owner: bool = True, locale: str = "en_US"
) -> Figure:
    """A period's forecast by category: for each owner (or the total, with
    ``by_owner=False``) a bar of closed won, commit, best case and pipeline
    stacked in that order, and a point at the weighted pipeline. Categories
    are named from the catalogs in ``locale``; omitted deals are left out.

    ``result`` is what :func:`accountcore.analytics.forecast` gives.

    >>> from accountcore.analytics import ForecastLine
    >>> from accountcore.money import Money
    >>> from accountcore.periods import Period
    >>> m = lambda n: Money(n, "EUR")
    >>> anna = ForecastLine("anna", 3, m(150), m(90), m(100), m(50), m(0), m(70), m(0))
    >>> result = Forecast(Period.quarter(2026, 1), "EUR", (anna,), anna, 0, 0)
    >>> axes = forecast(result).axes[0]
    >>> [container.get_label() for container in axes.containers]
    ['Closed won', 'Commit', 'Best case', 'Pipeline']
    >>> [float(container[0].get_height()) for container in axes.containers]  # float-ok: reading the drawing
    [70.0, 100.0, 50.0, 0.0]
    """
    check_type("result", result, Forecast)
    check_type("by_owner", by_owner, bool)
    locale = checked_locale(locale)
    lines: tuple[ForecastLine, ...] = result.owners if by_owner else (result.total,)
    names = [
        label("reports.total", locale) if line.owner is None else line.owner
        for line in lines
    ]
    figure, axes = new_figure()
    positions = list(range(len(lines)))
    bottoms = [Decimal(0)] * len(lines)
    for category, field in _CATEGORIES:
        heights = [getattr(line, field).amount for line in lines]
        axes.bar(
            positions,
            [drawn(h) for h in heights],
            bottom=[drawn(b) for b in bottoms],
            label=category_message(category).render(locale),
            gid=field,
        )
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    axes.plot(
        positions,
        [drawn(line.weighted.amount) for line in lines],
        linestyle="none",
        marker="D",
        color="black",
        label=label("reports.column.weighted", locale),
        gid="weighted",
    )
    axes.set_xticks(positions, names)
    money_axis(axes, locale)
    axes.set_ylabel(f"{label('reports.column.amount', locale)} ({result.currency})")
    axes.set_title(str(result.period))
    axes.legend(fontsize=8)
    return figure
