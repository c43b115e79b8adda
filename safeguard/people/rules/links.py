"""Links between person records as a graph (issue 6). Pure.

A standing ``SAME`` link joins two records of one person; the records so joined, directly
or through others, are one *group* and share one chronology. A merge gives a link a kept
side: the other record's id then redirects to it, and on along any chain of merges to the
*root*. Two rules keep this simple and safe:

- a new ``SAME`` link may only join two different groups, so each group's links form a
  tree (no cycle, so following merges always ends);
- a record may be merged away into only one other record at a time.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

Id = TypeVar("Id", bound=Hashable)


def group_of(start: Id, same_links: Iterable[tuple[Id, Id]]) -> set[Id]:
    """Every record joined to ``start`` by standing ``SAME`` links, ``start`` included."""
    neighbours: dict[Id, set[Id]] = {}
    for left, right in same_links:
        neighbours.setdefault(left, set()).add(right)
        neighbours.setdefault(right, set()).add(left)
    group = {start}
    frontier = [start]
    while frontier:
        for other in neighbours.get(frontier.pop(), ()):
            if other not in group:
                group.add(other)
                frontier.append(other)
    return group


def merge_root(start: Id, merged_into: Mapping[Id, Id]) -> Id:
    """Follow merges (merged-away id -> kept id) from ``start`` to the record that stands.

    :raises ValueError: the merges form a cycle (the link rules above make this impossible)
    """
    seen = {start}
    current = start
    while current in merged_into:
        current = merged_into[current]
        if current in seen:
            raise ValueError("merges form a cycle")
        seen.add(current)
    return current


def same_link_refusal(left: Id, right: Id, *, left_group: set[Id]) -> str | None:
    """Why two records may not be linked as the same person, or None if they may."""
    if left == right:
        return "A record cannot be linked to itself."
    if right in left_group:
        return "These records are already linked as the same person."
    return None


def merge_refusal(*, merged_away: Id, kept: Id, merged_into: Mapping[Id, Id]) -> str | None:
    """Why ``merged_away`` may not be merged into ``kept``, or None if it may."""
    if merged_away == kept:
        return "A record cannot be merged into itself."
    if merged_away in merged_into:
        return "That record is already merged into another; unmerge it first."
    return None
