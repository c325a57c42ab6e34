"""Why a rule was rejected, a hint, a warning: a code with typed parameters.

Every explanation in a :class:`~accountcore.discounts.PriceQuote` is a
:class:`Reason`: a stable ``code`` and its ``params``, kept as the values
they were made from (a ``Money``, a ``Decimal`` quantity, a ``date``, a
product name as a ``str``, a translatable name as a
:class:`~accountcore.i18n.Message`). A built-in code (one of
:data:`REASON_CODES`) is the catalog message ``discounts.reason.<code>``:
:attr:`Reason.message` is that message, :meth:`Reason.render` shows it in
a locale, and :attr:`Reason.text` is its English text with each value
written plainly (``10.00 EUR``, ``2026-03-01``), as quotes have always read.

>>> from decimal import Decimal
>>> reason = Reason("quantity_short", {"quantity": Decimal(5), "minimum": Decimal(10)})
>>> reason.text
'quantity 5 is below the minimum 10'
>>> reason.render("lv_LV")
'daudzums 5 ir zem minimuma 10'

Nothing is read back out of text: a product named ``"1000"`` is a ``str``
and shows as given in every language, while a quantity of ``1000`` is a
number and follows the locale.

>>> Reason("product", {"product": "1000", "products": "drill"}).render("lv_LV")
'produkts: 1000; atļauts: drill'
"""

from __future__ import annotations

import datetime as _dt
import functools
import warnings
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from accountcore._fast import builder
from accountcore.errors import (
    ArgumentTypeError,
    MessageParameterError,
    check_items,
    check_type,
)
from accountcore.i18n import Message, Percent, translate
from accountcore.money import Money

__all__ = ["REASON_CODES", "Reason"]

_PREFIX = "discounts.reason."
_message = builder(Message)

REASON_CODES: frozenset[str] = frozenset(
    {
        # conditions
        "not_valid_yet",
        "expired",
        "code_missing",
        "code_mismatch",
        "tier",
        "kind",
        "status",
        "segment",
        "not_new_client",
        "new_client",
        "years_short",
        "years_over",
        "product",
        "category",
        "quantity_short",
        "quantity_over",
        "amount_short",
        "amount_over",
        # rules
        "tier_not_reached",
        "fixed_not_lower",
        "buy_get_short",
        "nothing_off",
        "no_eligible_line",
        # policies
        "not_best",
        "outranked",
        "excluded",
        # hints
        "more_units",
        "more_amount",
        # warnings
        "max_discount_clamped",
        "margin_floor_clamped",
        "list_below_floor",
        "negative_capped",
        "approval_not_allowed",
        # linked rules, precedence (issue 21)
        "order_quantity_short",
        "order_amount_short",
        "less_specific",
        "shadowed",
        "no_cost",
        "client",
        # loyalty levels (issue 20)
        "loyalty_level",
        "loyalty_none",
        # a scheme in several currencies (issue 21)
        "tiers_without_currency",
    }
)
"""The codes of the reasons accountcore itself gives; each is the catalog
message ``discounts.reason.<code>`` (its English text is the ``en``
catalog's).

>>> "quantity_short" in REASON_CODES
True
"""


