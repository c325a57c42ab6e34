"""Quota reviews: from a run of period attainments, an account manager's
standing (good, warning, probation, dismissal recommended) and the reasons.

The names are re-exported by :mod:`accountcore.quotas.quota`.

>>> import datetime
>>> from accountcore.money import Money
>>> from accountcore.periods import Period
>>> from accountcore.quotas.quota import Quota, attainment
>>> run = [attainment(Quota("ana", Period.month(2026, m), Money("100", "EUR")), Money("50", "EUR")) for m in (1, 2)]
>>> QuotaReview(ReviewPolicy()).assess(run).standing
<Standing.PROBATION: 'probation'>
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal

import attrs

from accountcore.errors import ArgumentTypeError, check_items, check_type
from accountcore.i18n import N_, Message, Percent
from accountcore.money import to_decimal
from accountcore.periods import FiscalCalendar, Period
from accountcore.pipeline import Deal, DealType, Outcome
from accountcore.quotas.errors import QuotaDefinitionError, QuotaReviewInputError
from accountcore.quotas.quota import Attainment

__all__ = ["QuotaReview", "QuotaStanding", "ReviewPolicy", "Standing"]

_ONE = Decimal(1)


def _miss_below(value: object) -> Decimal:
    return to_decimal(value, "miss_below")


# --- review -----------------------------------------------------------------


class Standing(enum.Enum):
    """An account manager's standing against quota.

    >>> Standing("probation")
    <Standing.PROBATION: 'probation'>
    """

    GOOD = "good"
    WARNING = "warning"
    PROBATION = "probation"
    DISMISSAL_RECOMMENDED = "dismissal_recommended"


def _positive_int(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, int) and value >= 1


@attrs.frozen
class ReviewPolicy:
    """When misses lead to a warning, probation and a dismissal recommendation.

    A period is a *miss* when its ratio is below ``miss_below``.
    ``warning_after`` consecutive misses give a warning, ``probation_after``
    put the owner on probation; on probation, ``dismissal_after`` misses
    (consecutive or not) recommend dismissal, and ``probation_ends_after``
    consecutive met periods end it.

    >>> ReviewPolicy(miss_below=Decimal("0.9")).probation_after
    2
    >>> ReviewPolicy(warning_after=3, probation_after=2, dismissal_after=0)
    Traceback (most recent call last):
    ...
    accountcore.quotas.errors.QuotaDefinitionError: ReviewPolicy is invalid (2 faults):
      - dismissal_after must be an int of at least 1, got 0
      - warning_after (3) must not exceed probation_after (2)
    """

    miss_below: Decimal = attrs.field(default=_ONE, converter=_miss_below)
    warning_after: int = 1
    probation_after: int = 2
    dismissal_after: int = 2
    probation_ends_after: int = 2

    def __attrs_post_init__(self) -> None:
        faults = []
        if self.miss_below <= 0:
            faults.append(f"miss_below must be positive, got {self.miss_below}")
        for name in (
            "warning_after",
            "probation_after",
            "dismissal_after",
            "probation_ends_after",
        ):
            value = getattr(self, name)
            if not _positive_int(value):
                faults.append(f"{name} must be an int of at least 1, got {value!r}")
        if (
            _positive_int(self.warning_after)
            and _positive_int(self.probation_after)
            and self.warning_after > self.probation_after
        ):
            faults.append(
                f"warning_after ({self.warning_after}) must not exceed "
                f"probation_after ({self.probation_after})"
            )
        if faults:
            raise QuotaDefinitionError("ReviewPolicy", faults)


@attrs.frozen
class QuotaStanding:
    """The verdict of a review: the standing and the reasons for it.

    ``reasons`` are English; ``messages`` hold the same reasons as catalog
    messages (ids under ``quotas.review.``), shown in any of the six
    languages by :meth:`render`. ``repeat_orders`` is the count of repeat
    orders the review was given or counted (``None`` when it had none).

    >>> QuotaStanding(Standing.GOOD, ()).standing.value
    'good'
    """

    standing: Standing
    reasons: tuple[str, ...]
    messages: tuple[Message, ...] = ()
    repeat_orders: int | None = None

    def render(self, locale: str) -> list[str]:
        """The reasons in ``locale``'s language, one line each.

        >>> from accountcore.money import Money
        >>> from accountcore.periods import Period
        >>> from accountcore.quotas.quota import Quota, attainment
        >>> q = lambda m: Quota("ana", Period.month(2026, m), Money("100", "EUR"))
        >>> run = [attainment(q(m), Money(x, "EUR")) for m, x in ((1, "80"), (2, "70"))]
        >>> for line in QuotaReview(ReviewPolicy()).assess(run).render("lv_LV"):
        ...     print(line)
        2026-01: plāna izpilde 80%, zem 100% (1 neizpilde pēc kārtas): brīdinājums
        2026-02: plāna izpilde 70%, zem 100% (2 neizpildes pēc kārtas): darba rezultātu uzlabošanas periods
        """
        return [message.render(locale) for message in self.messages]


def _percent(ratio: Decimal) -> str:
    text = f"{ratio * 100:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _label(item: Attainment, index: int) -> str:
    return str(item.period) if item.period is not None else f"period {index + 1}"


def _period(item: Attainment, index: int) -> object:
    if item.period is not None:
        return str(item.period)
    return Message.of("quotas.review.period", number=index + 1)


_STANDING_IDS = {
    Standing.GOOD: "quotas.standing.good",
    Standing.WARNING: "quotas.standing.warning",
    Standing.PROBATION: "quotas.standing.probation",
    Standing.DISMISSAL_RECOMMENDED: "quotas.standing.dismissal_recommended",
}


@attrs.frozen
class QuotaReview:
    """Reads a run of period attainments and returns a standing, nothing more.

    >>> from accountcore.money import Money
    >>> from accountcore.periods import Period
    >>> from accountcore.quotas.quota import Quota, attainment
    >>> q = lambda m: Quota("ana", Period.month(2026, m), Money("100", "EUR"))
    >>> run = [attainment(q(m), Money(x, "EUR")) for m, x in ((1, "80"), (2, "70"), (3, "120"))]
    >>> verdict = QuotaReview(ReviewPolicy()).assess(run)
    >>> verdict.standing
    <Standing.PROBATION: 'probation'>
    >>> print("\\n".join(verdict.reasons))
    2026-01: 80% of quota, below 100% (1 miss in a row): warning
    2026-02: 70% of quota, below 100% (2 misses in a row): performance improvement period
    2026-03: 120% of quota, met (periods met towards ending the improvement period: 1 of 2)
    """

    policy: ReviewPolicy = attrs.field(factory=ReviewPolicy)

    def assess(
        self,
        attainments: Iterable[Attainment],
        *,
        repeat_orders: int | None = None,
        deals: Iterable[Deal] | None = None,
        owner: str | None = None,
        calendar: FiscalCalendar | None = None,
    ) -> QuotaStanding:
        """The standing after ``attainments`` (sorted by period when known).

        Repeat orders feed the review: give their count as
        ``repeat_orders``, or give the ``deals`` and the ``owner`` and the
        review counts the owner's repeat orders (deal type ``repeat_order``)
        won in the periods it read (a shared deal counts for each of its
        owners; the close day taken in ``calendar``'s timezone, UTC by
        default). The count is the last reason, saying where it came from;
        it informs the verdict and does not change the standing.

        >>> import pendulum
        >>> from accountcore.money import Money
        >>> from accountcore.pipeline import Pipeline
        >>> from accountcore.quotas.quota import Quota, attainment
        >>> p, t0 = Pipeline.default(), pendulum.datetime(2026, 1, 5, tz="UTC")
        >>> def won(id, kind, day):
        ...     d = p.new_deal(id, client_id="C", owner="ana", at=t0, by="ana", deal_type=kind)
        ...     return p.advance(d, "contract_signed", at=t0.add(days=day), by="ana",
        ...                      force=True, reason="signed")
        >>> deals = [won("D-1", "repeat_order", 3), won("D-2", "repeat_order", 40),
        ...          won("D-3", "renewal", 10), won("D-4", "repeat_order", 90)]
        >>> run = [attainment(Quota("ana", Period.month(2026, m), Money("100", "EUR")),
        ...                   Money("100", "EUR")) for m in (1, 2)]
        >>> # repeat orders won in January and February: D-1 (8 Jan), D-2 (14 Feb);
        >>> # D-3 is a renewal, D-4 closed on 5 April
        >>> verdict = QuotaReview().assess(run, deals=deals, owner="ana")
        >>> verdict.repeat_orders, verdict.reasons[-1]
        (2, '2 repeat orders won in the periods reviewed (counted from the deals)')
        >>> QuotaReview().assess(run, repeat_orders=1).render("et_EE")[-1]
        '1 kordustellimus ülevaadatud perioodidel (esitatud arv)'
        """
        items = list(attainments)
        if all(item.period is not None for item in items):
            items.sort(key=lambda item: item.period.start)  # type: ignore[union-attr]
        _check_repeat_args(repeat_orders, deals, owner, items)
        miss_below = self.policy.miss_below
        review = _Review(self.policy)
        read: list[Period] = []
        for index, item in enumerate(items):
            if review.standing is Standing.DISMISSAL_RECOMMENDED:
                break
            if item.period is not None:
                read.append(item.period)
            if item.ratio < miss_below:
                review.missed(item, index)
            else:
                review.met(item, index)
        if deals is not None:
            repeat_orders = _repeat_orders(deals, str(owner), read, calendar)
        if repeat_orders is not None:
            said = _REPEAT_GIVEN if deals is None else _REPEAT_COUNTED
            message = Message.of(said, count=repeat_orders)
            review.messages.append(message)
            review.reasons.append(message.render("en"))
        return QuotaStanding(
            review.standing,
            tuple(review.reasons),
            tuple(review.messages),
            repeat_orders,
        )


_REPEAT_GIVEN = N_("quotas.review.repeat_orders")
_REPEAT_COUNTED = N_("quotas.review.repeat_orders_counted")


def _check_repeat_args(
    repeat_orders: object, deals: object, owner: object, items: list[Attainment]
) -> None:
    """The repeat-order arguments of :meth:`QuotaReview.assess`: a count,
    or deals with their owner over attainments of known periods."""
    if repeat_orders is not None:
        if isinstance(repeat_orders, bool) or not isinstance(repeat_orders, int):
            raise ArgumentTypeError(
                "repeat_orders", repeat_orders, "a count (an int of 0 or more)"
            )
        if repeat_orders < 0:
            raise QuotaReviewInputError(
                "repeat_orders", repeat_orders, "a count is 0 or more"
            )
        if deals is not None:
            raise QuotaReviewInputError(
                "deals", deals, "give the repeat-order count or the deals, not both"
            )
    if deals is None:
        return
    check_type("owner", owner, str, "the owner whose deals to count (a str)")
    for item in items:
        if item.period is None:
            raise QuotaReviewInputError(
                "attainments",
                item,
                "counting repeat orders from deals needs the period of every attainment",
            )


def _repeat_orders(
    deals: Iterable[Deal],
    owner: str,
    periods: list[Period],
    calendar: FiscalCalendar | None,
) -> int:
    """How many of ``owner``'s repeat orders were won in one of ``periods``."""
    cal = calendar if calendar is not None else FiscalCalendar()
    found = 0
    for deal in check_items("deals", deals, Deal):
        if (
            deal.deal_type is not DealType.REPEAT_ORDER
            or deal.outcome is not Outcome.WON
        ):
            continue
        owners = {split.owner for split in deal.splits} or {deal.owner}
        if deal.closed_at is None or owner not in owners:
            continue
        day = cal.date_of(deal.closed_at)
        if any(period.contains(day) for period in periods):
            found += 1
    return found


