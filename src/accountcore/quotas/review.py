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

from accountcore.i18n import Message, Percent
from accountcore.money import to_decimal
from accountcore.quotas.errors import QuotaDefinitionError
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
    languages by :meth:`render`.

    >>> QuotaStanding(Standing.GOOD, ()).standing.value
    'good'
    """

    standing: Standing
    reasons: tuple[str, ...]
    messages: tuple[Message, ...] = ()

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

    def assess(self, attainments: Iterable[Attainment]) -> QuotaStanding:
        """The standing after ``attainments`` (sorted by period when known)."""
        items = list(attainments)
        if all(item.period is not None for item in items):
            items.sort(key=lambda item: item.period.start)  # type: ignore[union-attr]
        miss_below = self.policy.miss_below
        review = _Review(self.policy)
        for index, item in enumerate(items):
            if review.standing is Standing.DISMISSAL_RECOMMENDED:
                break
            if item.ratio < miss_below:
                review.missed(item, index)
            else:
                review.met(item, index)
        return QuotaStanding(
            review.standing, tuple(review.reasons), tuple(review.messages)
        )


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
