"""The published measures behind the scorecard: the payment index and Altman's Z.

Payment index
-------------
Days beyond terms map to an index from 1 to 100 through four anchor points,
linear between them: 30 days early → 100, on time → 80, 30 days late → 50,
120 days late → 20. Outside the anchors the nearest segment's slope goes on
and the index is clamped to 1..100 (so a payer 177 days late or worse is 1,
and anything earlier than 30 days early is 100). The index keeps two
decimals (half-even).

>>> [str(payment_index(d)) for d in (-30, 0, 30, 120)]
['100.00', '80.00', '50.00', '20.00']

Altman Z
--------
Source: E. I. Altman, "Predicting Financial Distress of Companies: Revisiting
the Z-Score and ZETA Models", Stern School of Business, New York University,
July 2000 (the 1995 revision for private and non-manufacturing firms).

* Z'' (private and non-manufacturing firms):
  ``Z'' = 6.56·X1 + 3.26·X2 + 6.72·X3 + 1.05·X4``;
  safe above 2.60, grey from 1.10 to 2.60, distress below 1.10.
* Z' (private manufacturing firms):
  ``Z' = 0.717·X1 + 0.847·X2 + 3.107·X3 + 0.420·X4 + 0.998·X5``;
  safe above 2.90, grey from 1.23 to 2.90, distress below 1.23.

with X1 = working capital / total assets, X2 = retained earnings / total
assets, X3 = EBIT / total assets, X4 = book equity / total liabilities,
X5 = sales / total assets. Boundary rule: a value exactly on a cut-off is in
the grey zone (the grey zone is closed at both ends; safe and distress are
strict inequalities, as Altman states them).

>>> AltmanModel.Z_DOUBLE_PRIME.zone_of(Decimal("2.60")), AltmanModel.Z_DOUBLE_PRIME.zone_of(Decimal("2.61"))
(<AltmanZone.GREY: 'grey'>, <AltmanZone.SAFE: 'safe'>)
"""

from __future__ import annotations

import datetime as _dt
import enum
import itertools
from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, Decimal

import attrs

from accountcore._fast import builder
from accountcore.money import to_decimal
from accountcore.reliability.profile import FinancialStatements, PaymentRecord

__all__ = [
    "PAYMENT_ANCHORS",
    "AltmanModel",
    "AltmanScore",
    "AltmanZone",
    "altman_z",
    "days_beyond_terms",
    "payment_index",
]

_CENT = Decimal("0.01")
_ONE = Decimal(1)
_HUNDRED = Decimal(100)

PAYMENT_ANCHORS: tuple[tuple[int, int], ...] = (
    (-30, 100),
    (0, 80),
    (30, 50),
    (120, 20),
)
"""``(days beyond terms, index)`` anchor points of the payment index.

>>> dict(PAYMENT_ANCHORS)[0]
80
"""

# slopes of the first and last segments, used to extrapolate outside them
_SLOPES = tuple(
    Decimal(i2 - i1) / Decimal(d2 - d1)
    for (d1, i1), (d2, i2) in itertools.pairwise(PAYMENT_ANCHORS)
)


def payment_index(days: Decimal | int) -> Decimal:
    """The payment index (1–100, two decimals) for amount-weighted days beyond terms.

    ``days`` is a ``Decimal``, an ``int`` or a numeric ``str`` within the
    bounds of :func:`~accountcore.money.to_decimal`; anything else is an
    :class:`~accountcore.errors.InvalidAmountError` or
    :class:`~accountcore.errors.AmountTypeError` naming it.

    >>> payment_index(15), payment_index(-45), payment_index(200), payment_index(Decimal("75"))
    (Decimal('65.00'), Decimal('100.00'), Decimal('1.00'), Decimal('35.00'))
    >>> payment_index("0x10")
    Traceback (most recent call last):
    ...
    accountcore.errors.InvalidAmountError: days must be a finite decimal number, got '0x10'.
    """
    days = to_decimal(days, "days")
    anchors = PAYMENT_ANCHORS
    last = len(anchors) - 2
    segment = 0
    while segment < last and days > anchors[segment + 1][0]:
        segment += 1
    start_days, start_index = anchors[segment]
    value = start_index + _SLOPES[segment] * (days - start_days)
    value = max(_ONE, min(_HUNDRED, value))
    return value.quantize(_CENT, rounding=ROUND_HALF_EVEN)


def days_beyond_terms(
    records: Iterable[PaymentRecord], on: _dt.date
) -> tuple[Decimal | None, int]:
    """Amount-weighted days beyond terms as known on ``on``, and the records counted.

    Each counted invoice weighs by its amount: ``Σ(amount·days) / Σ amount``.
    Invoices issued after ``on`` and open invoices not yet due tell nothing
    and are not counted; open invoices past due count as late up to ``on``.

    >>> import datetime as dt
    >>> from accountcore.money import Money
    >>> records = [
    ...     PaymentRecord(Money("1000", "EUR"), dt.date(2026, 1, 1), dt.date(2026, 1, 31), dt.date(2026, 2, 10)),
    ...     PaymentRecord(Money("3000", "EUR"), dt.date(2026, 2, 1), dt.date(2026, 3, 3), dt.date(2026, 3, 3)),
    ... ]
    >>> days_beyond_terms(records, dt.date(2026, 6, 1))  # (1000·10 + 3000·0) / 4000
    (Decimal('2.5'), 2)
    """
    weighted = Decimal(0)
    total = Decimal(0)
    count = 0
    for record in records:
        issued = record.issued
        if issued > on:
            continue
        paid = record.paid
        if paid is not None and paid <= on:
            days = (paid - record.due).days
        elif on > record.due:
            days = (on - record.due).days
        else:
            continue
        amount = record.amount.amount
        weighted += amount * days
        total += amount
        count += 1
    if not count:
        return None, 0
    return weighted / total, count


