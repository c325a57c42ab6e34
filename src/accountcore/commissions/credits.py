"""Credits: the amounts a plan pays on, one per deal and owner.

A :class:`Credit` is a frozen value: which deal, which client, whose credit,
how much, and when it was credited. Negative credits reverse a cancelled
deal's credit (a clawback).

>>> import datetime
>>> from accountcore.money import Money
>>> credit = Credit("D-1", "C-1", "ana", Money("1200.00", "EUR"), datetime.date(2026, 1, 15))
>>> credit.client_tier, credit.is_clawback
('standard', False)
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable

import attrs

from accountcore.money import Money
from accountcore.periods import as_date

__all__ = ["Credit", "CreditFilter"]


def _plain(value: object) -> str:
    """An enum member's value, or the str itself (tiers and kinds as text)."""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if not isinstance(value, str):
        raise TypeError(f"expected a str or an enum member, got {value!r}")
    return value


def _optional_plain(value: object) -> str | None:
    return None if value is None else _plain(value)


def _non_empty(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{attribute.name} must be a non-empty str, got {value!r}")


def _is_money(_: object, attribute: attrs.Attribute[Money], value: object) -> None:
    if not isinstance(value, Money):
        raise TypeError(f"{attribute.name} must be Money, got {value!r}")


def _is_date(_: object, attribute: attrs.Attribute[_dt.date], value: object) -> None:
    as_date(value, attribute.name)


def _is_optional_date(
    _: object, attribute: attrs.Attribute[_dt.date | None], value: object
) -> None:
    if value is not None:
        as_date(value, attribute.name)


@attrs.frozen
class Credit:
    """The credit one owner gets for one deal.

    ``client_tier`` (standard, key, vip) and ``client_kind`` (individual,
    corporate) are kept as their text values; an enum member is accepted and
    stored as its value. ``is_new_client`` marks the client's first won deal.
    A clawback is a negative credit; ``original_on`` is then the date of the
    credit it reverses (its exchange rate is the one used).

    >>> import datetime
    >>> Credit("D-1", "C-1", "ana", Money("-500", "EUR"), datetime.date(2026, 2, 1), original_on=datetime.date(2026, 1, 10)).is_clawback
    True
    >>> Credit("", "C-1", "ana", Money("1", "EUR"), datetime.date(2026, 2, 1))
    Traceback (most recent call last):
    ...
    ValueError: deal_id must be a non-empty str, got ''
    """

    deal_id: str = attrs.field(validator=_non_empty)
    client_id: str = attrs.field(validator=_non_empty)
    owner: str = attrs.field(validator=_non_empty)
    amount: Money = attrs.field(validator=_is_money)
    credited_on: _dt.date = attrs.field(validator=_is_date)
    client_tier: str = attrs.field(default="standard", converter=_plain)
    client_kind: str = attrs.field(default="corporate", converter=_plain)
    is_new_client: bool = False
    product: str | None = attrs.field(default=None, converter=_optional_plain)
    category: str | None = attrs.field(default=None, converter=_optional_plain)
    quantity: int = 1
    original_on: _dt.date | None = attrs.field(
        default=None, validator=_is_optional_date
    )

    @property
    def is_clawback(self) -> bool:
        """Whether this credit reverses an earlier one (a negative amount)."""
        return self.amount.amount < 0

    @property
    def rate_date(self) -> _dt.date:
        """The date whose exchange rate converts this credit: the original
        credit's date for a clawback, else the credited date."""
        return self.original_on or self.credited_on


def _texts(values: Iterable[object]) -> tuple[str, ...]:
    if isinstance(values, str):
        values = (values,)
    return tuple(sorted({_plain(v) for v in values}))


@attrs.frozen
class CreditFilter:
    """Which credits a component looks at; an empty field matches everything.

    Each field is a set of values, kept sorted (a single str is one value).

    >>> import datetime
    >>> vip = CreditFilter(tiers="vip")
    >>> vip.matches(Credit("D-1", "C-1", "ana", Money("1", "EUR"), datetime.date(2026, 1, 1), client_tier="vip"))
    True
    >>> CreditFilter().is_everything
    True
    """

    products: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    categories: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    tiers: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    kinds: tuple[str, ...] = attrs.field(default=(), converter=_texts)

    @property
    def is_everything(self) -> bool:
        """Whether the filter lets every credit through."""
        return not (self.products or self.categories or self.tiers or self.kinds)

    def matches(self, credit: Credit) -> bool:
        """Whether ``credit`` passes every non-empty criterion."""
        return (
            (not self.products or credit.product in self.products)
            and (not self.categories or credit.category in self.categories)
            and (not self.tiers or credit.client_tier in self.tiers)
            and (not self.kinds or credit.client_kind in self.kinds)
        )

    def describe(self) -> str:
        """The filter in words, for statement lines.

        >>> CreditFilter(products="pumps", tiers=("vip", "key")).describe()
        'product pumps, tier key/vip'
        """
        parts = []
        for label, values in (
            ("product", self.products),
            ("category", self.categories),
            ("tier", self.tiers),
            ("kind", self.kinds),
        ):
            if values:
                parts.append(f"{label} {'/'.join(sorted(values))}")
        return ", ".join(parts) if parts else "all credits"
