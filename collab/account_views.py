"""The signed-in user's own two-factor authentication: set up, verify at login, recovery codes,
turn off. And an administrator lifting a member's login lockout."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from collab import accounts
from collab.forms import OneTimeCodeForm, PasswordConfirmForm, RecoveryCodeForm
from collab.generic import OrganisationAccessMixin, OrgQuerysetMixin
from collab.models import Access, Membership


def _next_url(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return default


@method_decorator(never_cache, name="dispatch")
class TwoFactorView(View):
    """Status of the user's own two-factor authentication, with what they can do."""

    def get(self, request):
        enabled = accounts.remember_two_factor(request)
        organisation = getattr(request, "organisation", None)
        return render(
            request,
            "collab/account/two_factor.html",
            {
                "title": _("Two-factor authentication"),
                "enabled": enabled,
                "remaining_codes": accounts.remaining_recovery_codes(request.user)
                if enabled
                else 0,
                "required": organisation is not None and organisation.require_two_factor,
            },
        )


@method_decorator(never_cache, name="dispatch")
class TwoFactorSetupView(View):
    """Scan the QR code (or type the secret), confirm with a code: on, with recovery codes."""

    template_name = "collab/account/two_factor_setup.html"

    def render_form(self, request, form, status=200):
        device = accounts.pending_device(request.user)
        path, size = accounts.qr_path(device.config_url)
        organisation = getattr(request, "organisation", None)
        return render(
            request,
            self.template_name,
            {
                "title": _("Turn on two-factor authentication"),
                "form": form,
                "secret": accounts.secret_text(device),
                "qr_path": path,
                "qr_size": size,
                "next": _next_url(request, ""),
                "required": organisation is not None and organisation.require_two_factor,
            },
            status=status,
        )

    def get(self, request):
        if accounts.remember_two_factor(request):
            return HttpResponseRedirect(reverse("collab:two_factor"))
        return self.render_form(request, OneTimeCodeForm())

    def post(self, request):
        if accounts.remember_two_factor(request):
            return HttpResponseRedirect(reverse("collab:two_factor"))
        form = OneTimeCodeForm(request.POST)
        if form.is_valid():
            device = accounts.pending_device(request.user)
            allowed, _data = device.verify_is_allowed()
            if not allowed:
                form.add_error(
                    "code",
                    _("Too many wrong codes in a row. Wait a few seconds and try again."),
                )
                return self.render_form(request, form)
            codes = accounts.confirm_device(
                request, device, "".join(form.cleaned_data["code"].split())
            )
            if codes is not None:
                messages.success(request, _("Two-factor authentication is on."))
                return render(
                    request,
                    "collab/account/two_factor_codes.html",
                    {
                        "title": _("Your recovery codes"),
                        "codes": codes,
                        "next": _next_url(request, reverse("collab:home")),
                    },
                )
            form.add_error(
                "code",
                _(
                    "The code is not correct. Check that the time on your phone is right and "
                    "enter the code that the app shows now."
                ),
            )
        return self.render_form(request, form)


@method_decorator(never_cache, name="dispatch")
class TwoFactorVerifyView(View):
    """The second step of the login: the app's code or a recovery code."""

    template_name = "collab/account/two_factor_verify.html"

    def render_form(self, request, form=None, recovery_form=None):
        return render(
            request,
            self.template_name,
            {
                "title": _("Two-factor authentication"),
                "form": form or OneTimeCodeForm(),
                "recovery_form": recovery_form or RecoveryCodeForm(),
                "next": _next_url(request, ""),
            },
        )

    def get(self, request):
        if not accounts.remember_two_factor(request) or request.user.is_verified():
            return HttpResponseRedirect(_next_url(request, reverse("collab:home")))
        return self.render_form(request)

    def post(self, request):
        if not accounts.remember_two_factor(request) or request.user.is_verified():
            return HttpResponseRedirect(_next_url(request, reverse("collab:home")))
        username = request.user.get_username()
        if accounts.is_locked_out(request, username):
            return accounts.lock_out(request)
        recovery = "recovery_code" in request.POST
        form = RecoveryCodeForm(request.POST) if recovery else OneTimeCodeForm(request.POST)
        field = "recovery_code" if recovery else "code"

        def again(message=None):
            if message:
                form.add_error(field, message)
            if recovery:
                return self.render_form(request, recovery_form=form)
            return self.render_form(request, form=form)

        if not form.is_valid():
            return again()
        until = accounts.throttled_until(request.user)
        if until is not None and until > timezone.now():
            # An attempt during django-otp's growing delay counts as a failure too.
            if accounts.record_failure(request, username):
                return accounts.lock_out(request)
            return again(_("Too many wrong codes in a row. Wait a few seconds and try again."))
        device = accounts.verify_code(request, form.cleaned_data[field])
        if device is None:
            if accounts.record_failure(request, username):
                return accounts.lock_out(request)
            return again(_("The code is not correct."))
        otp_login(request, device)
        request.session.cycle_key()
        if isinstance(device, StaticDevice):
            left = accounts.remaining_recovery_codes(request.user)
            messages.warning(
                request,
                ngettext(
                    "You logged in with a recovery code; %(count)s code is left. "
                    "Create new ones under Two-factor authentication if you are "
                    "running out.",
                    "You logged in with a recovery code; %(count)s codes are left. "
                    "Create new ones under Two-factor authentication if you are "
                    "running out.",
                    left,
                )
                % {"count": left},
            )
        return HttpResponseRedirect(_next_url(request, reverse("collab:home")))


