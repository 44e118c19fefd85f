"""Scaling checks without wall-clock bounds: how much slower ``fn`` gets when its
input grows, measured against itself on the same machine in the same process.

A bound like "under 5 s" fails under coverage or on a loaded machine. A ratio does
not: a linear algorithm on 10x the input takes about 10x as long wherever it runs,
a quadratic one about 100x. The factor allowed is generous (noise, caches, GC)."""

from __future__ import annotations

import subprocess
import sys
import time
from typing import Any, Callable, Sequence


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


# Runs the command given as arguments in a child process and prints the child's peak
# resident set size (ru_maxrss: KiB on Linux, bytes on macOS; a ratio does not care).
_PEAK_RSS = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_rss(command: Sequence[str]) -> int:
    """The peak memory (resident set size) of ``command`` run to its end."""
    out = subprocess.run([sys.executable, "-c", _PEAK_RSS, *command], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def assert_flat(measure: Callable[[int], int], small: int, large: int, slack: float = 1.08) -> None:
    """Growing the input ``large / small`` times grows ``measure`` (peak memory) at most
    ``slack`` times: the memory is flat in the input, not proportional to it."""
    low, high = measure(small), measure(large)
    assert high <= slack * low, f"{small} -> {large}: peak memory {low} -> {high} ({high / low:.2f}x, flat allows {slack}x)"
