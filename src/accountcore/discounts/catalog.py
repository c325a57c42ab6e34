"""A product catalogue for discount schemes: nested groups, variants, units.

A :class:`Catalog` tells a :class:`~accountcore.discounts.DiscountScheme`
what its rules cannot say alone:

- **Product groups** nest under one root (:class:`ProductGroup`); a rule on
  a group (``Conditions(categories=[group])``) applies to the lines of its
  subgroups too. A line whose ``category`` is not given takes its product's
  group from the catalogue.
- **Variants** name their template (:class:`Product` ``template=``): a rule
  on the template (``Conditions(products=[template])``) applies to its
  variants; a variant takes its template's group unless it has its own.
- **Units of measure** (:class:`Unit`): a product is counted in its base
  unit; a line may be given in another (``QuoteLine(..., unit="box")``)
  and the rules see it in the base unit (every quantity threshold counts
  base units), while its list amount stays the stated quantity times the
  stated price (conversion never moves a cent).

>>> catalog = Catalog(
...     [ProductGroup("tools"), ProductGroup("power tools", parent="tools")],
...     [Product("drill", group="power tools", units=[Unit("box", 4)]),
...      Product("drill-red", template="drill")],
... )
>>> catalog.group_of("drill-red"), catalog.lineage("power tools")
('power tools', ('power tools', 'tools', 'all'))
>>> catalog.to_base("drill", 3, "box")   # 3 boxes of 4
Decimal('12')
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import attrs

from accountcore.discounts.conditions import Conditions
from accountcore.discounts.errors import SchemeDefinitionError
from accountcore.errors import UnknownKeyError, check_iterable
from accountcore.money import to_decimal

__all__ = [
    "Catalog",
    "Product",
    "ProductGroup",
    "Specificity",
    "Unit",
    "specificity",
]

ROOT = "all"


@attrs.frozen
class ProductGroup:
    """A product group; ``parent`` ``None`` hangs it under the catalogue's
    root.

    >>> ProductGroup("drills", parent="tools").parent
    'tools'
    """

    name: str
    parent: str | None = None


def _factor(value: object) -> Decimal:
    return to_decimal(value, "factor")


@attrs.frozen
class Unit:
    """A unit a product is sold in: ``factor`` base units make one.

    >>> Unit("pallet", 480).factor
    Decimal('480')
    """

    name: str
    factor: Decimal = attrs.field(converter=_factor)


def _units(value: Iterable[Unit]) -> tuple[Unit, ...]:
    return check_iterable("units", value)


@attrs.frozen
class Product:
    """A product of the catalogue: its ``group`` (``None``: its template's,
    or the root), the ``template`` it is a variant of, its ``base_unit``
    (the unit quantities count in) and the other ``units`` it is sold in.

    >>> Product("screws", group="fixings", base_unit="piece", units=[Unit("box", 100)]).units
    (Unit(name='box', factor=Decimal('100')),)
    """

    name: str
    group: str | None = None
    template: str | None = None
    base_unit: str = "piece"
    units: tuple[Unit, ...] = attrs.field(default=(), converter=_units)


class Specificity:
    """How specific a rule is for a line, smaller first, as ``MOST_SPECIFIC``
    ranks them: the line's own product (a variant, or a product without
    variants) ``VARIANT``; its template ``PRODUCT``; a group ``GROUP`` plus
    its distance from the line's group (0 for the line's own group); a rule
    for any product ``ALL``.

    >>> Specificity.VARIANT < Specificity.PRODUCT < Specificity.GROUP < Specificity.ALL
    True
    """

    VARIANT = 0
    PRODUCT = 1
    GROUP = 2
    ALL = 10_000


def _groups(value: Iterable[ProductGroup]) -> tuple[ProductGroup, ...]:
    return check_iterable("groups", value)


def _products(value: Iterable[Product]) -> tuple[Product, ...]:
    return check_iterable("products", value)


@attrs.frozen
class Catalog:
    """Product groups under ``root``, products with their variants and
    units. Checked when built; every fault is listed at once:

    >>> Catalog([ProductGroup("a", parent="b"), ProductGroup("b", parent="a")],
    ...         [Product("p", group="x", units=[Unit("box", 0)])])
    Traceback (most recent call last):
    ...
    accountcore.discounts.errors.SchemeDefinitionError: Catalog is invalid (4 faults):
      - group 'a' is its own ancestor (a, b, a): groups must form a tree
      - group 'b' is its own ancestor (b, a, b): groups must form a tree
      - product 'p': group 'x' is not in the catalogue
      - product 'p': unit 'box' has factor 0; a factor must be positive
    """

    groups: tuple[ProductGroup, ...] = attrs.field(converter=_groups)
    products: tuple[Product, ...] = attrs.field(converter=_products)
    root: str = ROOT
    _parent: dict[str, str] = attrs.field(init=False, repr=False, eq=False)
    _by_name: dict[str, Product] = attrs.field(init=False, repr=False, eq=False)
    _below: dict[str, frozenset[str]] = attrs.field(init=False, repr=False, eq=False)
    _variants: dict[str, tuple[str, ...]] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        faults = self._faults()
        if faults:
            raise SchemeDefinitionError("Catalog", faults)
        parent = {g.name: g.parent or self.root for g in self.groups}
        object.__setattr__(self, "_parent", parent)
        object.__setattr__(self, "_by_name", {p.name: p for p in self.products})
        below: dict[str, set[str]] = {self.root: {self.root}}
        for group in parent:
            for ancestor in self.lineage(group):
                below.setdefault(ancestor, {ancestor}).add(group)
        object.__setattr__(
            self, "_below", {name: frozenset(names) for name, names in below.items()}
        )
        variants: dict[str, list[str]] = {}
        for product in self.products:
            if product.template is not None:
                variants.setdefault(product.template, []).append(product.name)
        object.__setattr__(
            self, "_variants", {k: tuple(sorted(v)) for k, v in variants.items()}
        )

    def _faults(self) -> list[str]:
        out: list[str] = []
        names = [g.name for g in self.groups]
        known = {*names, self.root}
        for name in sorted({n for n in names if names.count(n) > 1}):
            out.append(f"two groups are named {name!r}")
        if self.root in names:
            out.append(f"group {self.root!r} is the root; it is not listed")
        parent = {g.name: g.parent or self.root for g in self.groups}
        for group in self.groups:
            if group.parent is not None and group.parent not in known:
                out.append(f"group {group.name!r}: parent {group.parent!r} is unknown")
                continue
            chain, at = [group.name], parent.get(group.name)
            while at is not None and at != self.root and at not in chain:
                chain.append(at)
                at = parent.get(at)
            if at in chain:
                shown = ", ".join([*chain, at])
                out.append(
                    f"group {group.name!r} is its own ancestor ({shown}): "
                    "groups must form a tree"
                )
        products = {p.name: p for p in self.products}
        if len(products) != len(self.products):
            out.append("two products have the same name")
        for product in self.products:
            out.extend(
                f"product {product.name!r}: {fault}"
                for fault in self._product_faults(product, known, products)
            )
        return out

    @staticmethod
    def _product_faults(
        product: Product, groups: set[str], products: dict[str, Product]
    ) -> list[str]:
        out: list[str] = []
        if product.group is not None and product.group not in groups:
            out.append(f"group {product.group!r} is not in the catalogue")
        if product.template is not None:
            template = products.get(product.template)
            if template is None:
                out.append(f"template {product.template!r} is not in the catalogue")
            elif template.template is not None:
                out.append(
                    f"template {product.template!r} is itself a variant; "
                    "variants have one level"
                )
        seen = {product.base_unit}
        for unit in product.units:
            if unit.name in seen:
                out.append(f"unit {unit.name!r} is given twice")
            seen.add(unit.name)
            if unit.factor <= 0:
                out.append(
                    f"unit {unit.name!r} has factor {unit.factor}; "
                    "a factor must be positive"
                )
        return out

    # --- groups and variants --------------------------------------------------

    def product(self, name: str) -> Product:
        """The product ``name``; a name the catalogue does not hold is an
        :class:`~accountcore.errors.UnknownKeyError`.

        >>> Catalog([], [Product("pen")]).product("pen").base_unit
        'piece'
        """
        found = self._by_name.get(name)
        if found is None:
            raise UnknownKeyError("product", name, self._by_name)
        return found

    def group_of(self, product: str) -> str | None:
        """The group of ``product`` (a variant's own, else its template's);
        ``None`` for a product the catalogue does not hold.

        >>> Catalog([ProductGroup("g")], [Product("a", group="g"), Product("b", template="a")]).group_of("b")
        'g'
        """
        found = self._by_name.get(product)
        if found is None:
            return None
        if found.group is None and found.template is not None:
            return self._by_name[found.template].group or self.root
        return found.group or self.root

    def template_of(self, product: str) -> str | None:
        """The template ``product`` is a variant of, or ``None``.

        >>> Catalog([], [Product("a"), Product("b", template="a")]).template_of("b")
        'a'
        """
        found = self._by_name.get(product)
        return None if found is None else found.template

    def lineage(self, group: str) -> tuple[str, ...]:
        """``group`` and its ancestors up to the root (an unknown group:
        itself alone).

        >>> Catalog([ProductGroup("a"), ProductGroup("b", parent="a")], []).lineage("b")
        ('b', 'a', 'all')
        """
        chain = [group]
        at = self._parent.get(group)
        while at is not None:
            chain.append(at)
            at = self._parent.get(at)
        return tuple(chain)

    def below(self, group: str) -> frozenset[str]:
        """``group`` and every group under it (an unknown group: itself).

        >>> sorted(Catalog([ProductGroup("a"), ProductGroup("b", parent="a")], []).below("a"))
        ['a', 'b']
        """
        return self._below.get(group, frozenset({group}))

    def variants_of(self, product: str) -> tuple[str, ...]:
        """The variants of the template ``product`` (none: empty).

        >>> Catalog([], [Product("a"), Product("a-red", template="a")]).variants_of("a")
        ('a-red',)
        """
        return self._variants.get(product, ())

    def widen(self, when: Conditions) -> Conditions:
        """``when`` as the catalogue reads it: a group stands for its
        subgroups, a template for its variants.

        >>> c = Catalog([ProductGroup("a"), ProductGroup("b", parent="a")], [Product("p"), Product("p1", template="p")])
        >>> w = c.widen(Conditions(products=["p"], categories=["a"]))
        >>> w.products, w.categories
        (('p', 'p1'), ('a', 'b'))
        """
        products = when.products
        if products is not None:
            products = tuple(
                {p for name in products for p in (name, *self.variants_of(name))}
            )
        categories = when.categories
        if categories is not None:
            categories = tuple({g for name in categories for g in self.below(name)})
        if products == when.products and categories == when.categories:
            return when
        return attrs.evolve(when, products=products, categories=categories)

    def specificity(self, when: Conditions, product: str, group: str | None) -> int:
        """How specific a rule with conditions ``when`` is for a line of
        ``product`` in ``group`` (see :class:`Specificity`; smaller wins).

        >>> c = Catalog([ProductGroup("tools"), ProductGroup("drills", parent="tools")],
        ...             [Product("drill", group="drills"), Product("drill-red", template="drill")])
        >>> [c.specificity(Conditions(**k), "drill-red", "drills") for k in
        ...  ({"products": ["drill-red"]}, {"products": ["drill"]}, {"categories": ["drills"]},
        ...   {"categories": ["tools"]}, {})]
        [0, 1, 2, 3, 10000]
        """
        return specificity(when, product, group, self)

    # --- units ------------------------------------------------------------------

    def factor(self, product: str, unit: str | None) -> Decimal:
        """How many base units of ``product`` one ``unit`` holds (``None``
        or the base unit: 1). A product or unit the catalogue does not hold
        is an :class:`~accountcore.errors.UnknownKeyError`.

        >>> c = Catalog([], [Product("screws", units=[Unit("box", 100)])])
        >>> c.factor("screws", "box"), c.factor("screws", None)
        (Decimal('100'), Decimal('1'))
        >>> c.factor("screws", "crate")
        Traceback (most recent call last):
        ...
        accountcore.errors.UnknownKeyError: Unknown unit 'crate': expected one of 'box', 'piece'; product 'screws' is sold in those.
        """
        found = self._by_name.get(product)
        if found is None:
            if unit is None:
                return Decimal(1)
            raise UnknownKeyError("product", product, self._by_name)
        units = found.units
        if not units and found.template is not None:
            units = self._by_name[found.template].units
        if unit is None or unit == found.base_unit:
            return Decimal(1)
        for known in units:
            if known.name == unit:
                return known.factor
        raise UnknownKeyError(
            "unit",
            unit,
            [found.base_unit, *(u.name for u in units)],
            hint=f"product {product!r} is sold in those",
        )

    def to_base(self, product: str, quantity: object, unit: str | None) -> Decimal:
        """``quantity`` of ``product`` in ``unit``, counted in its base unit.

        >>> Catalog([], [Product("screws", units=[Unit("box", 100)])]).to_base("screws", "2.5", "box")
        Decimal('250.0')
        """
        return to_decimal(quantity, "quantity") * self.factor(product, unit)

    def convert(
        self, product: str, quantity: object, unit: str | None, to: str | None
    ) -> Decimal:
        """``quantity`` of ``product`` from ``unit`` to the unit ``to``
        (exact when the factors divide; else to the 28 digits of Decimal).

        >>> c = Catalog([], [Product("screws", units=[Unit("box", 100), Unit("pallet", 4800)])])
        >>> c.convert("screws", 96, "box", "pallet")
        Decimal('2')
        """
        base = self.to_base(product, quantity, unit)
        return base / self.factor(product, to)


def specificity(
    when: Conditions, product: str | None, group: str | None, catalog: Catalog | None
) -> int:
    """How specific a rule with conditions ``when`` is for a line of
    ``product`` in ``group`` (``None``: the order as a whole), read through
    ``catalog`` when there is one (without, a group is its own only
    ancestor): see :class:`Specificity`.

    >>> specificity(Conditions(categories=["tools"]), "saw", "tools", None)
    2
    >>> specificity(Conditions(products=["saw"]), None, None, None)
    1
    """
    if when.products is not None:
        if product is not None and product in when.products:
            return Specificity.VARIANT
        return Specificity.PRODUCT
    if when.categories is not None:
        if group is None:
            return Specificity.GROUP
        lineage = (group,) if catalog is None else catalog.lineage(group)
        for distance, ancestor in enumerate(lineage):
            if ancestor in when.categories:
                return Specificity.GROUP + distance
        return Specificity.GROUP
    return Specificity.ALL
