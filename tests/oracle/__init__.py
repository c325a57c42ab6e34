"""An independent oracle for commission statements (tests only).

A deliberately plain, slow and obviously right reading of the commission
semantics in ``docs/commissions.md`` and of issue 13's decisions (exact
money bounds, clawbacks that reverse what was paid, year-to-date fed right or
refused). It shares no code with :mod:`accountcore.commissions`: it reads a
plan, its components, credits, quotas and activities through their public
attributes only (never their methods), and computes everything with exact
:class:`fractions.Fraction` arithmetic, rounding half up (away from zero) to
the currency's minor unit once, at each line. A statement's total is the sum
of its rounded lines.

The differential tests (``tests/test_commissions_oracle.py``) compare every
path of the library with it, to the cent. See :mod:`oracle.engine` for the
rules, each written next to the sentence of the docs it implements.

Where the docs and issue 13 leave a choice, the oracle makes one (marked
``ASSUMED`` in the engine); a branch that decides otherwise changes the
oracle with its docs:

* a clawback line (kind ``clawback``, component ``clawback``) comes after
  the earning components and modifiers (and after a year-to-date true-up),
  before the draws, which count it as earned pay;
* the period's variable pay is attributed to the deals whose credits in the
  period net above zero, pro rata to that net weighted amount, in deal id
  order (which decides ties of the largest remainder); a deal keeps the
  period it was first paid in;
* a year-to-date statement whose period does not start the fiscal year is
  fed by a sum (feeding b) when no credit dated before the period is given;
  then it refuses filters, SPIFs, new-client bonuses and count quotas;
* quotas inside the range a statement needs must tile it exactly; quotas
  reaching outside the range are ignored;
* a clawback in a year-to-date plan of a deal paid in an earlier fiscal year
  is not modelled (``NotImplementedError``): issue 13 does not say how it
  meets the true-up of later periods;
* on attainment, a filter whose credits make the whole basis is no filter
  (money bounds); any other filtered basis, a count quota or a zero target
  shares the basis out in proportion to attainment, as before issue 13.

>>> import datetime
>>> from accountcore import Money, Period
>>> from accountcore.commissions import Basis, CommissionPlan, Credit, Tier, Tiered
>>> from accountcore.quotas import Quota
>>> q1 = Period.quarter(2026, 1)
>>> plan = CommissionPlan("p", "EUR", (Tiered("commission", (Tier("0", "1", "0.04"), Tier("1", None, "0.07")), basis=Basis.ATTAINMENT),))
>>> credit = Credit("D-1", "C-1", "ana", Money("223843.50", "EUR"), datetime.date(2026, 2, 1))
>>> team = calculate_team(plan, [credit], period=q1, quotas=[Quota("ana", q1, Money("167915.00", "EUR"))])
>>> [decimal_of(line.amount) for line in team["ana"].lines], decimal_of(team["ana"].total)
([Decimal('6716.6'), Decimal('3915')], Decimal('10631.6'))
"""

from oracle.engine import (
    DealRecord,
    Line,
    OracleError,
    OracleLedger,
    OracleStatement,
    allocate,
    calculate_team,
    decimal_of,
    round_half_up,
)

__all__ = [
    "DealRecord",
    "Line",
    "OracleError",
    "OracleLedger",
    "OracleStatement",
    "allocate",
    "calculate_team",
    "decimal_of",
    "round_half_up",
]
