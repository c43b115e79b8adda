"""When a missing episode is over (DOMAIN.md §2.2). Pure."""

from __future__ import annotations


def is_closed(*, prevention_interview_done: bool, return_interview_recorded: bool) -> bool:
    """Tell whether a found child's episode can close.

    Both interventions after a return must be accounted for: the police prevention
    interview, and the local authority's return interview (held, refused or not held, with
    its reason) (DOMAIN.md §2.2 [S]).
    """
    return prevention_interview_done and return_interview_recorded
