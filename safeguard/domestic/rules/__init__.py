"""Pure rules for domestic abuse and Operation Encompass (no Django)."""
