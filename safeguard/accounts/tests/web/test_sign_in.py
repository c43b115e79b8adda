"""Sign-in: passwords hashed with Argon2, lock-out after repeated failures, TOTP for staff."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.hashers import identify_hasher
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
SIGN_IN = reverse("accounts:sign-in")
HOME = reverse("core:home")


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


class TestPasswordHashing:
    def test_production_hasher_is_argon2(self) -> None:
        from config.settings import base

        assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")

    @override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
    def test_stored_passwords_are_argon2(self, make_user) -> None:
        user = make_user(Role.RESPONSE_OFFICER)
        user.set_password(PASSWORD)
        assert identify_hasher(user.password).algorithm == "argon2"


class TestSecondFactor:
    def test_staff_must_enrol_and_pass_totp_before_any_page(self, make_user) -> None:
        user = make_user(Role.RESPONSE_OFFICER)
        client = Client()
        # given a correct password
        response = client.post(SIGN_IN, {"username": user.username, "password": PASSWORD})
        assert response.status_code == 302
        # then every page sends them to the second factor, which sends them to set-up
        assert client.get(HOME)["Location"] == reverse("accounts:second-factor")
        setup = client.get(reverse("accounts:second-factor"))
        assert setup["Location"] == reverse("accounts:second-factor-setup")
        page = client.get(setup["Location"])
        assert b"data:image/svg+xml" in page.content
        # when they confirm with the code their app shows
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        ok = client.post(reverse("accounts:second-factor-setup"), {"code": current_code(device)})
        assert ok.status_code == 302
        assert client.get(HOME).status_code == 200
        assert AuditEvent.objects.filter(event_type="account.second_factor_enrolled").exists()

    def test_a_wrong_code_is_refused_and_throttled(self, make_user) -> None:
        user = make_user(Role.RESPONSE_OFFICER)
        client = Client()
        client.post(SIGN_IN, {"username": user.username, "password": PASSWORD})
        client.get(reverse("accounts:second-factor-setup"))
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        wrong = "000000" if current_code(device) != "000000" else "111111"
        refused = client.post(reverse("accounts:second-factor-setup"), {"code": wrong})
        assert refused.status_code == 400
        assert "not right" in refused.content.decode()
        # django-otp throttles after a failure: even the right code waits
        assert (
            client.post(
                reverse("accounts:second-factor-setup"), {"code": current_code(device)}
            ).status_code
            == 400
        )
        assert client.get(HOME).status_code == 302

    def test_enrolled_staff_enter_their_code(self, make_user) -> None:
        user = make_user(Role.SUPERVISOR)
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        client = Client()
        client.post(SIGN_IN, {"username": user.username, "password": PASSWORD})
        refused = client.post(reverse("accounts:second-factor"), {"code": "12ab"})
        assert refused.status_code == 400
        assert "6-digit" in refused.content.decode()
        client.post(reverse("accounts:second-factor"), {"code": current_code(device)})
        assert client.get(HOME).status_code == 200

    def test_session_api_calls_need_the_second_factor_too(self, make_user) -> None:
        user = make_user(Role.RESPONSE_OFFICER)
        client = Client()
        client.post(SIGN_IN, {"username": user.username, "password": PASSWORD})
        response = client.get(reverse("people-api:person-list"), {"name": "x"})
        assert response.status_code == 403

    def test_partners_sign_in_with_a_password_alone(self, make_user) -> None:
        user = make_user(Role.SCHOOL_DSL)
        client = Client()
        client.post(SIGN_IN, {"username": user.username, "password": PASSWORD})
        assert client.get(HOME).status_code == 200

    def test_demo_setting_relaxes_the_factor_and_says_so(self, make_user) -> None:
        user = make_user(Role.RESPONSE_OFFICER)
        client = Client()
        with override_settings(SAFEGUARD={**settings.SAFEGUARD, "RELAX_SECOND_FACTOR": True}):
            client.post(SIGN_IN, {"username": user.username, "password": PASSWORD})
            page = client.get(HOME)
        assert page.status_code == 200
        assert "second sign-in factor is switched off" in page.content.decode()


class TestLockOut:
    def test_locks_the_account_after_repeated_failures(self, make_user) -> None:
        user = make_user(Role.RESPONSE_OFFICER)
        client = Client()
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(SIGN_IN, {"username": user.username, "password": "wrong password"})
        locked = client.post(SIGN_IN, {"username": user.username, "password": PASSWORD})
        assert locked.status_code == 429
        assert "locked" in locked.content.decode()
        assert client.get(HOME).status_code == 302

    def test_a_wrong_password_shows_an_error_summary(self, make_user) -> None:
        user = make_user(Role.RESPONSE_OFFICER)
        response = Client().post(SIGN_IN, {"username": user.username, "password": "nope"})
        assert response.status_code == 200
        assert "govuk-error-summary" in response.content.decode()


class TestSessionsAndHeaders:
    def test_sessions_end_after_idle_time(self) -> None:
        assert settings.SESSION_SAVE_EVERY_REQUEST is True
        assert settings.SESSION_COOKIE_AGE <= 30 * 60

    def test_pages_carry_a_strict_csp_with_no_inline_script(self) -> None:
        response = Client().get(SIGN_IN)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "<script>" not in response.content.decode()
        assert response["X-Frame-Options"] == "DENY"

    def test_signing_out_ends_the_session(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        assert client.get(HOME).status_code == 200
        client.post(reverse("accounts:sign-out"))
        assert client.get(HOME).status_code == 302


class TestIdleTimeOut:
    def test_a_session_idle_past_the_limit_is_signed_out(self, client_for) -> None:
        import datetime as dt

        import time_machine

        from safeguard.core import clock

        client, _ = client_for(Role.RESPONSE_OFFICER)
        start = clock.now() + dt.timedelta(seconds=5)
        with time_machine.travel(start, tick=False):
            assert client.get(HOME).status_code == 200
        with time_machine.travel(
            start + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60), tick=False
        ):
            assert client.get(HOME).status_code == 200  # activity pushes the expiry on
        idle = start + dt.timedelta(seconds=2 * settings.SESSION_COOKIE_AGE)
        with time_machine.travel(idle, tick=False):
            assert client.get(HOME).status_code == 302
