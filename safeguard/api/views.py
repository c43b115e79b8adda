"""The base class every API view extends."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.decorators import login_not_required
from rest_framework.views import APIView

from safeguard.access.rules.capabilities import Capability


class BaseApi(APIView):
    """Names the capability it needs; DRF authenticates, so Django's login redirect is off."""

    required_capability: ClassVar[Capability | None] = None

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        if cls.required_capability is None:
            raise TypeError(f"{cls.__name__} must declare required_capability")
        return login_not_required(super().as_view(**initkwargs))
