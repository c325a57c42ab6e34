"""The line rules of a scheme, indexed and compiled for the pricing hot path.

A scheme builds an :class:`_Indexed` of its line rules when it is built:
by product, by category, and those for any product, each rule compiled
once into a :class:`_Candidate` (see there). :func:`_client_verdict` is a
rule's verdict on the facets every line of a quote shares.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from accountcore.discounts.conditions import Context, LineCheck
from accountcore.discounts.policy import rank
from accountcore.discounts.quote import RejectedRule
from accountcore.discounts.reasons import Reason
from accountcore.discounts.rules import (
    DependsOn,
    DiscountRule,
    Effect,
    Subject,
    declared_dependence,
)
from accountcore.i18n import Message
from accountcore.money import Money

__all__: list[str] = []

_Outcome = tuple[Effect | None, RejectedRule | None, Reason | None]
"""A rule's outcome on a line: its effect, or its rejection; and a hint."""

_MEMO_SIZE = 1024
"""Outcomes kept per rule, by quantity; a full memo starts over."""

_LevelOf = Callable[[str, str, str | None], int]
"""How specific a rule (by name) is for a line of a product in a group."""

_CACHE_SIZE = 4096
"""(product, category) pairs whose candidates a scheme keeps; a full cache
starts over (a quote's products come from outside: they must not grow it
without end)."""


class _Candidate:
    """A line rule as the hot path sees it, compiled when the scheme is built.

    ``line_check`` is its conditions' line facets less those the index
    already guarantees (``None``: nothing left to check on a line, the
    common case). A rule whose class declares that its outcome on a line
    depends on nothing but the quantity (:func:`declared_dependence`) has
    that outcome worked out once and kept, when its line facets left are at
    most a quantity range:

    - ``fixed``: the outcome on every line, for a rule that depends on
      ``NOTHING`` and has no line facet left to check (``constant``: it is
      filled on the first line that meets the rule);
    - ``memo``: outcomes by quantity, keyed by the quantity's ``str``, as
      ``5`` and ``5.0`` read differently in the reasons; at most
      ``_MEMO_SIZE`` of them. ``None`` for the others (evaluated on every
      line, as is every rule whose class declares nothing).

    ``compiled=False`` keeps nothing: every outcome is worked out on its
    line (the plain path the tests compare the kept outcomes with).
    Kept outcomes are shared by the quotes that meet them (frozen objects,
    as one quote's lines already shared their client-level rejections);
    they are caches, never part of the scheme's value (they change no
    result, only how often a rule is evaluated). So is ``beaten``: under
    ``MOST_SPECIFIC``, the rejection of each rule this one wins over, by
    the loser's name (at most one per rule of the scheme).
    """

    __slots__ = (
        "beaten",
        "constant",
        "exclusive",
        "fixed",
        "line_check",
        "memo",
        "name",
        "priority",
        "rule",
    )

    def __init__(
        self, rule: DiscountRule, indexed_by: str | None, *, compiled: bool = True
    ) -> None:
        self.rule = rule
        self.name = rule.name
        self.priority = rule.priority
        self.exclusive = rule.exclusive
        when = rule.when
        self.line_check: LineCheck | None = when._line_checker(indexed_by)
        depends = declared_dependence(rule) if compiled else DependsOn.LINE
        by_quantity = depends is not DependsOn.LINE and (
            (when.products is None or indexed_by == "products")
            and (when.categories is None or indexed_by == "categories")
            and when.min_amount is None
            and when.max_amount is None
        )
        self.fixed: _Outcome | None = None
        self.constant = depends is DependsOn.NOTHING and self.line_check is None
        self.memo: dict[str, _Outcome] | None = (
            {} if by_quantity and not self.constant else None
        )
        # the rejections of the rules this one beats as more specific, by name
        self.beaten: dict[str, RejectedRule] = {}

    def outcome(
        self,
        product: str,
        category: str | None,
        quantity: Decimal,
        list_amount: Money,
        unit_price: Money,
    ) -> _Outcome:
        """The rule on a line whose client, date and code facets are met."""
        check = self.line_check
        reason = (
            None if check is None else check(product, category, quantity, list_amount)
        )
        if reason is None:
            result = self.rule.evaluate(Subject(quantity, list_amount, unit_price))
            if isinstance(result, Effect):
                return result, None, result.hint
            reason = result
        return None, RejectedRule(self.name, reason), _hint(self.rule, reason)


