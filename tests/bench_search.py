"""Time the as-you-type cost: parse_query + search over the bundled article (run: python tests/bench_search.py)."""

from __future__ import annotations

import statistics
import time

from reader.load.build import load_article
from reader.settings.paths import bundled_articles
from reader.search.engine import ArticleIndex, SearchOptions, parse_query, search

QUERIES = [
    ("g", SearchOptions()), ("goita", SearchOptions()), ("Goïta", SearchOptions()), ("e", SearchOptions()),
    ("l'etat", SearchOptions()), ("10000", SearchOptions()), ("45%", SearchOptions()), ("mali", SearchOptions(whole_word=True)),
    ("person:poutine", SearchOptions()), ("figure:>100", SearchOptions()), ("date:<2024", SearchOptions()),
    (r"go.ta|\d+", SearchOptions(regex=True)),
]


def median_ms(function, runs: int = 200) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    article = load_article(next(bundled_articles().glob("*.yaml")))
    start = time.perf_counter()
    index = ArticleIndex(article)
    index.warm()
    print(f"index build, all 4 variants: {(time.perf_counter() - start) * 1000:.2f} ms")
    print(f"first query on a cold index:  {median_ms(lambda: search(ArticleIndex(article), parse_query('goita')), 20):.2f} ms")
    for text, options in QUERIES:
        count = len(search(index, parse_query(text, options)))
        ms = median_ms(lambda: search(index, parse_query(text, options)))
        print(f"{text!r:22} {count:4} matches  {ms:.3f} ms")


if __name__ == "__main__":
    main()
