"""Overlapping alias hits settled: the longest wins, at equal length the earlier one."""

from __future__ import annotations

from itertools import accumulate, islice


def settle(candidates: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The longest alias wins where two overlap; at equal length, the earlier one.

    Candidates come sorted by start; the greedy choice runs on each run of candidates that
    overlap one another (a choice never reaches beyond its run), so single ones cost nothing.
    A candidate joins the run before it when it starts before the furthest end so far: those
    are found by one pass in C (a loop in Python over every candidate of 10 MB cost more).
    """
    if len(candidates) < 2:
        return candidates
    reach = accumulate([c[1] for c in candidates], max)
    joins = [i for i, (candidate, furthest) in enumerate(zip(islice(candidates, 1, None), reach)) if candidate[0] < furthest]
    if not joins:
        return candidates
    out: list[tuple[int, int, str]] = []
    done = 0
    i, n = 0, len(joins)
    while i < n:
        first = last = joins[i]  # candidates first .. last + 1 make one run
        i += 1
        while i < n and joins[i] == last + 1:
            last += 1
            i += 1
        out += candidates[done:first]
        out += greedy(candidates[first:last + 2])
        done = last + 2
    out += candidates[done:]
    return out


def greedy(candidates: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Longest first (then earliest), each taken unless it overlaps one already taken.

    Every one taken before is at least as long as the candidate, so it overlaps the candidate
    exactly when it covers the candidate's first or last character: two lookups in a map of
    covered characters, where testing against every one taken made "a a a ..." quadratic.
    """
    if len(candidates) == 2:  # two that overlap, the first starting first: the longer, else the first
        first, second = candidates
        return [first] if first[1] - first[0] >= second[1] - second[0] else [second]
    base = candidates[0][0]
    covered = bytearray(max(end for _, end, _ in candidates) - base)
    taken: list[tuple[int, int, str]] = []
    for start, end, text in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if start == end or covered[start - base] or covered[end - 1 - base]:
            continue
        covered[start - base:end - base] = b"\x01" * (end - start)
        taken.append((start, end, text))
    return sorted(taken)


def overlapping(candidates: list[tuple[int, int, str]]) -> bool:
    """True when two of the candidates (sorted by start) overlap."""
    reach = -1
    for start, end, _ in candidates:
        if start < reach:
            return True
        if end > reach:
            reach = end
    return False
