"""Links between person records as a graph: groups, merge roots, refusals (issue 6)."""

from __future__ import annotations

import pytest

from safeguard.people.rules.links import group_of, merge_refusal, merge_root, same_link_refusal


@pytest.mark.parametrize(
    ("start", "links", "group"),
    [
        ("a", [], {"a"}),
        ("a", [("a", "b")], {"a", "b"}),
        ("b", [("a", "b")], {"a", "b"}),
        ("a", [("a", "b"), ("b", "c")], {"a", "b", "c"}),
        ("c", [("a", "b"), ("c", "d")], {"c", "d"}),
        ("a", [("a", "b"), ("b", "a"), ("b", "c"), ("c", "a")], {"a", "b", "c"}),
    ],
)
def test_group_of_follows_links_either_way(
    start: str, links: list[tuple[str, str]], group: set[str]
) -> None:
    assert group_of(start, links) == group


@pytest.mark.parametrize(
    ("start", "merges", "root"),
    [
        ("a", {}, "a"),
        ("a", {"a": "b"}, "b"),
        ("a", {"a": "b", "b": "c"}, "c"),
        ("b", {"a": "b"}, "b"),
    ],
)
def test_merge_root_follows_the_chain(start: str, merges: dict[str, str], root: str) -> None:
    assert merge_root(start, merges) == root


def test_merge_root_refuses_a_cycle() -> None:
    with pytest.raises(ValueError, match="cycle"):
        merge_root("a", {"a": "b", "b": "a"})


@pytest.mark.parametrize(
    ("left", "right", "group", "refusal"),
    [
        ("a", "a", {"a"}, "itself"),
        ("a", "b", {"a", "b"}, "already linked"),
        ("a", "c", {"a", "b"}, None),
    ],
)
def test_same_link_refusal(left: str, right: str, group: set[str], refusal: str | None) -> None:
    answer = same_link_refusal(left, right, left_group=group)
    assert (answer is None) if refusal is None else (refusal in (answer or ""))


@pytest.mark.parametrize(
    ("away", "kept", "merges", "refusal"),
    [
        ("a", "a", {}, "itself"),
        ("a", "b", {"a": "c"}, "already merged"),
        ("a", "b", {"b": "c"}, None),
        ("a", "b", {}, None),
    ],
)
def test_merge_refusal(away: str, kept: str, merges: dict[str, str], refusal: str | None) -> None:
    answer = merge_refusal(merged_away=away, kept=kept, merged_into=merges)
    assert (answer is None) if refusal is None else (refusal in (answer or ""))
