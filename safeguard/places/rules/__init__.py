"""Pure rules for places and business concerns (Operation Makesafe, DOMAIN.md §7).

No Django, no database, no clock: time and force policy come in as arguments.
"""
