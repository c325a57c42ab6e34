"""A tiny entity for testing the storage machinery on its own."""

from __future__ import annotations

import attrs

from accountcore.money import Money
from accountcore.storage import Collection, Index
from accountcore.testing.contract import Sample


@attrs.frozen
class Note:
    """A stored note: an id, an author, an optional topic, a rank and an amount."""

    id: str
    author: str
    topic: str | None
    rank: int
    amount: Money


NOTES = Collection(
    "notes",
    Note,
    lambda note: note.id,
    (
        Index("author", lambda note: note.author),
        Index("topic", lambda note: note.topic),
        Index("rank", lambda note: note.rank),
    ),
)


def make_note(n: int) -> Note:
    """The n-th note: authors and ranks repeat, every third note has no topic."""
    return Note(
        id=f"n-{n:03d}",
        author=f"am-{n % 3}",
        topic=None if n % 3 == 0 else f"topic-{n % 4}",
        rank=(7 * n) % 5,
        amount=Money(f"{n}.50", "EUR"),
    )


def renamed(note: Note) -> Note:
    return attrs.evolve(note, author=note.author + "-x", amount=note.amount * 2)


NOTE_SAMPLE = Sample(NOTES, make_note, renamed)
