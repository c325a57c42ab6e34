"""Credit terms per band, and the check that an order fits the credit limit.

A :class:`CreditPolicy` gives each band its terms: the maximum payment days,
the share of an order to prepay, and the shares of tangible net worth and of
annual revenue that cap the credit limit. The limit recommended is the
smallest of the requested need and those caps, in the client's currency,
rounded down to the minor unit.

>>> import datetime as dt
>>> from accountcore.money import Money
>>> from accountcore.reliability.profile import ClientProfile, FinancialStatements
>>> from accountcore.reliability.scorecard import Scorecard
>>> profile = ClientProfile(
...     "EUR",
...     annual_revenue=Money("2000000", "EUR"),
...     financials=FinancialStatements(tangible_net_worth=Money("300000", "EUR")),
... )
>>> score = Scorecard.default().score(profile, on=dt.date(2026, 6, 30))
>>> terms = CreditPolicy.default().recommend(score, profile, requested=Money("50000", "EUR"))
>>> terms.band, terms.max_payment_days, terms.prepayment_share, terms.credit_limit, terms.limited_by
('C', 30, Decimal('0.20'), Money('15000.00', 'EUR'), 'net_worth')
>>> terms.check(Money("10000", "EUR"), exposure=Money("8000", "EUR")).fits  # 8000 + 80 % of 10000 > 15000
False
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import attrs

from accountcore.errors import (
    ArgumentTypeError,
    CurrencyMismatchError,
    DefinitionError,
    check_type,
)
from accountcore.money import Money, to_decimal
from accountcore.reliability.messages import limited_by_message
from accountcore.reliability.profile import ClientProfile
from accountcore.reliability.scorecard import ReliabilityScore

__all__ = ["BandTerms", "CreditPolicy", "CreditTerms", "ExposureCheck"]

_ZERO = Decimal(0)
_ONE = Decimal(1)


def _prepayment_share(value: object) -> Decimal:
    return to_decimal(value, "prepayment_share")


def _net_worth_share(value: object) -> Decimal:
    return to_decimal(value, "net_worth_share")


def _revenue_share(value: object) -> Decimal:
    return to_decimal(value, "revenue_share")


def _band_terms(value: Iterable[BandTerms]) -> tuple[BandTerms, ...]:
    return tuple(value)


@attrs.frozen
class BandTerms:
    """The terms one band earns.

    >>> BandTerms("A", 60, 0, "0.10", "0.10").net_worth_share
    Decimal('0.10')
    """

    band: str
    max_payment_days: int
    prepayment_share: Decimal = attrs.field(converter=_prepayment_share)
    net_worth_share: Decimal = attrs.field(converter=_net_worth_share)
    revenue_share: Decimal = attrs.field(converter=_revenue_share)


@attrs.frozen
class ExposureCheck:
    """Whether an order fits the credit limit, and by how much.

    ``credit_needed`` is the part of the order not prepaid (rounded to the
    minor unit); the order fits when current exposure plus that part stays
    within the limit.

    >>> terms = CreditTerms("B", 45, Decimal(0), Money("1000", "EUR"), "requested")
    >>> check = terms.check(Money("400", "EUR"), exposure=Money("700", "EUR"))
    >>> check.fits, check.headroom, check.excess
    (False, Money('300', 'EUR'), Money('100.00', 'EUR'))
    """

    order: Money
    credit_needed: Money
    exposure: Money
    limit: Money
    fits: bool
    headroom: Money
    excess: Money


@attrs.frozen
class CreditTerms:
    """Recommended terms: band, payment days, prepayment share, credit limit.

    ``limited_by`` names what set the limit: ``requested``, ``net_worth``,
    ``revenue``, or ``no_basis`` when neither net worth nor revenue is known
    (the limit is then zero: no credit without a basis).

    >>> CreditTerms("E", 0, Decimal(1), Money("0", "EUR"), "net_worth").credit_limit
    Money('0', 'EUR')
    """

    band: str
    max_payment_days: int
    prepayment_share: Decimal
    credit_limit: Money
    limited_by: str

    def note(self, locale: str) -> str:
        """What set the credit limit, in ``locale``'s language.

        >>> CreditTerms("C", 30, Decimal(0), Money("0", "EUR"), "no_basis").note("lv_LV")
        'Bez kredīta: nav zināma ne neto vērtība, ne apgrozījums.'
        """
        return limited_by_message(self.limited_by).render(locale)

    def check(self, order: Money, *, exposure: Money | None = None) -> ExposureCheck:
        """Does ``order`` fit on top of the current ``exposure`` (default none)?"""
        limit = self.credit_limit
        if check_type("order", order, Money, "non-negative Money").amount < 0:
            raise ArgumentTypeError("order", order, "non-negative Money")
        if exposure is not None:
            check_type("exposure", exposure, Money)
        if order.currency != limit.currency:
            raise CurrencyMismatchError("check", order, limit)
        current = Money.zero(limit.currency) if exposure is None else exposure
        if current.currency != limit.currency:
            raise CurrencyMismatchError("check", current, limit)
        needed = (order * (_ONE - self.prepayment_share)).rounded(ROUND_HALF_UP)
        total = current + needed
        fits = total <= limit
        over = total - limit
        excess = over if over.amount > 0 else Money.zero(limit.currency)
        return ExposureCheck(
            order, needed, current, limit, fits, limit - current, excess
        )


DEFAULT_TERMS = (
    BandTerms("A", 60, "0", "0.10", "0.10"),
    BandTerms("B", 45, "0", "0.075", "0.075"),
    BandTerms("C", 30, "0.20", "0.05", "0.05"),
    BandTerms("D", 14, "0.50", "0.02", "0.02"),
    BandTerms("E", 0, "1", "0", "0"),
)


@attrs.frozen
class CreditPolicy:
    """Terms per band; validated when built (every fault listed).

    Default: A 60 days, no prepayment, 10 % of net worth or revenue; B 45
    days, 7.5 %; C 30 days, 20 % prepaid, 5 %; D 14 days, 50 % prepaid,
    2 %; E prepayment only, no credit.

    >>> CreditPolicy("bad", (BandTerms("A", -1, "1.5", "0", "0"), BandTerms("A", 10, "0", "0", "0")))
    Traceback (most recent call last):
    ...
    accountcore.errors.DefinitionError: CreditPolicy 'bad' is invalid (3 faults):
      - band 'A': max_payment_days=-1 must be a non-negative int
      - band 'A': prepayment_share=1.5 must be from 0 to 1
      - band 'A' has terms 2 times
    """

    name: str
    terms: tuple[BandTerms, ...] = attrs.field(converter=_band_terms)

    def __attrs_post_init__(self) -> None:
        faults: list[str] = []
        for terms in self.terms:
            if type(terms.max_payment_days) is not int or terms.max_payment_days < 0:
                faults.append(
                    f"band {terms.band!r}: max_payment_days={terms.max_payment_days!r} "
                    "must be a non-negative int"
                )
            if not 0 <= terms.prepayment_share <= 1:
                faults.append(
                    f"band {terms.band!r}: prepayment_share={terms.prepayment_share} "
                    "must be from 0 to 1"
                )
            for name in ("net_worth_share", "revenue_share"):
                share = getattr(terms, name)
                if share < 0:
                    faults.append(f"band {terms.band!r}: {name}={share} is negative")
        labels = [terms.band for terms in self.terms]
        faults.extend(
            f"band {label!r} has terms {labels.count(label)} times"
            for label in sorted(set(labels))
            if labels.count(label) > 1
        )
        if not self.terms:
            faults.append("no terms")
        if faults:
            raise DefinitionError(f"CreditPolicy {self.name!r}", faults)

    @classmethod
    def default(cls) -> CreditPolicy:
        """The built-in policy for bands A–E (see the class docstring)."""
        return cls("default", DEFAULT_TERMS)

    def terms_for(self, band: str) -> BandTerms:
        """The terms of ``band``.

        >>> CreditPolicy.default().terms_for("Z")
        Traceback (most recent call last):
        ...
        accountcore.errors.DefinitionError: CreditPolicy 'default' is invalid (1 fault):
          - no terms for band 'Z' (bands: A, B, C, D, E)
        """
        for terms in self.terms:
            if terms.band == band:
                return terms
        known = ", ".join(terms.band for terms in self.terms)
        raise DefinitionError(
            f"CreditPolicy {self.name!r}",
            [f"no terms for band {band!r} (bands: {known})"],
        )

    def recommend(
        self, score: ReliabilityScore, profile: ClientProfile, *, requested: Money
    ) -> CreditTerms:
        """Terms for ``score``'s band, the limit capped by ``profile``'s figures.

        Revenue is ``profile.annual_revenue``, else the statements' sales. A
        negative tangible net worth caps the limit at zero.
        """
        check_type("score", score, ReliabilityScore)
        currency = check_type("profile", profile, ClientProfile).currency
        check_type("requested", requested, Money)
        if requested.currency != currency:
            raise CurrencyMismatchError(
                "cap", requested, f"the profile's currency {currency}"
            )
        terms = self.terms_for(score.band)
        caps: list[tuple[str, Money]] = [("requested", requested)]
        financials = profile.financials
        worth = financials.tangible_net_worth if financials else None
        revenue = profile.annual_revenue
        if revenue is None and financials is not None:
            revenue = financials.sales
        if worth is not None:
            base = worth if worth.amount > 0 else Money.zero(currency)
            caps.append(("net_worth", base * terms.net_worth_share))
        if revenue is not None:
            caps.append(("revenue", revenue * terms.revenue_share))
        if len(caps) == 1:
            caps = [("no_basis", Money.zero(currency))]
        reason, limit = min(caps, key=lambda cap: cap[1].amount)
        limit = limit.rounded(ROUND_DOWN)
        if limit.amount < 0:
            limit = Money.zero(currency)
        return CreditTerms(
            terms.band, terms.max_payment_days, terms.prepayment_share, limit, reason
        )