class _Review:
    """One assessment under way: the standing, the runs of misses and met
    periods behind it, and a reason (text and message) per period read."""

    __slots__ = (
        "below",
        "limit",
        "messages",
        "misses",
        "policy",
        "probation_hits",
        "probation_misses",
        "reasons",
        "standing",
    )

    def __init__(self, policy: ReviewPolicy) -> None:
        self.policy = policy
        self.standing = Standing.GOOD
        self.misses = 0
        self.probation_misses = 0
        self.probation_hits = 0
        self.reasons: list[str] = []
        self.messages: list[Message] = []
        self.limit = _percent(policy.miss_below)
        self.below = Percent(policy.miss_below)

    def _say(
        self,
        message_id: str,
        item: Attainment,
        index: int,
        **params: object,
    ) -> None:
        """Note the period's reason, as a message and as its English text
        (the ``en`` catalog's, so the two never differ)."""
        shown = Decimal(f"{item.ratio * 100:.0f}") / 100
        message = Message.of(
            message_id,
            period=_period(item, index),
            ratio=Percent(shown),
            **params,
        )
        self.messages.append(message)
        self.reasons.append(message.render("en"))

    def missed(self, item: Attainment, index: int) -> None:
        """A period below quota: one more miss in a row, and the standing
        it leads to (on probation, see :meth:`_missed_on_probation`)."""
        self.misses += 1
        self.probation_hits = 0
        if self.standing is Standing.PROBATION:
            self._missed_on_probation(item, index)
            return
        policy = self.policy
        misses = self.misses
        if misses >= policy.probation_after:
            self.standing = Standing.PROBATION
            self.probation_misses = 0
        elif misses >= policy.warning_after:
            self.standing = Standing.WARNING
        self._say(
            "quotas.review.missed",
            item,
            index,
            limit=self.below,
            count=misses,
            standing=Message.of(_STANDING_IDS[self.standing]),
        )

    def _missed_on_probation(self, item: Attainment, index: int) -> None:
        """A miss on probation: dismissal recommended after enough of them."""
        self.probation_misses += 1
        misses = self.probation_misses
        needed = self.policy.dismissal_after
        if misses >= needed:
            self.standing = Standing.DISMISSAL_RECOMMENDED
            self._say(
                "quotas.review.dismissal",
                item,
                index,
                limit=self.below,
                misses=misses,
            )
            return
        self._say(
            "quotas.review.probation_miss",
            item,
            index,
            limit=self.below,
            misses=misses,
            needed=needed,
        )

    def met(self, item: Attainment, index: int) -> None:
        """A period at or above quota: the run of misses ends; on probation,
        one more met period towards its end."""
        self.misses = 0
        if self.standing is not Standing.PROBATION:
            self.standing = Standing.GOOD
            self._say("quotas.review.met", item, index)
            return
        self.probation_hits += 1
        hits = self.probation_hits
        needed = self.policy.probation_ends_after
        if hits >= needed:
            self.standing = Standing.GOOD
            self.probation_misses = 0
            self.probation_hits = 0
            self._say(
                "quotas.review.probation_ends",
                item,
                index,
            )
            return
        self._say(
            "quotas.review.probation_hit",
            item,
            index,
            hits=hits,
            needed=needed,
        )
