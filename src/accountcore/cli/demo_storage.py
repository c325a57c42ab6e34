"""Demo section: two account managers save the same deal; one must retry.

>>> lines = storage_section("en_US")
>>> lines[0]
'== Storage: versions, conflicts and units of work =='
"""

from __future__ import annotations

import pendulum

from accountcore.errors import ConcurrencyError
from accountcore.money import Money
from accountcore.pipeline import Pipeline
from accountcore.storage import MemoryStore

__all__ = ["storage_section"]


def storage_section(locale: str) -> list[str]:
    """Optimistic concurrency and all-or-nothing units of work, in a MemoryStore."""
    lines = ["== Storage: versions, conflicts and units of work =="]
    pipeline, store = Pipeline.default(), MemoryStore()
    at = pendulum.datetime(2026, 5, 4, 9, tz="Europe/Tallinn")
    deal = pipeline.new_deal(
        "D-2026-017", client_id="C-042", owner="Mari", at=at, by="Mari"
    )
    with store.unit_of_work() as uow:
        uow.deals.add(deal)
        uow.commit()
    lines.append(f"Deal {deal.id} stored at version 1, in stage {deal.stage!r}.")

    with store.unit_of_work() as mari, store.unit_of_work() as jaan:
        mine, theirs = mari.deals.load(deal.id), jaan.deals.load(deal.id)
        quoted = mine.entity.with_amount(
            Money("18400.00", "EUR"), at=at.add(hours=2), by="Mari"
        )
        version = mari.deals.save(quoted, expected_version=mine.version)
        mari.commit()
        lines.append(
            f"Mari quotes {Money('18400.00', 'EUR').format(locale)} and saves: "
            f"version {version}."
        )
        moved = pipeline.advance(theirs.entity, "needs", at=at.add(hours=3), by="Jaan")
        try:
            jaan.deals.save(moved, expected_version=theirs.version)
        except ConcurrencyError as error:
            lines.append(f"Jaan saves his copy of version {theirs.version}: refused.")
            lines.append(f"  {error}")
        fresh = jaan.deals.load(deal.id)
        moved = pipeline.advance(fresh.entity, "needs", at=at.add(hours=3), by="Jaan")
        version = jaan.deals.save(moved, expected_version=fresh.version)
        jaan.commit()
        lines.append(
            f"Jaan reloads version {fresh.version}, moves it to 'needs' and saves: "
            f"version {version}, with Mari's amount kept."
        )

    with store.unit_of_work() as uow:
        uow.deals.add(
            pipeline.new_deal(
                "D-2026-018", client_id="C-042", owner="Mari", at=at, by="Mari"
            )
        )
        # left without commit: the unit rolls back
    with store.unit_of_work() as uow:
        stored = uow.deals.load(deal.id)
        amount = stored.entity.amount
        shown = amount.format(locale) if amount else "no amount"
        lines.append(
            f"Stored now: {deal.id} v{stored.version}, stage {stored.entity.stage!r}, "
            f"{shown}; D-2026-018 was never committed: "
            f"{uow.deals.find('D-2026-018') is None}."
        )
    return lines
