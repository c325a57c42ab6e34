"""Account plans: for a key account, objectives with targets and due
dates, the initiatives that serve them, and the plan's progress.

- :mod:`accountcore.account_plans.plan`: :class:`AccountPlan`,
  :class:`Objective` (won revenue, deals won, activities, contracted value)
  and :class:`Initiative` (owner, due date, status);
- :mod:`accountcore.account_plans.progress`: :func:`plan_progress`, each
  objective's actual against its target and the time gone by, and the
  overdue initiatives;
- :mod:`accountcore.account_plans.errors`: :class:`AccountPlanError`.

The plan-status report ("progress on initiatives") is
:class:`accountcore.reports.PlanStatusReport`.

>>> import datetime as dt
>>> from accountcore.periods import Period
>>> plan = AccountPlan("AP-1", "C-1", "anna", Period.year(2026),
...                    initiatives=[Initiative("I-1", "Meet the new CFO", "anna", dt.date(2026, 3, 31))])
>>> plan_progress(plan, on=dt.date(2026, 4, 10)).initiatives[0].days_overdue
10
"""

from accountcore.account_plans.errors import AccountPlanError
from accountcore.account_plans.plan import (
    AccountPlan,
    Initiative,
    InitiativeStatus,
    Objective,
    ObjectiveMeasure,
)
from accountcore.account_plans.progress import (
    InitiativeProgress,
    ObjectiveProgress,
    ObjectiveState,
    PlanProgress,
    plan_progress,
)

__all__ = [
    "AccountPlan",
    "AccountPlanError",
    "Initiative",
    "InitiativeProgress",
    "InitiativeStatus",
    "Objective",
    "ObjectiveMeasure",
    "ObjectiveProgress",
    "ObjectiveState",
    "PlanProgress",
    "plan_progress",
]