@attrs.frozen(init=False)
class Reason:
    """A stable ``code`` with typed ``params``; :attr:`message` is English.

    ``Reason(code, params)`` makes one; it keeps its parameters as a
    :class:`~accountcore.i18n.Message` (``args``, id
    ``discounts.reason.<code>``), which is how it is stored and compared.
    An unknown code (a user's own rule may bring its own) shows its code
    and parameters, in every language. A rejection may carry more than its
    text shows, for the near-miss hint a quote derives from it:
    ``units_gap`` (a quantity) or ``amount_gap`` (``Money``) says how much
    is missing, ``target`` (a ``Message`` or ``str``) what it would reach.

    >>> Reason("tier", {"tier": "standard", "tiers": "key, vip"}).text
    'client tier is standard; the rule needs key, vip'
    >>> Reason("my_rule_said_no", {"why": "Tuesday"}).text
    'my_rule_said_no (why=Tuesday)'

    A missing parameter is named, not a bare ``KeyError``:

    >>> Reason("amount_over", {}).text
    Traceback (most recent call last):
    ...
    accountcore.errors.MessageParameterError: Message 'discounts.reason.amount_over' takes {amount}, {maximum}: missing amount, maximum.

    ``params`` is a read-only view, because one reason may serve many quotes:

    >>> Reason("tier", {"tier": "standard"}).params["tier"] = "vip"
    Traceback (most recent call last):
    ...
    TypeError: 'mappingproxy' object does not support item assignment
    """

    code: str
    args: Message

    def __init__(
        self,
        code: str,
        params: Mapping[str, object] | None = None,
        *,
        args: Message | None = None,
    ) -> None:
        check_type("code", code, str)
        if args is None:
            if params is not None:
                check_type("params", params, Mapping, "a mapping of name to value")
                check_items("params' names", params, str)
            args = Message.of(_PREFIX + code, **(params or {}))
        elif params is not None:
            raise ArgumentTypeError(
                "args", args, "None when params are given (a Reason takes one)"
            )
        elif check_type("args", args, Message).id != _PREFIX + code:
            args = Message(_PREFIX + code, args.params)
        self.__attrs_init__(code, args)

    @classmethod
    def of(cls, code: str, /, **params: object) -> Reason:
        """The reason ``code`` with ``params``: the same reason as
        ``Reason(code, params)``, made the quick way (a quote makes many).

        >>> Reason.of("tier", tier="standard", tiers="vip") == Reason("tier", {"tier": "standard", "tiers": "vip"})
        True
        """
        if cls is not Reason:
            return cls(code, params)
        return _reason(code, _message(_PREFIX + code, tuple(sorted(params.items()))))

    @property
    def params(self) -> Mapping[str, object]:
        """The parameters by name (a read-only view).

        >>> Reason("tier", {"tier": "standard", "tiers": "vip"}).params["tier"]
        'standard'
        """
        return MappingProxyType(dict(self.args.params))

    @property
    def text(self) -> str:
        """The English text of this reason, each value written plainly:
        ``Money`` as ``10.00 EUR``, numbers and dates as ``str()`` writes
        them (the ``en`` catalog's text; :meth:`render` formats them for a
        locale instead).

        >>> from accountcore.money import Money
        >>> Reason("amount_over", {"amount": Money("120.00", "EUR"), "maximum": Money("100", "EUR")}).text
        'amount 120.00 EUR is above the maximum 100 EUR'
        """
        if self.code not in REASON_CODES:
            shown = ", ".join(
                f"{name}={_plain(self.args.id, name, value)}"
                for name, value in self.args.params
            )
            return f"{self.code} ({shown})" if shown else self.code
        return _plain_message(self.message)

    @property
    def message(self) -> Message:
        """This reason as a catalog message: ``discounts.reason.<code>`` with
        the parameters its text shows; an unknown code becomes
        ``discounts.reason.custom`` showing the English :attr:`text`.

        >>> Reason("quantity_short", {"quantity": "5", "minimum": "10"}).message.id
        'discounts.reason.quantity_short'
        """
        if self.code not in REASON_CODES:
            return Message.of(f"{_PREFIX}custom", text=self.text)
        shown = _placeholders(self.args.id)
        params = self.args.params
        if all(name in shown for name, _ in params):
            return self.args
        return Message(self.args.id, tuple(p for p in params if p[0] in shown))

    @property
    def localised(self) -> Message:
        """Deprecated: the same as :attr:`message` (a ``DeprecationWarning``).

        >>> import warnings
        >>> with warnings.catch_warnings(record=True):
        ...     warnings.simplefilter("always")
        ...     Reason("tier", {"tier": "standard", "tiers": "vip"}).localised.id
        'discounts.reason.tier'
        """
        warnings.warn(
            "Reason.localised is deprecated: use Reason.message (the same Message)",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.message

    def render(self, locale: str) -> str:
        """This reason in ``locale``'s language.

        >>> from decimal import Decimal
        >>> tier = Message.of("discounts.target.tier", percent=Decimal(10))
        >>> reason = Reason("more_units", {"units": Decimal(5), "target": tier, "rule": "bulk"})
        >>> reason.render("en_US"), reason.render("ja_JP")
        ('5 more to reach the 10 tier of “bulk”', 'あと5個で「bulk」の10の段階に届きます')
        """
        return self.message.render(locale)

    def __str__(self) -> str:
        return self.text


_reason = builder(Reason)


@functools.cache
def _placeholders(message_id: str) -> frozenset[str]:
    """The parameters the ``en`` text of ``message_id`` shows: the catalog
    names them when asked to fill a message with none given."""
    try:
        translate(message_id, "en")
    except MessageParameterError as error:
        return frozenset(error.expected)
    return frozenset()


def _plain_message(message: Message) -> str:
    """``message`` in English, its values written plainly (see
    :attr:`Reason.text`)."""
    plain = tuple(
        (name, _plain(message.id, name, value)) for name, value in message.params
    )
    return Message(message.id, plain).render("en")


def _plain(message_id: str, name: str, value: object) -> str:
    """One parameter as the English text of a quote writes it."""
    kind = type(value)
    if kind is str:
        return value  # type: ignore[return-value]
    if kind is Message:
        return _plain_message(value)  # type: ignore[arg-type]
    if kind is tuple:
        items: tuple[object, ...] = value  # type: ignore[assignment]
        return ", ".join(_plain(message_id, name, item) for item in items)
    if kind is Percent:
        return value.format("en")  # type: ignore[attr-defined,no-any-return]
    if kind in (int, Decimal, Money) or isinstance(value, _dt.date):
        return str(value)
    raise MessageParameterError(
        message_id,
        (),
        detail=f"{name}={value!r} cannot be shown; pass a str, int, Decimal, "
        "Money, date, Percent or Message",
    )


@functools.cache
def _english_templates() -> Mapping[str, str]:
    """The ``en`` catalog's text of every built-in code, its placeholders
    left in (``{quantity}``)."""
    templates = {}
    for code in sorted(REASON_CODES):
        message_id = _PREFIX + code
        holes = {name: f"{{{name}}}" for name in _placeholders(message_id)}
        templates[code] = translate(message_id, "en", **holes)
    return MappingProxyType(templates)


def _deprecated_templates(stacklevel: int) -> Mapping[str, str]:
    """The deprecated ``REASON_TEMPLATES``: warn, then the ``en`` view."""
    warnings.warn(
        "accountcore.discounts.REASON_TEMPLATES is deprecated: the English "
        "text of a reason is the en catalog's (discounts.reason.<code>); use "
        "Reason(code, params).text, or REASON_CODES for the codes",
        DeprecationWarning,
        stacklevel=stacklevel + 1,
    )
    return _english_templates()


def __getattr__(name: str) -> Any:
    """``REASON_TEMPLATES`` still resolves for one release, with a
    ``DeprecationWarning``: a read-only view of the ``en`` catalog's texts
    by code (it is no longer where the English comes from)."""
    if name != "REASON_TEMPLATES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return _deprecated_templates(stacklevel=2)
