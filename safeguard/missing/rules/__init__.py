"""Pure rules for missing children (DOMAIN.md §2, §10.1): no Django, no clock."""
