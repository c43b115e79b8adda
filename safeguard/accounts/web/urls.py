from django.urls import path

from safeguard.accounts.web import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("second-factor/", views.SecondFactorView.as_view(), name="second-factor"),
    path(
        "second-factor/set-up/", views.SecondFactorSetupView.as_view(), name="second-factor-setup"
    ),
]