class _PasswordConfirmedView(View):
    """A change to the user's own two-factor authentication, confirmed with the password."""

    template_name = "collab/account/two_factor_confirm.html"
    title = ""
    intro = ""
    submit_label = ""
    danger = False

    def render_form(self, request, form):
        return render(
            request,
            self.template_name,
            {
                "title": self.title,
                "intro": self.intro,
                "submit_label": self.submit_label,
                "danger": self.danger,
                "form": form,
            },
        )

    def get(self, request):
        if not accounts.remember_two_factor(request):
            return HttpResponseRedirect(reverse("collab:two_factor"))
        return self.render_form(request, PasswordConfirmForm(user=request.user))

    def post(self, request):
        if not accounts.remember_two_factor(request):
            return HttpResponseRedirect(reverse("collab:two_factor"))
        username = request.user.get_username()
        if accounts.is_locked_out(request, username):
            return accounts.lock_out(request)
        form = PasswordConfirmForm(request.POST, user=request.user)
        if form.is_valid():
            return self.confirmed(request)
        if "password" in form.errors and accounts.record_failure(request, username):
            return accounts.lock_out(request)
        return self.render_form(request, form)


@method_decorator(never_cache, name="dispatch")
class TwoFactorDisableView(_PasswordConfirmedView):
    danger = True

    title = gettext_lazy("Turn off two-factor authentication")
    intro = gettext_lazy(
        "Your account will be protected by the password only. The authenticator app's "
        "entry and your recovery codes stop working."
    )
    submit_label = gettext_lazy("Turn off")

    def confirmed(self, request):
        accounts.disable_two_factor(request)
        messages.success(request, _("Two-factor authentication is off."))
        return HttpResponseRedirect(reverse("collab:two_factor"))


@method_decorator(never_cache, name="dispatch")
class TwoFactorRecoveryCodesView(_PasswordConfirmedView):
    title = gettext_lazy("New recovery codes")
    intro = gettext_lazy("Your earlier recovery codes stop working when you create new ones.")
    submit_label = gettext_lazy("Create new recovery codes")

    def confirmed(self, request):
        codes = accounts.regenerate_recovery_codes(request.user)
        return render(
            request,
            "collab/account/two_factor_codes.html",
            {
                "title": _("Your recovery codes"),
                "codes": codes,
                "next": reverse("collab:two_factor"),
            },
        )


class MembershipUnlockView(OrganisationAccessMixin, OrgQuerysetMixin, DetailView):
    """An administrator lifts a member's login lockout (too many failed logins)."""

    model = Membership
    select_related = ("user",)
    required_access = Access.MANAGE
    template_name = "collab/account/membership_unlock.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        username = self.object.user.get_username()
        context["title"] = _("Lift the login lockout")
        context["locked"] = bool(accounts.locked_usernames([username]))
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        user = self.object.user
        accounts.unlock(user.get_username())
        messages.success(
            request,
            _("%(name)s can log in again.") % {"name": user.get_full_name() or user.username},
        )
        return HttpResponseRedirect(self.object.get_absolute_url())
