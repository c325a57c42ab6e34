"""Pipeline moves: accountcore against ``transitions`` and ``python-statemachine``.

Every deal walks the default pipeline from ``appointment`` to
``contract_signed`` (7 guarded moves, the requirements of each target stage
checked), and one refused move is tried on a deal without a contact
(``appointment`` → ``presentation`` needs one). The peers get the same
stages, the same moves (our compiled table) and the same guards as
conditions, measured in the same run:

* ``transitions``, one ``Machine`` per deal;
* ``transitions``, one shared ``Machine`` for every deal (``add_model`` grows
  quadratically, so that case is sized to a time budget, printed);
* ``python-statemachine``, one machine instance per deal (the class is built
  once).

accountcore does more per move than the peers: each move returns a new
frozen deal with the change appended to its history.

Run: ``python -m benchmarks.pipeline`` (``pip install -e '.[dev,bench]'``).
"""

from __future__ import annotations

import datetime as dt
import gc
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import pendulum

from accountcore import Deal, Money, Pipeline, TransitionError
from benchmarks._common import decimal_add_seconds, report, timed

DEALS = 100_000  # accountcore: deals moved end to end
PEER_DEALS = 5_000  # transitions, a machine per deal (construction not timed)
STATEMACHINE_DEALS = 2_000  # python-statemachine (about 1 ms to build each)
SHARED_BUDGET_SECONDS = 30.0  # transitions, shared machine: add_model budget
MEMORY_DEALS = 2_000  # peers' deals kept alive while tracemalloc counts
# Ours are counted over more deals: CPython keeps up to 2,000 freed tuples of
# each small size for reuse, and tracemalloc counts those as live. Over 2,000
# deals the tuples of the first histories (dropped as the deals move on)
# would be charged to every deal; over 20,000 they are a tenth of that.
OUR_MEMORY_DEALS = 20_000

SALES = Pipeline.default()
PATH = [
    "preparation",
    "contact",
    "needs",
    "presentation",
    "objections",
    "negotiation",
    "contract_signed",
]
T0 = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Tallinn")
MOMENTS = [T0.add(days=n) for n in range(len(PATH) + 1)]
AMOUNT = Money("12000.00", "EUR")
CLOSE = dt.date(2026, 4, 30)


# --- accountcore -----------------------------------------------------------------


def our_deals(n: int, *, contact: str | None = "Mari") -> list[Deal]:
    return [
        SALES.new_deal(
            f"D-{i}",
            client_id="C-1",
            owner="anna",
            at=T0,
            by="anna",
            amount=AMOUNT,
            expected_close=CLOSE,
            contact=contact,
        )
        for i in range(n)
    ]


def our_walk(deals: list[Deal], *, keep: bool = True) -> list[Deal]:
    """Every deal moved to contract_signed; ``keep=False`` drops the results
    as it goes (the peers update their models in place and keep nothing new,
    so timing does not pay for holding 100,000 new deals either)."""
    advance = SALES.advance
    out = []
    for start in deals:
        deal = start
        for stage, at in zip(PATH, MOMENTS[1:], strict=True):
            deal = advance(deal, stage, at=at, by="anna")
        if keep:
            out.append(deal)
    return out


def our_moves(deals: list[Deal]) -> list[Deal]:
    return our_walk(deals, keep=False)


def our_refusals(deals: list[Deal]) -> None:
    advance = SALES.advance
    at = MOMENTS[1]
    for deal in deals:
        try:
            advance(deal, "presentation", at=at, by="anna")
        except TransitionError:
            pass
        else:
            raise AssertionError("the move should be refused")


def our_checks(pairs: list[tuple[Deal, str]]) -> None:
    check = SALES.check
    at = MOMENTS[-1]
    for deal, target in pairs:
        check(deal, target, at=at)


# --- the peers' shared model ------------------------------------------------------


class Model:
    """What the peers' conditions read (the same data as our deal)."""

    def __init__(self, contact: str | None = "Mari") -> None:
        self.amount: Money | None = AMOUNT
        self.expected_close: dt.date | None = CLOSE
        self.contact = contact
        self.reason: str | None = None
        self.previous: str | None = None
        self.owners = 1

    def has_amount(self, *_: Any, **__: Any) -> bool:
        return self.amount is not None

    def amount_positive(self, *_: Any, **__: Any) -> bool:
        return self.amount is not None and self.amount.amount > 0

    def has_expected_close(self, *_: Any, **__: Any) -> bool:
        return self.expected_close is not None

    def has_contact(self, *_: Any, **__: Any) -> bool:
        return bool(self.contact)

    def lost_reason_given(self, *_: Any, **__: Any) -> bool:
        return bool(self.reason)

    def splits_sum_to_one(self, *_: Any, **__: Any) -> bool:
        return self.owners == 1


def edges() -> list[tuple[str, str, list[str]]]:
    """Our compiled moves, with requirement names as condition names."""
    return [(m.source, m.target, list(m.requires)) for m in SALES.moves()]


