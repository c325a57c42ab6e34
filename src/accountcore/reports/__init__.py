"""The account manager's reports: data first, then a document in any locale.

Five reports, each a frozen value built by a named constructor from plain
iterables of domain objects and the period (or moment) as parameters, and
each rendered by ``render(locale, format="text" | "markdown")``:

* :class:`MonthlyReport`: activity (deals moved, won, lost with reasons, new
  clients, referrals);
* :class:`QuarterlyResults`: per owner, won revenue, quota attainment and
  commission;
* :class:`AnnualForecast`: the fiscal year by quarter and by owner;
* :class:`AccountStatus`: per client, tier, status, revenue, open deals,
  reliability band, last activity;
* :class:`PlanStatusReport`: the account plans' progress on objectives and
  initiatives.

The figures come from :mod:`accountcore.analytics`, :mod:`accountcore.quotas`
and the commission statements; the reports only gather and present them.

>>> from accountcore.periods import Period
>>> report = MonthlyReport.of([], [], period=Period.month(2026, 3), currency="EUR")
>>> print(report.render("ja_JP").splitlines()[0])
月次報告：2026年3月
"""

from accountcore.reports.account import AccountRow, AccountStatus
from accountcore.reports.annual import AnnualForecast, QuarterForecast
from accountcore.reports.monthly import ClosedDeal, MonthlyReport, NewClient, StageMove
from accountcore.reports.plans import PlanStatusReport
from accountcore.reports.quarterly import OwnerResult, QuarterlyResults

__all__ = [
    "AccountRow",
    "AccountStatus",
    "AnnualForecast",
    "ClosedDeal",
    "MonthlyReport",
    "NewClient",
    "OwnerResult",
    "PlanStatusReport",
    "QuarterForecast",
    "QuarterlyResults",
    "StageMove",
]
