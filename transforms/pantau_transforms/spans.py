"""Sets of half-open spans ``[start, end)`` of a body, asked "is this offset inside one?".

The fact rules skip what lies in "Baca juga" lines, in quotations or in pairs already read. A
list scanned on every question costs (questions × spans), and both grow with the text, so a
long body took quadratic time; here the spans are kept merged and sorted, and a question is a
binary search. An empty span holds no offset and is not kept.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class SpanSet:
    """The union of spans, kept as sorted disjoint ``[start, end)`` runs."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        if end <= start:
            return
        # Runs [first, last) touch or overlap the new span: they merge into one.
        first = bisect_left(self._ends, start)
        last = bisect_right(self._starts, end)
        if first < last:
            start = min(start, self._starts[first])
            end = max(end, self._ends[last - 1])
        self._starts[first:last] = [start]
        self._ends[first:last] = [end]

    def __contains__(self, pos: int) -> bool:
        index = bisect_right(self._starts, pos) - 1
        return index >= 0 and pos < self._ends[index]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares an offset with a span of the set."""
        index = bisect_left(self._ends, start + 1)  # the first run ending after ``start``
        return index < len(self._starts) and self._starts[index] < end

    def __len__(self) -> int:
        return len(self._starts)