# --- transitions -------------------------------------------------------------------


def transitions_table() -> list[dict[str, Any]]:
    return [
        {
            "trigger": f"go_{target}",
            "source": source,
            "dest": target,
            "conditions": cond,
        }
        for source, target, cond in edges()
    ]


STATES = [s.key for s in SALES.stages]


def transitions_per_deal(n: int, contact: str | None = "Mari") -> list[Model]:
    from transitions import Machine

    table = transitions_table()
    models = []
    for _ in range(n):
        model = Model(contact)
        Machine(
            model=model,
            states=STATES,
            transitions=table,
            initial="appointment",
            auto_transitions=False,
        )
        models.append(model)
    return models


def transitions_shared(budget: float) -> tuple[Any, list[Model], float]:
    from transitions import Machine

    machine = Machine(
        model=None,
        states=STATES,
        transitions=transitions_table(),
        initial="appointment",
        auto_transitions=False,
    )
    models: list[Model] = []
    start = time.perf_counter()
    while len(models) < DEALS and time.perf_counter() - start < budget:
        batch = [Model() for _ in range(500)]
        machine.add_model(batch)
        models.extend(batch)
    return machine, models, time.perf_counter() - start


def transitions_walk(models: list[Model]) -> None:
    triggers = [f"go_{stage}" for stage in PATH]
    for model in models:
        for trigger in triggers:
            if not getattr(model, trigger)():
                raise AssertionError(trigger)


def transitions_reset(models: list[Model]) -> None:
    for model in models:
        model.state = "appointment"  # type: ignore[attr-defined]


def transitions_refusals(models: list[Model]) -> None:
    for model in models:
        if model.go_presentation():  # type: ignore[attr-defined]
            raise AssertionError("the move should be refused")


# --- python-statemachine -------------------------------------------------------------


def statemachine_class() -> type:
    from statemachine import State, StateMachine

    sources = {source for source, _, _ in edges()}
    states = {
        s.key: State(
            s.name,
            initial=(s.key == "appointment"),
            final=(s.key not in sources),
            value=s.key,
        )
        for s in SALES.stages
    }
    events: dict[str, Any] = {}
    for source, target, cond in edges():
        transition = states[source].to(states[target], cond=cond or None)
        name = f"go_{target}"
        events[name] = transition if name not in events else events[name] | transition
    namespace: dict[str, Any] = {**states, **events}
    return type("DealMachine", (StateMachine,), namespace)


def statemachine_per_deal(cls: type, n: int, contact: str | None = "Mari") -> list[Any]:
    return [cls(model=Model(contact)) for _ in range(n)]


def statemachine_walk(machines: list[Any]) -> None:
    triggers = [f"go_{stage}" for stage in PATH]
    for machine in machines:
        for trigger in triggers:
            machine.send(trigger)


def statemachine_refusals(machines: list[Any]) -> None:
    from statemachine.exceptions import TransitionNotAllowed

    for machine in machines:
        try:
            machine.send("go_presentation")
        except TransitionNotAllowed:
            pass
        else:
            raise AssertionError("the move should be refused")


# --- measuring -----------------------------------------------------------------------


def bytes_per_deal(build: Callable[[int], object], n: int) -> float:
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = build(n)
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del kept
    return (after - before) / n


ROUNDS = 3  # every case runs once per round, rounds interleave the contenders


