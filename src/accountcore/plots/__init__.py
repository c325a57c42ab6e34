"""Figures of plans, teams, statements, pipelines and scores
(``accountcore[plot]``, matplotlib).

Each function returns a :class:`matplotlib.figure.Figure` made without
pyplot (no global state: nothing to close), computed in Decimal with the
library's own calculations and drawn as floats; texts come from the
catalogs in the ``locale`` given where the catalogs have them, in English
otherwise. Show one in a notebook by leaving it as a cell's value, or save
it with ``figure.savefig("pay.png")``. See ``docs/plots.md``.

- :mod:`~accountcore.plots.commissions`: :func:`pay_curve` (pay against
  attainment, bounds and caps marked), :func:`attainment_distribution`
  (a team's histogram) and :func:`waterfall` (a statement's lines as steps);
- :mod:`~accountcore.plots.pipeline`: :func:`funnel` (stage conversion) and
  :func:`forecast` (the forecast by category);
- :mod:`~accountcore.plots.reliability`: :func:`score_factors` (what each
  factor gave a score);
- :mod:`~accountcore.plots.errors`: the extra missing, an argument that
  cannot be drawn.

Importing this package needs nothing beyond accountcore; the first figure
needs the extra (``pip install 'accountcore[plot]'``).

>>> from accountcore.commissions import CommissionPlan, FlatRate
>>> from accountcore.money import Money
>>> plan = CommissionPlan("flat", "EUR", (FlatRate("commission", "0.05"),))
>>> type(pay_curve(plan, target=Money("1000", "EUR"))).__name__
'Figure'
"""

from accountcore.plots.commissions import (
    attainment_distribution,
    pay_curve,
    waterfall,
)
from accountcore.plots.errors import PlotInputError, PlotsUnavailableError
from accountcore.plots.pipeline import forecast, funnel
from accountcore.plots.reliability import score_factors

__all__ = [
    "PlotInputError",
    "PlotsUnavailableError",
    "attainment_distribution",
    "forecast",
    "funnel",
    "pay_curve",
    "score_factors",
    "waterfall",
]
