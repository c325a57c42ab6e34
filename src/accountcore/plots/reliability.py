"""Figures of client reliability: what each factor gave a score."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from accountcore.errors import check_type
from accountcore.i18n import Message, Percent, format_number
from accountcore.money import to_decimal
from accountcore.plots._canvas import checked_locale, drawn, label, new_figure
from accountcore.plots.errors import PlotInputError
from accountcore.reliability import ReliabilityScore

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["score_factors"]

_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


def score_factors(
    score: ReliabilityScore,
    *,
    neutral: Decimal | int | str = 50,
    locale: str = "en_US",
) -> Figure:
    """A score's factor contributions: for each factor, a bar of the score
    points it gave (weight × its points, 0–100), over a pale bar of what it
    could give (weight × 100). A factor without data counts at ``neutral``
    points (the scorecard's ``neutral``, 50 by default): its bar is hatched.
    The bars add up to the score's value before a knock-out caps it; the
    title is the score's headline in ``locale``. Factors are named by their
    code (the catalogs have no names for them).

    >>> import datetime as dt
    >>> from accountcore.reliability import ClientProfile, Scorecard
    >>> profile = ClientProfile("EUR", founded=dt.date(2012, 5, 1), employees=80, warning_signs=[])
    >>> score = Scorecard.default().score(profile, on=dt.date(2026, 6, 30))
    >>> axes = score_factors(score).axes[0]
    >>> [tick.get_text() for tick in axes.get_yticklabels()]
    ['payment', 'financial', 'security', 'stability', 'warnings']
    >>> # payment 0.35 × 50, financial 0.25 × 50, security 0.10 × 50 (no data: neutral),
    >>> # stability 0.10 × 92.5, warnings 0.20 × 100
    >>> [round(float(bar.get_width()), 2) for bar in axes.containers[1]]  # float-ok: reading the drawing
    [17.5, 12.5, 5.0, 9.25, 20.0]
    >>> score.value  # 17.50 + 12.50 + 5.00 + 9.25 + 20.00
    Decimal('64.25')
    """
    check_type("score", score, ReliabilityScore)
    middle = to_decimal(neutral, "neutral")
    if not 0 <= middle <= _HUNDRED:
        raise PlotInputError("neutral", neutral, "neutral points are from 0 to 100")
    locale = checked_locale(locale)
    parts = score.factors
    given = [
        part.weight * (middle if part.points is None else part.points) for part in parts
    ]
    figure, axes = new_figure()
    positions = list(range(len(parts)))
    axes.barh(
        positions,
        [drawn(part.weight * _HUNDRED) for part in parts],
        color="0.9",
        gid="possible",
    )
    bars = axes.barh(positions, [drawn(g) for g in given], color="C0", gid="given")
    for bar, part, points in zip(bars, parts, given, strict=True):
        if part.points is None:
            bar.set_hatch("//")
            bar.set_facecolor("C7")
        axes.annotate(
            format_number(points.quantize(_CENT), locale),
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    axes.set_yticks(positions, [part.code for part in parts])
    axes.invert_yaxis()
    widest = max((part.weight for part in parts), default=Decimal(1)) * _HUNDRED
    axes.set_xlim(0, drawn(widest * Decimal("1.15")))  # room for the texts
    axes.set_xlabel(label("reports.column.band", locale))
    title = Message.of(
        "reliability.explain.score",
        value=score.value,
        band=score.band,
        confidence=Percent(score.confidence, 0),
    ).render(locale)
    if score.knockout:
        title += "\n" + Message.of("reliability.explain.knockout").render(locale)
    axes.set_title(title, fontsize=10)
    return figure
