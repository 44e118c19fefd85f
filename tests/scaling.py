"""Scaling checks without wall-clock bounds: how much slower ``fn`` gets when its
input grows, measured against itself on the same machine in the same process.

A bound like "under 5 s" fails under coverage or on a loaded machine. A ratio does
not: a linear algorithm on 10x the input takes about 10x as long wherever it runs,
a quadratic one about 100x. The factor allowed is generous (noise, caches, GC)."""

from __future__ import annotations

import time
from typing import Any, Callable


def best_time(make: Callable[[], Callable[[], Any]], repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs (five: one slow run on a loaded machine must
    not decide), each of a fresh ``make()`` (so ``make`` can
    give new inputs each time where the code under test memoises)."""
    best = float("inf")
    for _ in range(repeat):
        fn = make()
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return max(best, 1e-6)


def growth(make: Callable[[int], Callable[[], Any]], small: int, large: int) -> float:
    """Time(large input) / time(small input), each the best of a few runs;
    ``make(n)`` returns the call to time on an input of size ``n``."""
    return best_time(lambda: make(large)) / best_time(lambda: make(small))


def assert_linear(make: Callable[[int], Callable[[], Any]], small: int, large: int, slack: float = 4.0) -> None:
    """Growing the input ``large / small`` times costs at most ``slack`` times that
    (a quadratic algorithm costs ``large / small`` times more again)."""
    ratio = growth(make, small, large)
    allowed = slack * large / small
    assert ratio < allowed, f"{small} -> {large}: {ratio:.0f}x slower (linear allows {allowed:.0f}x)"