class AltmanZone(enum.Enum):
    """Altman's discrimination zones.

    >>> AltmanZone("distress")
    <AltmanZone.DISTRESS: 'distress'>
    """

    SAFE = "safe"
    GREY = "grey"
    DISTRESS = "distress"


class AltmanModel(enum.Enum):
    """Which Altman model: Z'' (non-manufacturing) or Z' (manufacturing).

    >>> AltmanModel.Z_PRIME.cutoffs
    (Decimal('1.23'), Decimal('2.90'))
    """

    Z_DOUBLE_PRIME = "z_double_prime"
    Z_PRIME = "z_prime"

    @property
    def label(self) -> str:
        """The model's usual name (``Z''`` or ``Z'``)."""
        return "Z''" if self is AltmanModel.Z_DOUBLE_PRIME else "Z'"

    @property
    def cutoffs(self) -> tuple[Decimal, Decimal]:
        """``(distress below, safe above)`` per Altman (2000)."""
        if self is AltmanModel.Z_DOUBLE_PRIME:
            return _ZPP_CUTS
        return _ZP_CUTS

    def zone_of(self, z: Decimal) -> AltmanZone:
        """The zone of ``z``; a value exactly on a cut-off is grey."""
        low, high = self.cutoffs
        if z > high:
            return AltmanZone.SAFE
        if z < low:
            return AltmanZone.DISTRESS
        return AltmanZone.GREY


# Altman (2000), Z'' for private non-manufacturers (1995 revision).
_ZPP: tuple[Decimal, ...] = (
    Decimal("6.56"),
    Decimal("3.26"),
    Decimal("6.72"),
    Decimal("1.05"),
)
_ZPP_CUTS = (Decimal("1.10"), Decimal("2.60"))
# Altman (2000), Z' for private manufacturing firms (book equity in X4).
_ZP: tuple[Decimal, ...] = (
    Decimal("0.717"),
    Decimal("0.847"),
    Decimal("3.107"),
    Decimal("0.420"),
    Decimal("0.998"),
)
_ZP_CUTS = (Decimal("1.23"), Decimal("2.90"))


@attrs.frozen
class AltmanScore:
    """An Altman Z with its model, zone and ratios (X1… as exact Decimals).

    >>> from accountcore.money import Money
    >>> eur = lambda amount: Money(amount, "EUR")
    >>> score = altman_z(FinancialStatements(
    ...     current_assets=eur("400000"), current_liabilities=eur("250000"),
    ...     total_assets=eur("1000000"), total_liabilities=eur("550000"),
    ...     retained_earnings=eur("200000"), ebit=eur("80000"), book_equity=eur("450000"),
    ... ))
    >>> score.model.label, score.z.quantize(Decimal("0.0001")), score.zone
    ("Z''", Decimal('3.0327'), <AltmanZone.SAFE: 'safe'>)
    """

    model: AltmanModel
    z: Decimal
    zone: AltmanZone
    ratios: tuple[Decimal, ...]


_altman = builder(AltmanScore)


def altman_z(
    financials: FinancialStatements, *, manufacturing: bool = False
) -> AltmanScore | None:
    """Altman's Z'' (or Z' when ``manufacturing``) from ``financials``.

    ``None`` when a figure the model needs is missing, or when total assets
    or total liabilities are zero (a ratio would be undefined). Z'' needs
    current assets and liabilities, total assets and liabilities, retained
    earnings, EBIT and book equity; Z' needs sales as well.

    >>> altman_z(FinancialStatements()) is None
    True
    """
    f = financials
    needed = (
        f.current_assets,
        f.current_liabilities,
        f.total_assets,
        f.total_liabilities,
        f.retained_earnings,
        f.ebit,
        f.book_equity,
    )
    if None in needed:
        return None
    if manufacturing and f.sales is None:
        return None
    ca, cl, ta, tl, re, ebit, be = (value.amount for value in needed)  # type: ignore[union-attr]
    if not ta or not tl:
        return None
    ratios = [(ca - cl) / ta, re / ta, ebit / ta, be / tl]
    if manufacturing:
        ratios.append(f.sales.amount / ta)  # type: ignore[union-attr]
        model = AltmanModel.Z_PRIME
        weights = _ZP
    else:
        model = AltmanModel.Z_DOUBLE_PRIME
        weights = _ZPP
    z = Decimal(0)
    for weight, ratio in zip(weights, ratios, strict=True):
        z += weight * ratio
    return _altman(model, z, model.zone_of(z), tuple(ratios))
