"""Sign-in, second factor and sign-out."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeguard.accounts.services import totp_device_confirm, totp_device_pending
from safeguard.accounts.web.forms import CodeForm, SignInForm


@method_decorator(login_not_required, name="dispatch")
class SignInView(LoginView):
    public = True
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(View):
    """Signing out is open to any signed-in user (POST only)."""

    public = True

    def post(self, request: HttpRequest) -> HttpResponse:
        logout(request)
        return HttpResponseRedirect(reverse("accounts:sign-in"))


class SecondFactorView(View):
    """Ask a signed-in staff user for their TOTP code; send them to set-up if they have none."""

    public = True  # reachable signed in but before verification; LoginRequired still applies

    def get(self, request: HttpRequest) -> HttpResponse:
        if not TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
            return HttpResponseRedirect(reverse("accounts:second-factor-setup"))
        return render(request, "accounts/second_factor.html", {"form": CodeForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CodeForm(request.POST)
        if form.is_valid():
            device = match_token(request.user, form.cleaned_data["code"])
            if device is not None:
                otp_login(request, device)
                return HttpResponseRedirect(reverse("core:home"))
            form.add_error("code", "That code is not right, or it has expired. Try the newest code")
        return render(request, "accounts/second_factor.html", {"form": form}, status=400)


class SecondFactorSetupView(View):
    """Enrol an authenticator app: show the key as a QR code and as text, confirm with a code."""

    public = True

    def _context(self, request: HttpRequest, form: CodeForm) -> dict[str, Any]:
        device = totp_device_pending(user=request.user)  # type: ignore[arg-type]
        secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
        qr = segno.make(device.config_url, error="m")
        return {"form": form, "secret": secret, "qr_data_uri": qr.svg_data_uri(scale=4)}

    def get(self, request: HttpRequest) -> HttpResponse:
        if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
            return HttpResponseRedirect(reverse("accounts:second-factor"))
        return render(
            request, "accounts/second_factor_setup.html", self._context(request, CodeForm())
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CodeForm(request.POST)
        device = totp_device_pending(user=request.user)  # type: ignore[arg-type]
        if form.is_valid():
            if device.verify_token(form.cleaned_data["code"]):
                totp_device_confirm(user=request.user, device=device)  # type: ignore[arg-type]
                otp_login(request, device)
                messages.success(request, "Your authenticator app is set up.")
                return HttpResponseRedirect(reverse("core:home"))
            form.add_error(
                "code", "That code is not right. Check the time on your phone and try again"
            )
        return render(
            request, "accounts/second_factor_setup.html", self._context(request, form), status=400
        )
