"""Reminder settings, the calendar feeds' pages and the feed itself.

- ``/konto/installningar/``: the user's own daily reminder e-mail (on or off).
- ``/konto/kalender/``: the user's own calendar address in the active organisation; create
  (shown once), revoke.
- ``/organisation/kalender/``: the organisation's calendar address (administrators).
- ``/kalender/<token>.ics``: the feed, without login, session or cookies (the token is the
  key); unknown or revoked: 404.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from collab import calendar_feeds
from collab.generic import OrganisationAccessMixin
from collab.models import Access, UserPreference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = UserPreference
        fields = ["email_reminders"]


@method_decorator(never_cache, name="dispatch")
class PreferencesView(View):
    """The user's own settings: the daily reminder e-mail."""

    template_name = "collab/account/preferences.html"

    def instance(self, request):
        return UserPreference.objects.filter(user=request.user).first() or UserPreference(
            user=request.user
        )

    def render_form(self, request, form):
        return render(
            request,
            self.template_name,
            {
                "title": _("Reminders and calendar"),
                "form": form,
                "has_email": bool(request.user.email),
                "in_organisation": getattr(request, "membership", None) is not None,
            },
        )

    def get(self, request):
        return self.render_form(request, PreferenceForm(instance=self.instance(request)))

    def post(self, request):
        form = PreferenceForm(request.POST, instance=self.instance(request))
        if form.is_valid():
            form.save()
            if form.cleaned_data["email_reminders"]:
                messages.success(request, _("You get the daily reminder e-mail."))
            else:
                messages.success(request, _("You no longer get the daily reminder e-mail."))
            return HttpResponseRedirect(reverse("collab:preferences"))
        return self.render_form(request, form)


class _FeedPageMixin(OrganisationAccessMixin):
    """A calendar address page: the person's own (``personal``) or the organisation's."""

    personal = True
    page_url_name = ""
    revoke_url_name = ""

    def feed_user(self):
        return self.request.user if self.personal else None

    def current(self):
        return calendar_feeds.current_feed(self.request.organisation, self.feed_user())


@method_decorator(never_cache, name="dispatch")
class CalendarFeedView(_FeedPageMixin, TemplateView):
    """Whether a calendar address exists; POST creates a new one (revoking the earlier) and
    shows it, once, in the answer."""

    template_name = "collab/calendar_feed.html"
    page_url_name = "collab:calendar_feed"
    revoke_url_name = "collab:calendar_feed_revoke"
    title = gettext_lazy("My calendar")
    intro = gettext_lazy(
        "Subscribe to your calendar in Outlook, Google Calendar or on your phone: the tasks "
        "you are responsible for (on their due dates), the organisation's meetings and the "
        "network programmes' sessions. The address is private: anyone who has it can read "
        "the calendar."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.title,
            intro=self.intro,
            feed=self.current(),
            page_url=reverse(self.page_url_name),
            revoke_url=reverse(self.revoke_url_name),
        )
        return context

    def post(self, request, *args, **kwargs):
        feed, token = calendar_feeds.create_feed(
            organisation=request.organisation, user=self.feed_user(), created_by=request.user
        )
        context = self.get_context_data(**kwargs)
        context.update(
            feed=feed,
            created=True,
            feed_url=request.build_absolute_uri(
                reverse("calendar_feed_ics", kwargs={"token": token})
            ),
        )
        return self.render_to_response(context)


class OrganisationCalendarFeedView(CalendarFeedView):
    personal = False
    required_access = Access.MANAGE
    page_url_name = "collab:organisation_calendar_feed"
    revoke_url_name = "collab:organisation_calendar_feed_revoke"
    title = gettext_lazy("The organisation's calendar")
    intro = gettext_lazy(
        "A calendar of everything dated in the organisation: meetings, due dates of "
        "activities and decided actions, review dates of governing documents and the network "
        "programmes' sessions, for e.g. a shared calendar. The address is private: anyone who "
        "has it can read the calendar."
    )


@method_decorator(never_cache, name="dispatch")
class CalendarFeedRevokeView(_FeedPageMixin, TemplateView):
    """Confirm, then revoke: the address answers 404 from the next request on."""

    template_name = "collab/calendar_feed_revoke.html"
    page_url_name = "collab:calendar_feed"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("Revoke the calendar address"),
            feed=self.current(),
            page_url=reverse(self.page_url_name),
        )
        return context

    def post(self, request, *args, **kwargs):
        feed = self.current()
        if feed is not None:
            calendar_feeds.revoke_feed(feed=feed)
            messages.success(
                request,
                _("The calendar address was revoked. Calendars subscribed to it no longer update."),
            )
        return HttpResponseRedirect(reverse(self.page_url_name))


class OrganisationCalendarFeedRevokeView(CalendarFeedRevokeView):
    personal = False
    required_access = Access.MANAGE
    page_url_name = "collab:organisation_calendar_feed"


@login_not_required
@require_safe
def calendar_feed_ics(request, token):
    """The feed: the token is the only key (no login, no session, no cookie set)."""
    feed = calendar_feeds.find_feed(token)
    if feed is None:
        raise Http404
    body = calendar_feeds.ics(feed, request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="samverka.ics"'
    return response
