"""A discount scheme with issue 21's kinds travels through definition files.

A scheme with a catalogue (nested groups, a variant, units), free goods,
a linked rule, price rules and several currencies is written to a TOML file
with ``accountcore.definitions.save`` and read back with ``load``: the same
scheme, pricing the same quotes.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from accountcore import definitions
from accountcore.discounts import (
    AmountOff,
    Catalog,
    ClientFacts,
    Conditions,
    ContractPrice,
    DiscountScheme,
    FreeGoods,
    Linked,
    Markup,
    OrderCondition,
    PercentOff,
    Policy,
    Product,
    ProductGroup,
    QuoteLine,
    Scope,
    Unit,
    VolumeTier,
    VolumeTiers,
)
from accountcore.money import Money

ON = datetime.date(2026, 5, 4)


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


CATALOG = Catalog(
    [
        ProductGroup("tools"),
        ProductGroup("power tools", parent="tools"),
        ProductGroup("drills", parent="power tools"),
        ProductGroup("fixings"),
    ],
    [
        Product("drill", group="drills"),
        Product("drill-red", template="drill"),
        Product("saw", group="power tools"),
        Product("bits", group="tools"),
        Product(
            "screws", group="fixings", units=[Unit("box", 100), Unit("pallet", 4800)]
        ),
    ],
)

SCHEME = DiscountScheme(
    "hardware",
    "EUR",
    [
        PercentOff("everything", 3),
        PercentOff("tools", 15, when=Conditions(categories=["tools"])),
        PercentOff("red drill", 12, when=Conditions(products=["drill-red"])),
        VolumeTiers(
            "500 pieces", [VolumeTier(500, 4)], when=Conditions(products=["screws"])
        ),
        FreeGoods(
            "mug per 10 tools",
            buy=10,
            get=1,
            item="mug",
            item_price=eur("4.90"),
            scope=Scope.ORDER,
            when=Conditions(categories=["tools"]),
        ),
        Linked(
            PercentOff("bits with a drill", 20, when=Conditions(products=["bits"])),
            needs=OrderCondition(products=["drill"], min_quantity=1),
        ),
        AmountOff("promo us", Money("2.50", "USD")),
    ],
    policy=Policy.MOST_SPECIFIC,
    catalog=CATALOG,
    prices=[
        Markup("fixings", 2, places=4, when=Conditions(categories=["fixings"])),
        ContractPrice(
            "acme saw", eur("41.00"), priority=1, when=Conditions(clients=["C-1"])
        ),
    ],
    currencies=["USD"],
)

LINES = [
    QuoteLine("drill-red", 2, eur("79.90")),
    QuoteLine("drill", 1, eur("89.00")),
    QuoteLine("saw", 7, eur("45.00")),
    QuoteLine("bits", 4, eur("6.25")),
    QuoteLine("screws", 6, eur("9.80"), unit="box"),
]


def test_a_scheme_with_a_catalogue_round_trips_through_a_toml_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "hardware.toml"
    definitions.save(SCHEME, path)

    back = definitions.load(path)

    assert path.read_text(encoding="utf-8").startswith('kind = "discount_scheme"')
    assert back == SCHEME
    assert back.catalog == CATALOG
    for client in (ClientFacts(), ClientFacts(client="C-1")):
        assert back.quote(LINES, client=client, on=ON) == SCHEME.quote(
            LINES, client=client, on=ON
        )


def test_the_file_prices_the_worked_example() -> None:
    back = definitions.loads(definitions.dumps(SCHEME))

    q = back.quote(LINES, client=ClientFacts(), on=ON)

    # most specific wins: the red drill its own 12 % of 2 x 79.90 = 159.80
    # -> 19.176 -> 19.18; the drill and the saw their group's 15 %: 89.00 ->
    # 13.35 and 7 x 45.00 = 315.00 -> 47.25; the bits, with a drill in the
    # order, their product's 20 % (over the tools' 15 %): 4 x 6.25 = 25.00
    # -> 5.00
    assert [line.discount for line in q.lines[:4]] == [
        eur("19.18"),
        eur("13.35"),
        eur("47.25"),
        eur("5.00"),
    ]
    # screws, priced per piece (the base unit): 9.80 / 100 = 0.098, marked
    # up 2 % to 0.09996, rounded to 4 places 0.1000; 600 x 0.1000 = 60.00.
    # 600 pieces reach the tier at 500, on the product (more specific than
    # everything): 4 % of 60.00 = 2.40
    screws = q.lines[4]
    assert (screws.list_amount, screws.discount) == (eur("60.00"), eur("2.40"))
    assert screws.unit_price == eur("10.00")  # shown per box: 100 x 0.1000
    # 2 + 1 + 7 + 4 = 14 units of tools: one mug on top, worth 4.90
    assert (q.lines[-1].product, q.lines[-1].list_amount) == ("mug", eur("4.90"))
