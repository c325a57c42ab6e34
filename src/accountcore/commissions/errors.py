"""The errors of commissions: a plan defined wrongly, a missing quota, ledgers and credits that do not agree, clawbacks that cannot apply.

Every one is an :class:`~accountcore.errors.AccountcoreError` (see
:mod:`accountcore.errors` for the family and its two branches).
"""

from __future__ import annotations

from collections.abc import Iterable

from accountcore.errors import DefinitionError, RuleViolation, _short

__all__ = [
    "ClawbackError",
    "CreditedToDateError",
    "InvalidCreditError",
    "LedgerMismatchError",
    "LedgerMissingError",
    "ManyOwnersError",
    "MissingMarginError",
    "MissingQuotaError",
    "PlanDefinitionError",
    "YearToDateCreditsError",
    "DisputeError",
    "MissingDiscountError",
    "SaleCurrencyPlanError",
]


class PlanDefinitionError(DefinitionError):
    """A commission plan or one of its components is configured wrongly.

    >>> print(PlanDefinitionError("Tiered 'commission'", ["tier 2 starts at 90000, not at 100000 (overlap)"]))
    Tiered 'commission' is invalid (1 fault):
      - tier 2 starts at 90000, not at 100000 (overlap)
    """


class InvalidCreditError(RuleViolation, ValueError):
    """A credit, or an argument that makes credits, holding a value that
    cannot be true (an empty deal id, a clawback window of zero days…).

    >>> print(InvalidCreditError("deal_id", "", "a non-empty str"))
    deal_id='' is invalid: expected a non-empty str.
    """

    parameter: str
    value: object
    expected: str

    def __init__(self, parameter: str, value: object, expected: str) -> None:
        self.parameter = parameter
        self.value = value
        self.expected = expected
        super().__init__(
            f"{parameter}={_short(value)} is invalid: expected {expected}."
        )


class ManyOwnersError(RuleViolation, ValueError):
    """One owner's statement asked for credits, quotas and ledgers of
    several owners (or of none), without saying whose.

    >>> print(ManyOwnersError(["ana", "bob"]))
    calculate needs one owner, found 'ana', 'bob': pass owner='ana' (or another), or use calculate_team for every owner.
    """

    owners: tuple[str, ...]

    def __init__(self, owners: Iterable[str]) -> None:
        self.owners = tuple(sorted(owners))
        if not self.owners:
            super().__init__(
                "calculate needs one owner, found none (no credit, quota or "
                "ledger names one): pass owner=."
            )
            return
        found = ", ".join(_short(o, 40) for o in self.owners[:20])
        if len(self.owners) > 20:
            found += f" and {len(self.owners) - 20} more"
        super().__init__(
            f"calculate needs one owner, found {found}: pass "
            f"owner={_short(self.owners[0], 40)} (or another), or use calculate_team "
            "for every owner."
        )


class MissingMarginError(RuleViolation, KeyError):
    """A won deal credited by gross margin, with no margin given for it.

    >>> print(MissingMarginError("D-7", ["D-1", "D-2"]))
    No gross margin given for won deal 'D-7' (margins are given for 'D-1', 'D-2'); pass margins={'D-7': Money(...), ...} to credit by gross margin.
    """

    deal_id: str
    known: tuple[str, ...]

    def __init__(self, deal_id: str, known: Iterable[str]) -> None:
        self.deal_id = deal_id
        self.known = tuple(sorted(known))
        given = ", ".join(_short(k, 40) for k in self.known[:20]) or "no deal"
        if len(self.known) > 20:
            given += f" and {len(self.known) - 20} more"
        super().__init__(
            f"No gross margin given for won deal {deal_id!r} (margins are given for "
            f"{given}); pass margins={{{deal_id!r}: Money(...), ...}} to credit by "
            "gross margin."
        )


