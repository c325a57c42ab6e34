"""Requirements a deal must meet to enter a stage or make a move.

A requirement is any object with a ``name`` and an ``unmet(deal, target,
reason)`` method that returns ``None`` when the deal meets it and a short
explanation when it does not. Pipelines name requirements (so a pipeline
serialises as data) and find them in a :class:`RequirementRegistry`; the
builtin ones are in :data:`REQUIREMENTS`, and you register your own next to
them. Nothing is ever evaluated from a string.

>>> import attrs
>>> @attrs.frozen
... class HasBudgetOwner:
...     name: str = "has_budget_owner"
...     def unmet(self, deal, target, reason):
...         return None if deal.contacts else "the client's budget owner is not known"
>>> registry = RequirementRegistry.builtin().with_(HasBudgetOwner())
>>> registry.names()
('amount_positive', 'has_amount', 'has_budget_owner', 'has_contact', 'has_expected_close', 'lost_reason_given', 'splits_sum_to_one')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Protocol, runtime_checkable

import attrs

from accountcore.errors import DefinitionError
from accountcore.pipeline.deal import Deal
from accountcore.pipeline.errors import UnknownRequirementError
from accountcore.pipeline.refusals import Refusal
from accountcore.pipeline.stages import Stage

__all__ = [
    "REQUIREMENTS",
    "AmountPositive",
    "HasAmount",
    "HasContact",
    "HasExpectedClose",
    "LostReasonGiven",
    "Requirement",
    "RequirementRegistry",
    "SplitsSumToOne",
]

_ONE = Decimal(1)
_ZERO = Decimal(0)


@runtime_checkable
class Requirement(Protocol):
    """What a pipeline asks of a deal before a move.

    ``unmet`` must be pure and cheap (it runs on every move): ``None`` when
    met, else a short lower-case explanation naming the missing thing: a
    ``str`` (shown as it is in every language, its code the requirement's
    name) or a :class:`~accountcore.pipeline.refusals.Refusal` with a code of your
    own. The built-in requirements return built-in refusals, which render in
    six languages.

    >>> isinstance(HasAmount(), Requirement)
    True
    """

    @property
    def name(self) -> str:
        """The registered name, as pipelines spell it."""
        ...

    def unmet(
        self, deal: Deal, target: Stage, reason: str | None
    ) -> str | Refusal | None:
        """``None`` if ``deal`` may enter ``target`` (moved with ``reason``)."""
        ...


@attrs.frozen
class HasAmount:
    """The deal has an amount.

    >>> HasAmount().name
    'has_amount'
    """

    name: str = "has_amount"

    def unmet(
        self, deal: Deal, target: Stage, reason: str | None
    ) -> str | Refusal | None:
        """``None`` when the deal has an amount."""
        return None if deal.amount is not None else Refusal.of("amount_missing")


@attrs.frozen
class AmountPositive:
    """The deal's amount is above zero (a missing amount fails too).

    >>> AmountPositive().name
    'amount_positive'
    """

    name: str = "amount_positive"

    def unmet(
        self, deal: Deal, target: Stage, reason: str | None
    ) -> str | Refusal | None:
        """``None`` when the amount is above zero."""
        amount = deal.amount
        if amount is None:
            return Refusal.of("amount_positive_missing")
        if amount.amount > _ZERO:
            return None
        return Refusal.of("amount_not_positive", amount=amount)


@attrs.frozen
class HasExpectedClose:
    """The deal has an expected close date.

    >>> HasExpectedClose().name
    'has_expected_close'
    """

    name: str = "has_expected_close"

    def unmet(
        self, deal: Deal, target: Stage, reason: str | None
    ) -> str | Refusal | None:
        """``None`` when the expected close date is set."""
        if deal.expected_close is not None:
            return None
        return Refusal.of("expected_close_missing")


@attrs.frozen
class HasContact:
    """The deal names a contact person at the client.

    >>> HasContact().name
    'has_contact'
    """

    name: str = "has_contact"

    def unmet(
        self, deal: Deal, target: Stage, reason: str | None
    ) -> str | Refusal | None:
        """``None`` when a contact is set."""
        return None if deal.contacts else Refusal.of("contact_missing")


@attrs.frozen
class LostReasonGiven:
    """The move gives a (non-blank) reason, as losing or cancelling must.

    >>> LostReasonGiven().name
    'lost_reason_given'
    """

    name: str = "lost_reason_given"

    def unmet(
        self, deal: Deal, target: Stage, reason: str | None
    ) -> str | Refusal | None:
        """``None`` when ``reason`` is a non-blank text."""
        if reason and not reason.isspace():
            return None
        return Refusal.of("reason_required", stage=target.key)


@attrs.frozen
class SplitsSumToOne:
    """The deal's revenue splits add up to exactly 1.

    >>> SplitsSumToOne().name
    'splits_sum_to_one'
    """

    name: str = "splits_sum_to_one"

    def unmet(
        self, deal: Deal, target: Stage, reason: str | None
    ) -> str | Refusal | None:
        """``None`` when the shares sum to 1."""
        splits = deal.splits
        if len(splits) == 1:
            total = splits[0].share
        else:
            total = _ZERO
            for split in splits:
                total += split.share
        if total == _ONE:
            return None
        return Refusal.of("splits_not_one", total=str(total))


@attrs.frozen
class RequirementRegistry:
    """Requirements by name; immutable (``with_`` returns a new registry).

    >>> REQUIREMENTS["has_amount"]
    HasAmount(name='has_amount')
    >>> REQUIREMENTS["has_budget"]
    Traceback (most recent call last):
    ...
    accountcore.pipeline.errors.UnknownRequirementError: Unknown requirement 'has_budget': registered are amount_positive, has_amount, has_contact, has_expected_close, lost_reason_given, splits_sum_to_one.
    """

    _by_name: dict[str, Requirement] = attrs.field(factory=dict, alias="by_name")

    @classmethod
    def builtin(cls) -> RequirementRegistry:
        """A registry holding the builtin requirements.

        >>> len(RequirementRegistry.builtin())
        6
        """
        return cls({}).with_(
            HasAmount(),
            AmountPositive(),
            HasExpectedClose(),
            HasContact(),
            LostReasonGiven(),
            SplitsSumToOne(),
        )

    def with_(self, *requirements: Requirement) -> RequirementRegistry:
        """A new registry with ``requirements`` added; a name already taken
        by another requirement is a :class:`~accountcore.errors.DefinitionError`.

        >>> REQUIREMENTS.with_(HasContact(name="has_amount"))
        Traceback (most recent call last):
        ...
        accountcore.errors.DefinitionError: Requirement registry is invalid (1 fault):
          - name 'has_amount' is already registered to HasAmount(name='has_amount')
        """
        table = dict(self._by_name)
        faults = []
        for requirement in requirements:
            name = getattr(requirement, "name", None)
            if (
                not isinstance(name, str)
                or not name
                or not callable(getattr(requirement, "unmet", None))
            ):
                faults.append(
                    f"{requirement!r} is not a Requirement (needs a name and unmet())"
                )
                continue
            if name in table and table[name] != requirement:
                faults.append(f"name {name!r} is already registered to {table[name]!r}")
                continue
            table[name] = requirement
        if faults:
            raise DefinitionError("Requirement registry", faults)
        return RequirementRegistry(table)

    def __getitem__(self, name: str) -> Requirement:
        try:
            return self._by_name[name]
        except (KeyError, TypeError):
            raise UnknownRequirementError(name, self.names()) from None

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        return len(self._by_name)

    def names(self) -> tuple[str, ...]:
        """The registered names, sorted.

        >>> REQUIREMENTS.names()[:2]
        ('amount_positive', 'has_amount')
        """
        return tuple(sorted(self._by_name))

    def resolve(self, names: Iterable[str]) -> tuple[Requirement, ...]:
        """The requirements for ``names``, in order.

        >>> [r.name for r in REQUIREMENTS.resolve(["has_contact"])]
        ['has_contact']
        """
        return tuple(self[name] for name in names)


REQUIREMENTS = RequirementRegistry.builtin()
"""The builtin requirements; extend with ``REQUIREMENTS.with_(...)`` and pass
the result to :class:`~accountcore.pipeline.Pipeline` as ``registry``."""
