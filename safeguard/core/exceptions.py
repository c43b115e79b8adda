"""Exceptions shared by every app."""


class DomainError(Exception):
    """A rule of the domain refused the action; the message is safe to show to the user."""


class NotFoundOrForbidden(DomainError):
    """The record does not exist or is outside the actor's scope: the two are answered alike."""

    def __init__(self, message: str = "Not found.") -> None:
        super().__init__(message)


class CapabilityMissing(DomainError):
    """The actor's role does not grant the capability the action needs."""


class EditConflict(DomainError):
    """Someone else saved the record after the actor loaded it."""

    def __init__(
        self,
        message: str = "This record was changed by someone else after you opened it. "
        "Reload it, check their changes and make yours again.",
    ) -> None:
        super().__init__(message)