class _Indexed:
    """Line rules by product, by category, and those for any product; the
    candidates of a (product, category) pair are cached in rank order (at
    most ``_CACHE_SIZE`` pairs; a product or category no rule names counts
    as ``None`` in the pair, so the lines of the many products without
    rules of their own share their category's entry).

    Unindexed (``indexed=False``), every rule is in ``anywhere`` and each
    line scans them all for those the index would have offered it: a rule
    for other products or categories is never a candidate either way, so
    both give the same quotes (``docs/discounts.md``, "Explanations")."""

    __slots__ = (
        "anywhere",
        "by_category",
        "by_product",
        "cache",
        "exclusive",
        "indexed",
        "level_of",
    )

    def __init__(
        self,
        by_product: dict[str, tuple[_Candidate, ...]],
        by_category: dict[str, tuple[_Candidate, ...]],
        anywhere: tuple[_Candidate, ...],
        *,
        indexed: bool = True,
        level_of: _LevelOf | None = None,
    ) -> None:
        self.by_product = by_product
        self.by_category = by_category
        self.anywhere = anywhere
        self.indexed = indexed
        self.level_of = level_of
        self.cache: dict[
            tuple[str | None, str | None],
            tuple[tuple[_Candidate, ...], dict[_Candidate, int] | None],
        ] = {}
        # whether any rule is exclusive (most schemes have none)
        self.exclusive = any(
            candidate.exclusive
            for group in (*by_product.values(), *by_category.values(), anywhere)
            for candidate in group
        )

    @classmethod
    def build(
        cls,
        rules: Iterable[DiscountRule],
        *,
        index: bool = True,
        compiled: bool = True,
        level_of: _LevelOf | None = None,
    ) -> _Indexed:
        """The index of ``rules``; ``index=False`` puts every rule with the
        rules for any product (scanned on every line: the benchmark's peer),
        ``compiled=False`` keeps no outcome (see :class:`_Candidate`).
        ``level_of`` says how specific a rule (by name) is for a line of a
        product in a group, for a ``MOST_SPECIFIC`` scheme: each line's
        candidates then come with their levels (:meth:`lookup`)."""
        by_product: dict[str, list[_Candidate]] = {}
        by_category: dict[str, list[_Candidate]] = {}
        anywhere: list[_Candidate] = []
        for rule in rules:
            when = rule.when
            if not index:
                anywhere.append(_Candidate(rule, None, compiled=compiled))
            elif when.products is not None:
                candidate = _Candidate(rule, "products", compiled=compiled)
                for product in when.products:
                    by_product.setdefault(product, []).append(candidate)
            elif when.categories is not None:
                candidate = _Candidate(rule, "categories", compiled=compiled)
                for category in when.categories:
                    by_category.setdefault(category, []).append(candidate)
            else:
                anywhere.append(_Candidate(rule, None, compiled=compiled))
        return cls(
            {k: tuple(v) for k, v in by_product.items()},
            {k: tuple(v) for k, v in by_category.items()},
            tuple(anywhere),
            indexed=index,
            level_of=level_of,
        )

    def candidates(self, product: str, category: str | None) -> tuple[_Candidate, ...]:
        """The rules that can concern a line of ``product`` in ``category``,
        in rank order."""
        if not self.indexed:
            return tuple(
                c for c in self.anywhere if _offered(c.rule, product, category)
            )
        return self.lookup(product, category)[0]

    def lookup(
        self, product: str, category: str | None
    ) -> tuple[tuple[_Candidate, ...], dict[_Candidate, int] | None]:
        """The candidates of a line of ``product`` in ``category`` (as
        :meth:`candidates`) and, when the index was built with ``level_of``,
        how specific each is for the line (``MOST_SPECIFIC``).

        Cached by the product and category only when rules name them (a
        product no rule names has the candidates, and levels, of any other
        such product of its category): a quote's products come from a
        catalogue far larger than the rules."""
        if not self.indexed:
            found = self.candidates(product, category)
            level_of = self.level_of
            if level_of is None:
                return found, None
            return found, {c: level_of(c.name, product, category) for c in found}
        key = (
            product if product in self.by_product else None,
            category if category in self.by_category else None,
        )
        entry = self.cache.get(key)
        if entry is None:
            pool = list(self.by_product.get(product, ()))
            if category is not None:
                pool.extend(self.by_category.get(category, ()))
            pool.extend(self.anywhere)
            found = tuple(sorted(pool, key=_candidate_rank))
            level_of = self.level_of
            levels = (
                None
                if level_of is None
                else {c: level_of(c.name, product, category) for c in found}
            )
            entry = (found, levels)
            cache = self.cache
            if len(cache) >= _CACHE_SIZE:
                cache.clear()
            cache[key] = entry
        return entry


def _offered(rule: DiscountRule, product: str, category: str | None) -> bool:
    """Whether the index offers ``rule`` to a line of ``product`` in
    ``category``: by its products if it names any, else by its categories."""
    when = rule.when
    if when.products is not None:
        return product in when.products
    return when.categories is None or category in when.categories


def _candidate_rank(candidate: _Candidate) -> tuple[int, str]:
    return rank(candidate.rule)


def _client_verdict(candidate: _Candidate, shared: Context) -> _Outcome | None:
    """``None`` when the rule's client, date and code facets are met, else
    its rejection (the same for every line of a quote)."""
    reason = candidate.rule.when.check_client(shared)
    if reason is None:
        return None
    return None, RejectedRule(candidate.name, reason), _hint(candidate.rule, reason)


_ITS_DISCOUNT = Message.of("discounts.target.discount")


def _hint(rule: DiscountRule, reason: Reason) -> Reason | None:
    """The near-miss hint a rejection carries (its ``units_gap`` or
    ``amount_gap``, and what it would reach: ``target``), or ``None``."""
    units = amount = None
    target: object = _ITS_DISCOUNT
    for name, value in reason.args.params:  # a few pairs: no mapping needed
        if name == "units_gap":
            units = value
        elif name == "amount_gap":
            amount = value
        elif name == "target":
            target = value
    if units is not None:
        return Reason.of("more_units", units=units, target=target, rule=rule.name)
    if amount is not None:
        return Reason.of("more_amount", amount=amount, target=target, rule=rule.name)
    return None
