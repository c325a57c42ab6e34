"""Deal types: what kind of business a deal brings.

Every deal is one of new business (a client's first purchase or a new
client), an expansion of what a client already buys (an upsell of more of
the same, a cross-sell of something else), a renewal of a contract that
ends, or a repeat order. A deal is new business unless told otherwise, and
a deal stored before deal types existed reads back as new business.

The type travels with the deal into its credits
(:attr:`~accountcore.commissions.Credit.deal_type`), so a commission
component can pay a lower rate on renewals, and the forecast and the
reports can break their figures down by it. Show a type to a person
through :func:`deal_type_label`, never as its code.

>>> DealType("renewal"), DealType.UPSELL.is_expansion
(<DealType.RENEWAL: 'renewal'>, True)
>>> deal_type_label(DealType.REPEAT_ORDER).render("et_EE")
'Kordustellimus'
"""

from __future__ import annotations

import enum

from accountcore.errors import check_choice
from accountcore.i18n import Message

__all__ = ["DealType", "deal_type_label"]


class DealType(enum.Enum):
    """What kind of business a deal brings; new business by default.

    >>> [t.value for t in DealType]
    ['new_business', 'upsell', 'cross_sell', 'renewal', 'repeat_order']
    """

    NEW_BUSINESS = "new_business"
    UPSELL = "upsell"
    CROSS_SELL = "cross_sell"
    RENEWAL = "renewal"
    REPEAT_ORDER = "repeat_order"

    @property
    def is_expansion(self) -> bool:
        """Whether the deal expands what a client buys (upsell or cross-sell).

        >>> DealType.CROSS_SELL.is_expansion, DealType.RENEWAL.is_expansion
        (True, False)
        """
        return self in _EXPANSION


_EXPANSION = frozenset({DealType.UPSELL, DealType.CROSS_SELL})


def deal_type_label(deal_type: DealType | str) -> Message:
    """The translated name of a deal type (``pipeline.deal_type.<value>``);
    a type's value (``"renewal"``) is accepted too.

    >>> deal_type_label("cross_sell").render("lv_LV")
    'Krustpārdošana'
    >>> deal_type_label("resale")
    Traceback (most recent call last):
    ...
    accountcore.errors.InvalidChoiceError: deal_type='resale' is not a valid choice: expected one of 'cross_sell', 'new_business', 'renewal', 'repeat_order', 'upsell'.
    """
    kind = check_choice("deal_type", deal_type, DealType)
    return Message.of(f"pipeline.deal_type.{kind.value}")
