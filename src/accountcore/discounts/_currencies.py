"""Rules chosen by the quote's currency, within one scheme.

A scheme that quotes in several currencies (``DiscountScheme(currencies=)``)
sorts its rules by the money they hold: a rule fits a currency when its
definition checks pass in it (``rule.faults(currency)`` and its conditions'),
so a rule of 5.00 USD off fits USD only and a percentage with no money in it
fits every currency. A rule that fits none of the scheme's currencies is a
fault. Each currency then has its own scheme of the rules that fit it (the
quote's currency picks one); a rule of another currency is never a
candidate for that quote, so it is not listed as rejected either.

>>> from accountcore.discounts import AmountOff, PercentOff
>>> from accountcore.money import Money
>>> fits(AmountOff("promo", Money("5.00", "USD")), ("EUR", "USD"))
('USD',)
>>> fits(PercentOff("key", 5), ("EUR", "USD"))
('EUR', 'USD')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from accountcore.discounts.conditions import Conditions
from accountcore.discounts.reasons import Reason
from accountcore.discounts.rules import Basis, VolumeTiers

__all__ = ["currency_faults", "fits", "tiers_warnings"]


class _Checked(Protocol):
    """What the check reads of a discount rule or a price rule."""

    @property
    def name(self) -> str: ...
    @property
    def when(self) -> Conditions: ...
    def faults(self, currency: str) -> list[str]: ...


def _faults(rule: _Checked, currency: str) -> list[str]:
    return rule.faults(currency) + rule.when.faults(currency)


def fits(rule: _Checked, currencies: Sequence[str]) -> tuple[str, ...]:
    """The currencies of ``currencies`` in which ``rule`` is sound."""
    return tuple(c for c in currencies if not _faults(rule, c))


def currency_faults(rule: _Checked, currencies: Sequence[str], label: str) -> list[str]:
    """Why ``rule`` fits none of ``currencies`` (empty when it fits one):
    the faults it has in every currency (its own mistakes), and, when
    besides those its money is in none of them, that (with the faults in
    the first currency, which name the money).

    >>> from accountcore.discounts import AmountOff
    >>> from accountcore.money import Money
    >>> currency_faults(AmountOff("promo", Money("5.00", "GBP")), ("EUR", "USD"), "rule")
    ["rule 'promo': its money fits none of the scheme's currencies EUR, USD (in EUR: amount 5.00 GBP is not in the scheme's currency EUR)"]
    """
    each = [_faults(rule, c) for c in currencies]
    if not all(each):
        return []
    common = [f for f in each[0] if all(f in other for other in each[1:])]
    out = [f"{label} {rule.name!r}: {fault}" for fault in common]
    if all(any(f not in common for f in faults) for faults in each):
        money = "; ".join(f for f in each[0] if f not in common)
        out.append(
            f"{label} {rule.name!r}: its money fits none of the scheme's "
            f"currencies {', '.join(currencies)} (in {currencies[0]}: {money})"
        )
    return out


def tiers_warnings(rules: Sequence[object], currencies: Sequence[str]) -> list[Reason]:
    """A ``tiers_without_currency`` warning for each rule of ``rules`` with
    tiers by amount and no money to tie them to a currency: it applies in
    every currency of ``currencies``, at the same figures (a tier at 1,000
    is 1,000 EUR in a quote in euros and 1,000 JPY in one in yen). A
    ``min_amount`` in one currency ties such a rule to it.

    >>> from accountcore.discounts import Basis, VolumeTier, VolumeTiers
    >>> rule = VolumeTiers("big", [VolumeTier(1000, 5)], basis=Basis.AMOUNT)
    >>> [w.text for w in tiers_warnings([rule], ("EUR", "JPY"))]
    ["rule 'big' has amount tiers with no currency: each quote counts them in its own currency (EUR, JPY)"]
    """
    return [
        Reason.of(
            "tiers_without_currency",
            rule=repr(rule.name),
            currencies=", ".join(currencies),
        )
        for rule in rules
        if isinstance(rule, VolumeTiers)
        and rule.basis is Basis.AMOUNT
        and fits(rule, currencies) == tuple(currencies)
    ]
