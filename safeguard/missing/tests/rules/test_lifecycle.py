from __future__ import annotations

import pytest

from safeguard.missing.rules.lifecycle import is_closed


@pytest.mark.parametrize(
    ("prevention", "return_interview", "closed"),
    [(True, True, True), (True, False, False), (False, True, False), (False, False, False)],
)
def test_an_episode_closes_only_when_both_interviews_are_accounted_for(
    prevention: bool, return_interview: bool, closed: bool
) -> None:
    assert (
        is_closed(prevention_interview_done=prevention, return_interview_recorded=return_interview)
        is closed
    )
