from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rest_framework.authtoken.models import Token

from safeguard.accounts.models import User


class Command(BaseCommand):
    help = "Issue (or show) the API token of a user, for an integration account."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user called {options['username']!r}.")
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
