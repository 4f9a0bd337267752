"""Settling overlapping alias hits: the runs found in one pass settle as the loop over every hit did."""

from __future__ import annotations

import random

import pytest

from reader.text.overlaps import greedy, overlapping, settle


def settle_by_loop(candidates: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The reference: one loop over every candidate, the greedy choice on each run that overlaps."""
    out: list[tuple[int, int, str]] = []
    run: list[tuple[int, int, str]] = []
    reach = -1
    for candidate in candidates:
        if candidate[0] >= reach and run:
            out += run if len(run) == 1 else greedy(run)
            run = []
        run.append(candidate)
        reach = max(reach, candidate[1])
    if run:
        out += run if len(run) == 1 else greedy(run)
    return out


@pytest.mark.parametrize("seed", range(40))
def test_settling_by_runs_matches_the_loop_over_every_hit(seed: int) -> None:
    rng = random.Random(seed)
    size = rng.choice([0, 1, 2, 3, 10, 200])
    candidates = sorted({(start, start + rng.randint(1, 12), "x") for start in (rng.randrange(300) for _ in range(size))})
    candidates = [(a, b, f"{a}-{b}") for a, b, _ in candidates]
    settled = settle(candidates)
    assert settled == settle_by_loop(candidates)
    assert not overlapping(settled)


def test_the_longest_wins_and_then_the_earlier() -> None:
    hits = [(0, 5, "le mi"), (3, 12, "ministre x"), (20, 24, "abcd"), (22, 26, "cdef"), (30, 31, "z")]
    assert settle(hits) == [(3, 12, "ministre x"), (20, 24, "abcd"), (30, 31, "z")]


def test_hits_that_do_not_overlap_come_back_as_they_are() -> None:
    hits = [(0, 2, "ab"), (2, 4, "cd"), (5, 9, "efgh")]
    assert settle(hits) is hits