class MissingQuotaError(RuleViolation, ValueError):
    """A plan needs attainment but no quota (or a zero one) was given.

    >>> print(MissingQuotaError("commission", "ana"))
    Component 'commission' needs attainment, but no quota was given for owner 'ana'; pass quota= (or quotas= to calculate_team).
    """

    component: str
    owner: str

    def __init__(self, component: str, owner: str) -> None:
        self.component = component
        self.owner = owner
        super().__init__(
            f"Component {component!r} needs attainment, but no quota was given for "
            f"owner {owner!r}; pass quota= (or quotas= to calculate_team)."
        )


class LedgerMismatchError(RuleViolation, ValueError):
    """A ledger that does not belong with this calculation (other owner, other
    currency, or a period already calculated).

    >>> print(LedgerMismatchError("owner", "bob", "the statement is for 'ana'"))
    Ledger owner='bob' does not fit: the statement is for 'ana'.
    """

    field: str
    value: object
    reason: str

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"Ledger {field}={value!r} does not fit: {reason}.")


class CreditedToDateError(LedgerMismatchError):
    """The credits given for the fiscal year before a year-to-date period do
    not add up to what the ledger carried from that period.

    >>> print(CreditedToDateError("ana", "2026-04-01", "150000.00 EUR", "100000.00 EUR", "50000.00 EUR"))
    Ledger credited_to_date='100000.00 EUR' does not fit: owner 'ana''s credits dated before 2026-04-01 add up to 150000.00 EUR, but the ledger carried 100000.00 EUR from the period before (a difference of 50000.00 EUR); pass every credit since the fiscal year's start, or only this period's credits.
    """

    owner: str
    before: object
    given: object
    recorded: object
    difference: object

    def __init__(
        self,
        owner: str,
        before: object,
        given: object,
        recorded: object,
        difference: object,
    ) -> None:
        self.owner = owner
        self.before = before
        self.given = given
        self.recorded = recorded
        self.difference = difference
        super().__init__(
            "credited_to_date",
            recorded,
            f"owner {owner!r}'s credits dated before {before} add up to {given}, "
            f"but the ledger carried {recorded} from the period before (a "
            f"difference of {difference}); pass every credit since the fiscal "
            "year's start, or only this period's credits",
        )


class LedgerMissingError(RuleViolation, ValueError):
    """A year-to-date statement for a period after the fiscal year's first,
    with no ledger: what was paid earlier in the year is unknown.

    >>> print(LedgerMissingError("ana", "2026-Q2", "2026-01-01", "EUR"))
    No ledger for owner 'ana': the year-to-date statement for 2026-Q2 does not start the fiscal year (2026-01-01), so it must deduct what was paid before. Pass the ledger carried from the period before (its statement's ledger), or Ledger.opening('ana', 'EUR') if nothing was paid before.
    """

    owner: str
    period: object
    year_start: object
    currency: str

    def __init__(
        self, owner: str, period: object, year_start: object, currency: str
    ) -> None:
        self.owner = owner
        self.period = period
        self.year_start = year_start
        self.currency = currency
        super().__init__(
            f"No ledger for owner {owner!r}: the year-to-date statement for {period} "
            f"does not start the fiscal year ({year_start}), so it must deduct what "
            "was paid before. Pass the ledger carried from the period before (its "
            f"statement's ledger), or Ledger.opening({owner!r}, {currency!r}) if "
            "nothing was paid before."
        )


class YearToDateCreditsError(RuleViolation, ValueError):
    """A year-to-date statement was given only its period's credits (the
    earlier ones as the ledger's ``credited_to_date``), but a component needs
    each credit since the fiscal year's start.

    >>> print(YearToDateCreditsError("hunter", "ana", "2026-01-01", "2026-Q2"))
    Component 'hunter' needs each of owner 'ana''s credits since the fiscal year's start (2026-01-01), but only the credits of 2026-Q2 were given (the earlier ones as the ledger's credited_to_date); pass all credits since 2026-01-01 with the same ledger.
    """

    component: str
    owner: str
    since: object
    period: object

    def __init__(
        self, component: str, owner: str, since: object, period: object
    ) -> None:
        self.component = component
        self.owner = owner
        self.since = since
        self.period = period
        super().__init__(
            f"Component {component!r} needs each of owner {owner!r}'s credits since "
            f"the fiscal year's start ({since}), but only the credits of {period} "
            "were given (the earlier ones as the ledger's credited_to_date); pass "
            f"all credits since {since} with the same ledger."
        )


