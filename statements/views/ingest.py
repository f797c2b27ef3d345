"""The editors' ingest page: submit text, a URL or a file, then watch the job.

The job page polls its own progress fragment with htmx until the job has finished,
then shows the statements and contradictions it found, with links.
"""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods

from sources.models import IngestJob
from sources.services import ingest_job_create
from statements.forms import IngestForm
from statements.selectors import profiles

INGEST_PERMISSION = "sources.add_ingestjob"
FINISHED = (IngestJob.Status.DONE, IngestJob.Status.FAILED)


def _editor_only(view):
    # Anonymous visitors are sent to log in; signed-in non-editors get a 403.
    return login_required(permission_required(INGEST_PERMISSION, raise_exception=True)(view))


@_editor_only
@require_http_methods(["GET", "POST"])
def ingest(request):
    form = IngestForm()
    status = 200
    if request.method == "POST":
        form = IngestForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = ingest_job_create(**form.submission(), user=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("statements:ingest_job", pk=job.pk)
        status = 400
    return render(request, "statements/ingest.html", {"form": form}, status=status)


@_editor_only
@require_GET
def ingest_job(request, pk):
    job = profiles.ingest_job_get(pk=pk)
    if job is None:
        raise Http404("No such ingest job.")
    finished = job.status in FINISHED
    context = {
        "job": job,
        "finished": finished,
        **(profiles.ingest_job_results(job=job) if finished else {}),
    }
    template = (
        "statements/_ingest_progress.html"
        if request.headers.get("HX-Request")
        else "statements/ingest_job.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
