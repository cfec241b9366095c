"""Login security: throttling (django-axes) and two-factor authentication (django-otp).

- :func:`client_ip` tells django-axes the client's address, also behind a reverse proxy.
- :func:`lockout_response` is the Swedish page shown while a user name is locked.
- Two-factor authentication is TOTP (an authenticator app) with single-use recovery codes.
  Whether the signed-in user has it is remembered in the session at login
  (:func:`remember_two_factor`), so ordinary pages cost no extra query;
  :class:`TwoFactorMiddleware` then asks for the code before anything else, and sends a user
  without two-factor authentication to the setup page inside an organisation that requires it
  (and a superuser in the Django admin).
"""

import datetime

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from collab.models import Role

SESSION_KEY = "samverka_two_factor"
RECOVERY_CODE_COUNT = 10

# --- login throttling ----------------------------------------------------------------------------


def client_ip(request) -> str | None:
    """The client's address: behind ``SAMVERKA_PROXY_COUNT`` proxies, the address that the
    outermost proxy saw (each proxy appends its peer to X-Forwarded-For); otherwise the peer."""
    count = getattr(settings, "SAMVERKA_PROXY_COUNT", 0)
    if count:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """429 with a Swedish page that says when the user may try again."""
    cool_off = settings.AXES_COOLOFF_TIME
    # Every attempt during the lockout restarts it, so the lockout ends one cool-off from now.
    until = timezone.localtime(timezone.now() + cool_off)
    minutes = int(cool_off.total_seconds() // 60)
    response = render(
        request,
        "registration/locked_out.html",
        {"until": until, "minutes": minutes},
        status=429,
    )
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


def record_failure(request, username: str) -> bool:
    """Count a failed check (a wrong one-time code or password) like a failed login.

    Returns True when this user name is now locked out from this address.
    """
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
    return bool(getattr(request, "axes_locked_out", False))


def is_locked_out(request, username: str) -> bool:
    from axes.handlers.proxy import AxesProxyHandler

    return AxesProxyHandler.is_locked(request, {"username": username})


def lock_out(request):
    """End the half-finished login and answer with the lockout page."""
    logout(request)
    return lockout_response(request)


def locked_usernames(usernames) -> set[str]:
    """Which of ``usernames`` are locked out now (from any address)."""
    from axes.models import AccessAttempt

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return set(
        AccessAttempt.objects.filter(
            username__in=list(usernames),
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
            attempt_time__gte=since,
        ).values_list("username", flat=True)
    )


def unlock(username: str) -> int:
    """Lift a lockout of ``username`` from every address; returns the number of records."""
    from axes.utils import reset

    return reset(username=username)


# --- two-factor authentication ------------------------------------------------------------------


def has_two_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def remember_two_factor(request, user=None) -> bool:
    enabled = has_two_factor(user or request.user)
    request.session[SESSION_KEY] = enabled
    return enabled


def two_factor_enabled(request) -> bool:
    """Whether the signed-in user has two-factor authentication (remembered in the session)."""
    enabled = request.session.get(SESSION_KEY)
    if enabled is None:
        enabled = remember_two_factor(request)
    return enabled


def _on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        remember_two_factor(request, user)


def connect_signals() -> None:
    user_logged_in.connect(_on_login, dispatch_uid="samverka-two-factor-login")


def pending_device(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up (the same secret until it is confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret in base 32 in groups of four, for typing it into the app by hand."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_path(data: str) -> tuple[str, int]:
    """The QR code of ``data`` as an SVG path (only M/h/v/z and numbers) and its size."""
    import qrcode

    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    parts = [
        f"M{x} {y}h1v1h-1z" for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark
    ]
    return "".join(parts), len(matrix)


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@transaction.atomic
def confirm_device(request, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the app with a code from it: two-factor authentication is on, this session is
    verified, earlier devices are replaced. Returns the new recovery codes, or None."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=request.user)
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.name = "Authenticator app"
    device.save()
    TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
    codes = _new_recovery_codes(request.user)
    otp_login(request, device)
    request.session[SESSION_KEY] = True
    return codes


@transaction.atomic
def regenerate_recovery_codes(user) -> list[str]:
    return _new_recovery_codes(user)


@transaction.atomic
def disable_two_factor(request) -> None:
    TOTPDevice.objects.filter(user=request.user).delete()
    StaticDevice.objects.filter(user=request.user).delete()
    request.session[SESSION_KEY] = False
    request.session.pop("otp_device_id", None)


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify_code(request, code: str):
    """The device that accepts ``code`` (the app's code or an unused recovery code), or None."""
    code = "".join(code.split()).lower()
    if not code:
        return None
    with transaction.atomic():
        if len(code) == 6 and code.isdigit():
            devices = list(
                TOTPDevice.objects.select_for_update().filter(user=request.user, confirmed=True)
            )
        else:
            devices = list(
                StaticDevice.objects.select_for_update().filter(user=request.user, confirmed=True)
            )
        for device in devices:
            if device.verify_token(code):
                return device
    return None


def throttled_until(user) -> datetime.datetime | None:
    """When django-otp's growing delay after wrong codes ends, if it has not yet."""
    devices = [
        *TOTPDevice.objects.filter(user=user, confirmed=True),
        *StaticDevice.objects.filter(user=user, confirmed=True),
    ]
    for device in devices:
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("locked_until"):
            return data["locked_until"]
    return None


def two_factor_required(request) -> bool:
    """Inside an organisation that requires it; for superusers, in the Django admin."""
    organisation = getattr(request, "organisation", None)
    if organisation is not None and organisation.require_two_factor:
        return True
    return request.path.startswith("/admin/") and request.user.is_superuser


# URL names a user can reach before the second step or before setting it up.
VERIFY_ALLOWED = {
    "logout",
    "admin:logout",
    "set_language",
    "healthz",
    "collab:two_factor_verify",
}
SETUP_ALLOWED = VERIFY_ALLOWED | {
    "collab:two_factor",
    "collab:two_factor_setup",
    "collab:switch_organisation",
    "password_change",
    "password_change_done",
}


class TwoFactorMiddleware:
    """After the password: the one-time code before anything else; inside an organisation that
    requires two-factor authentication, its setup before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            redirect = self.redirect_for(request, user)
            if redirect is not None:
                return redirect
        return self.get_response(request)

    def redirect_for(self, request, user):
        if two_factor_enabled(request):
            if user.is_verified():
                return None
            target, allowed = "collab:two_factor_verify", VERIFY_ALLOWED
        elif two_factor_required(request):
            target, allowed = "collab:two_factor_setup", SETUP_ALLOWED
        else:
            return None
        try:
            name = resolve(request.path_info).view_name
        except Resolver404:
            name = None
        if name in allowed:
            return None
        url = reverse(target)
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(url)


def context(request):
    """``two_factor_nudge``: an administrator without two-factor authentication."""
    user = getattr(request, "user", None)
    membership = getattr(request, "membership", None)
    nudge = (
        user is not None
        and user.is_authenticated
        and membership is not None
        and membership.role == Role.ADMINISTRATOR
        and hasattr(request, "session")
        and not two_factor_enabled(request)
    )
    return {"two_factor_nudge": nudge}