class ClawbackError(RuleViolation, ValueError):
    """A clawback of a deal paid in an earlier statement, but the ledger holds
    no record of what the deal earned, so what to take back is unknown.

    >>> import datetime
    >>> print(ClawbackError("D-7", "ana", datetime.date(2026, 4, 10), datetime.date(2026, 1, 20)))
    Clawback of deal 'D-7' for owner 'ana' on 2026-04-10 reverses a credit of 2026-01-20, paid in an earlier statement, but the ledger holds no record of what the deal earned: pass the ledger carried from the period it was paid in (and every ledger since; a ledger keeps the records of deals first paid in this fiscal year or the one before), or build the plan with clawback="rerate" to price it at this period's rates.
    """

    deal: str
    owner: str
    on: object
    original_on: object

    def __init__(self, deal: str, owner: str, on: object, original_on: object) -> None:
        self.deal = deal
        self.owner = owner
        self.on = on
        self.original_on = original_on
        super().__init__(
            f"Clawback of deal {deal!r} for owner {owner!r} on {on} reverses a "
            f"credit of {original_on}, paid in an earlier statement, but the ledger "
            "holds no record of what the deal earned: pass the ledger carried from "
            "the period it was paid in (and every ledger since; a ledger keeps the "
            "records of deals first paid in this fiscal year or the one before), "
            "or build the plan "
            'with clawback="rerate" to price it at this period\'s rates.'
        )


class DisputeError(RuleViolation, ValueError):
    """A dispute of a statement line moved in a way it cannot go: resolved
    twice, resolved before it was raised, or raised against a line the
    statement does not have.

    >>> print(DisputeError("X-1", "resolved", "it was resolved on 2026-03-02 already"))
    Dispute 'X-1' cannot be resolved: it was resolved on 2026-03-02 already.
    """

    dispute: str
    action: str
    reason: str

    def __init__(self, dispute: str, action: str, reason: str) -> None:
        self.dispute = dispute
        self.action = action
        self.reason = reason
        super().__init__(f"Dispute {_short(dispute, 40)} cannot be {action}: {reason}.")


class MissingDiscountError(RuleViolation, ValueError):
    """A component pays by the discount given, and a credit it reads carries
    no list amount and discount.

    >>> print(MissingDiscountError("by discount", "D-7", "ana"))
    Component 'by discount' pays by the discount given, but the credit of deal 'D-7' (owner 'ana') carries no list_amount and discount; give both on the credit (credits_from(list_amounts=...), or the list_amount and discount columns), or leave the deal out with the component's filter.
    """

    component: str
    deal_id: str
    owner: str

    def __init__(self, component: str, deal_id: str, owner: str) -> None:
        self.component = component
        self.deal_id = deal_id
        self.owner = owner
        super().__init__(
            f"Component {_short(component)} pays by the discount given, but the "
            f"credit of deal {_short(deal_id)} (owner {_short(owner)}) carries no "
            "list_amount and discount; give both on the credit "
            "(credits_from(list_amounts=...), or the list_amount and discount "
            "columns), or leave the deal out with the component's filter."
        )


class SaleCurrencyPlanError(RuleViolation, ValueError):
    """A plan that pays in each sale's currency, asked for what only a plan
    paying in its own currency gives (one statement per owner), or given a
    quota that names no currency.

    >>> print(SaleCurrencyPlanError("AM", "calculate_team", "call calculate_by_currency, which gives one statement per owner and currency"))
    Plan 'AM' pays in each sale's currency: calculate_team cannot be used with it; call calculate_by_currency, which gives one statement per owner and currency.
    """

    plan: str
    what: str
    hint: str

    def __init__(self, plan: str, what: str, hint: str) -> None:
        self.plan = plan
        self.what = what
        self.hint = hint
        super().__init__(
            f"Plan {_short(plan)} pays in each sale's currency: {what} cannot be "
            f"used with it; {hint}."
        )