def main() -> None:
    import warnings

    from transitions import Machine

    warnings.simplefilter("ignore", DeprecationWarning)
    moves = len(PATH)
    print(
        f"Sizes: accountcore {DEALS:,} deals x {moves} moves; transitions per deal "
        f"{PEER_DEALS:,}; python-statemachine {STATEMACHINE_DEALS:,}; memory over "
        f"{OUR_MEMORY_DEALS:,} of our deals and {MEMORY_DEALS:,} of theirs kept "
        f"alive; best of {ROUNDS} interleaved rounds"
    )

    fresh = our_deals(DEALS)
    unready = our_deals(DEALS, contact=None)
    pairs = [
        (deal.as_of(MOMENTS[i]), target)
        for deal in our_walk(fresh[:20_000])
        for i, target in enumerate(PATH)
    ]
    machine, shared_models, spent = transitions_shared(SHARED_BUDGET_SECONDS)
    size = len(shared_models)
    print(
        f"transitions, shared Machine: add_model grows quadratically; {size:,} models "
        f"registered in {spent:.1f} s (budget {SHARED_BUDGET_SECONDS:.0f} s), "
        "timed on those"
    )
    shared_unready = [Model(contact=None) for _ in range(size)]
    machine.add_model(shared_unready)
    cls = statemachine_class()

    def shared_setup() -> list[Model]:
        transitions_reset(shared_models)
        return shared_models

    # name -> (setup, run, items)
    cases: dict[str, tuple[Callable[[], Any], Callable[[Any], object], int]] = {
        "decimal": (lambda: None, lambda _: None, 1),
        "ours": (lambda: fresh, our_moves, DEALS * moves),
        "ours refused": (lambda: unready, our_refusals, DEALS),
        "ours check": (lambda: pairs, our_checks, len(pairs)),
        "per": (
            lambda: transitions_per_deal(PEER_DEALS),
            transitions_walk,
            PEER_DEALS * moves,
        ),
        "per refused": (
            lambda: transitions_per_deal(PEER_DEALS, contact=None),
            transitions_refusals,
            PEER_DEALS,
        ),
        "shared": (shared_setup, transitions_walk, size * moves),
        "shared refused": (lambda: shared_unready, transitions_refusals, size),
        "sm": (
            lambda: statemachine_per_deal(cls, STATEMACHINE_DEALS),
            statemachine_walk,
            STATEMACHINE_DEALS * moves,
        ),
        "sm refused": (
            lambda: statemachine_per_deal(cls, STATEMACHINE_DEALS, contact=None),
            statemachine_refusals,
            STATEMACHINE_DEALS,
        ),
    }
    best = {name: float("inf") for name in cases}
    adds: list[float] = []
    for _ in range(ROUNDS):
        adds.append(decimal_add_seconds())
        for name, (setup, run, items) in cases.items():
            if name == "decimal":
                continue
            data = setup()
            best[name] = min(
                best[name],
                timed(lambda run=run, data=data: run(data), repeat=1) / items,
            )
    add = min(adds)
    print(f"One Decimal addition: {add * 1e9:.1f} ns")
    fresh, unready, pairs = [], [], []  # free them before measuring memory
    machine, shared_models, shared_unready = None, [], []

    ours_mem = bytes_per_deal(lambda n: our_walk(our_deals(n)), OUR_MEMORY_DEALS)
    ours_new = bytes_per_deal(our_deals, OUR_MEMORY_DEALS)
    per_new = bytes_per_deal(transitions_per_deal, MEMORY_DEALS)
    per_mem = bytes_per_deal(
        lambda n: transitions_walk(m := transitions_per_deal(n)) or m, MEMORY_DEALS
    )

    def shared_build(n: int) -> object:
        one = Machine(
            model=None,
            states=STATES,
            transitions=transitions_table(),
            initial="appointment",
            auto_transitions=False,
        )
        models = [Model() for _ in range(n)]
        one.add_model(models)
        transitions_walk(models)
        return one, models

    shared_mem = bytes_per_deal(shared_build, MEMORY_DEALS)
    sm_mem = bytes_per_deal(
        lambda n: statemachine_walk(m := statemachine_per_deal(cls, n)) or m,
        MEMORY_DEALS,
    )
    results = {
        "accountcore Pipeline.advance": (best["ours"], best["ours refused"], ours_mem),
        "transitions, a Machine per deal": (best["per"], best["per refused"], per_mem),
        "transitions, one shared Machine": (
            best["shared"],
            best["shared refused"],
            shared_mem,
        ),
        "python-statemachine, a machine per deal": (
            best["sm"],
            best["sm refused"],
            sm_mem,
        ),
    }
    ours, ours_refused, ours_check = (
        best["ours"],
        best["ours refused"],
        best["ours check"],
    )

    print()
    print("µs per transition:")
    for name, (move, _, _) in results.items():
        print("  " + report(name, move, add))
    print("  " + report("accountcore Pipeline.check (allowed moves)", ours_check, add))
    print("µs per refused move:")
    for name, (_, refused, _) in results.items():
        print("  " + report(name, refused, add))
    print("bytes per deal (tracemalloc, deal walked to contract_signed):")
    for name, (_, _, memory) in results.items():
        print(f"  {name:<48} {memory:>10,.0f} B")

    peers = {k: v for k, v in results.items() if not k.startswith("accountcore")}
    fastest_name, fastest = min(peers.items(), key=lambda kv: kv[1][0])
    print()
    print(
        f"advance vs fastest peer ({fastest_name}): {fastest[0] / ours:.1f}x faster "
        "(target >= 3x)"
    )
    fastest_refusal = min(v[1] for v in peers.values())
    print(f"refused move vs fastest peer: {fastest_refusal / ours_refused:.1f}x faster")
    print(
        f"check: {ours_check * 1e6:.3f} µs = {ours_check / add:.1f} Decimal additions "
        "(target <= 25)"
    )
    print(
        f"memory per new deal: {ours_new:,.0f} B = 1/{per_new / ours_new:.0f} of a new "
        f"transitions Machine per deal ({per_new:,.0f} B) (target <= 1/100)"
    )
    print(
        f"memory per deal walked to contract_signed: {ours_mem:,.0f} B = "
        f"1/{per_mem / ours_mem:.0f} of a transitions Machine per deal "
        f"({per_mem:,.0f} B) (target <= 1/100); ours carries its 8 history "
        f"events (~{(ours_mem - ours_new) / moves:,.0f} B per move), the peers "
        "keep none"
    )


if __name__ == "__main__":
    main()
