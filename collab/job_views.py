"""The page of a background job (``/jobb/<id>/``), its status as JSON for the progress bar's
script, and the file a job made. Another organisation's job is a 404 (scoped manager)."""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.views.generic import DetailView

from collab.generic import OrganisationAccessMixin
from collab.models import Job


class JobMixin(OrganisationAccessMixin):
    model = Job

    def get_queryset(self):
        return Job.objects.defer("payload", "result")


def done_url(job: Job) -> str:
    """Where a finished job leads: its file, else its result page."""
    if job.result_name:
        return reverse("collab:job_download", kwargs={"pk": job.pk})
    return job.result_url


def follow(request, job: Job) -> HttpResponseRedirect | None:
    """Where a finished job leads the user: its result page with its message, or, for a
    refusal the user can act on, that page with the reason; None if the job's own page is
    the answer (running, a file, an unexpected error)."""
    if job.status == Job.Status.DONE and job.result_url and not job.result_name:
        if job.message:
            messages.success(request, job.message)
        return HttpResponseRedirect(job.result_url)
    if job.status == Job.Status.FAILED and job.result_url:
        messages.error(request, job.error)
        return HttpResponseRedirect(job.result_url)
    return None


def redirect_to_job(request, job: Job) -> HttpResponseRedirect:
    """The answer to a page that started ``job``: its outcome if it is done already (an idle
    worker), else its page with the progress."""
    return follow(request, job) or HttpResponseRedirect(job.get_absolute_url())


class JobDetailView(JobMixin, DetailView):
    """Progress while the work runs (the page polls :class:`JobStatusView`; without
    JavaScript, an "Update" link); when done, the result page or the file to download; what
    went wrong when it failed (on the page, or as a message where the user can act)."""

    template_name = "collab/job_detail.html"
    context_object_name = "job"

    def get(self, request, *args, **kwargs):
        self.object = job = self.get_object()
        response = follow(request, job)
        if response is not None:
            return response
        return self.render_to_response(self.get_context_data(object=job))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "title": self.object.title,
                "status_url": reverse("collab:job_status", kwargs={"pk": self.object.pk}),
                "back_url": self.object.params.get("back_url", ""),
            }
        )
        return context


class JobStatusView(JobMixin, DetailView):
    """The job's state as JSON, polled by static/js/job-progress.js."""

    def get(self, request, *args, **kwargs):
        job = self.get_object()
        return JsonResponse(
            {
                "title": job.title,
                "status": job.status,
                "status_label": str(job.get_status_display()),
                "done": job.done,
                "total": job.total,
                "percent": job.percent,
                "message": job.message,
                "error": job.error,
                "finished": job.is_finished,
                "url": job.get_absolute_url(),
                "result_url": done_url(job) if job.status == Job.Status.DONE else "",
            },
            json_dumps_params={"ensure_ascii": False},
        )


class JobDownloadView(JobMixin, DetailView):
    """The file a job made (e.g. the status report's PDF)."""

    def get_queryset(self):
        return Job.objects.filter(status=Job.Status.DONE).exclude(result_name="")

    def get(self, request, *args, **kwargs):
        job = self.get_object()
        response = HttpResponse(bytes(job.result or b""), content_type=job.result_type)
        response["Content-Disposition"] = f'attachment; filename="{job.result_name}"'
        patch_cache_control(response, private=True, no_store=True)
        return response


urlpatterns = [
    path("jobb/<int:pk>/", JobDetailView.as_view(), name="job_detail"),
    path("jobb/<int:pk>/status/", JobStatusView.as_view(), name="job_status"),
    path("jobb/<int:pk>/fil/", JobDownloadView.as_view(), name="job_download"),
]
