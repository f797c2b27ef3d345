"""Dashboard pages: parse the request, call a selector or service, render.

Pages that htmx updates in place (the overview's results, the review panel)
render a fragment when htmx asks for one and the whole page otherwise, so every
page also works without JavaScript.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods

from statements.forms import ContradictionFilterForm, ReviewForm
from statements.selectors import catalogue, charts, profiles
from statements.selectors import dashboard as selectors
from statements.selectors.caching import generation, newest_contradiction_id
from statements.services import contradiction_review

CONTRADICTIONS_PER_PAGE = 20
STATEMENTS_PER_PAGE = 50
INDEX_PER_PAGE = 100
TOP_ITEMS = 10
LIVE_MAX_ROWS = 20
LIVE_POLL_SECONDS = 15
REVIEW_PERMISSION = "statements.change_contradiction"


def _wants_fragment(request) -> bool:
    # A history restore after a cache miss needs the full page, not the fragment.
    return bool(
        request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request")
    )


def _render(request, template, fragment, context, status=200):
    chosen = fragment if _wants_fragment(request) else template
    response = render(request, chosen, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _page(request, queryset, per_page):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def _filter_form(request):
    choices = selectors.filter_choices()
    form = ContradictionFilterForm(
        request.GET or None,
        topics=choices["topics"],
        actors=choices["actors"],
        outlets=choices["outlets"],
    )
    filters = form.valid_filters() if form.is_bound else {}
    return form, filters


@require_GET
def overview(request):
    form, filters = _filter_form(request)
    current = generation()  # one look at the newest ids for all the cached figures
    statuses = charts.contradiction_status_counts(current=current, **filters)
    # Both lists without their claims, then the claims of both in one query.
    rows = selectors.contradiction_list(claims=False, **filters)
    paginator = Paginator(rows, CONTRADICTIONS_PER_PAGE)
    # The status counts already hold the total: no second COUNT over the same rows.
    paginator.count = statuses["total"]
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    top = selectors.contradiction_top(limit=TOP_ITEMS, claims=False, **filters)
    selectors.with_claims(page.object_list + top)
    context = {
        "form": form,
        "page": page,
        "filtered": bool(filters),
        "live_after": _live_after(page, filters, current),
        "live_seconds": _live_seconds(),
        "live_query": _without(request.GET, "after"),
        "totals": charts.corpus_totals(current=current),
        "statuses": statuses,
        "chart": charts.contradictions_by_month(current=current, **filters),
        "top": top,
    }
    return _render(request, "statements/overview.html", "statements/_overview_body.html", context)


def _live_seconds() -> int:
    # Optional setting, so tests can poll faster than the analysts' fifteen seconds.
    return int(getattr(settings, "GAINSAY_LIVE_POLL_SECONDS", LIVE_POLL_SECONDS))


def _live_after(page, filters, current: str) -> int | None:
    # Polling for newer rows only makes sense at the top of the newest-first list.
    if page.number != 1:
        return None
    if not filters:  # the newest of all is part of the cache generation already
        return newest_contradiction_id(current)
    return selectors.contradiction_newest_id(**filters)


@require_GET
def overview_live(request):
    """Contradictions newer than ?after=<id> under the same filters, for htmx polling.

    Answers the rows and a new poller carrying the newest id, so each poll asks only
    for what it has not seen.
    """
    _form, filters = _filter_form(request)
    try:
        after = int(request.GET.get("after", ""))
    except ValueError:
        return HttpResponseBadRequest("after must be a contradiction id (a whole number).")
    if after < 0:
        return HttpResponseBadRequest("after must be a contradiction id (a whole number).")
    rows = list(selectors.contradiction_list(after_id=after, **filters)[:LIVE_MAX_ROWS])
    newest = max([after, *(c.pk for c in rows)])
    response = render(
        request,
        "statements/_live.html",
        {
            "rows": rows,
            "live_after": newest,
            "live_query": _without(request.GET, "after"),
            "live_seconds": _live_seconds(),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _without(query, *names) -> str:
    kept = query.copy()
    for name in names:
        kept.pop(name, None)
    kept.pop("page", None)
    return kept.urlencode()


@require_http_methods(["GET", "POST"])
def contradiction_detail(request, pk):
    contradiction = selectors.contradiction_get(pk=pk)
    if contradiction is None:
        raise Http404("No such contradiction.")
    can_review = request.user.has_perm(REVIEW_PERMISSION)
    review_form = ReviewForm()
    status = 200
    if request.method == "POST":
        if not can_review:
            raise PermissionDenied("Reviewing contradictions needs the editor role.")
        review_form = ReviewForm(request.POST)
        if review_form.is_valid():
            try:
                contradiction_review(
                    contradiction=contradiction,
                    status=review_form.cleaned_data["status"],
                    user=request.user,
                    note=review_form.cleaned_data["note"],
                )
            except ValidationError as exc:
                review_form.add_error(None, exc)
            else:
                messages.success(
                    request, f"Contradiction marked {contradiction.get_status_display().lower()}."
                )
                if not _wants_fragment(request):
                    # Post/redirect/get: reloading the page must not resubmit the review.
                    return redirect("statements:contradiction_detail", pk=contradiction.pk)
                review_form = ReviewForm()
        # htmx does not swap 4xx responses, so the fragment reports errors with a 200.
        if review_form.errors and not _wants_fragment(request):
            status = 400
    context = {
        "c": contradiction,
        **profiles.contradiction_context(contradiction=contradiction),
        "can_review": can_review,
        "review_form": review_form,
        "is_fragment": _wants_fragment(request),
    }
    return _render(
        request,
        "statements/contradiction_detail.html",
        "statements/_review.html",
        context,
        status=status,
    )


@require_GET
def actor_index(request):
    page = _page(request, catalogue.actor_list(), INDEX_PER_PAGE)
    counts = catalogue.actor_statement_counts(actors=page.object_list)
    for actor in page.object_list:
        actor.statement_count = counts.get(actor.pk, 0)
    return render(request, "statements/actor_list.html", {"page": page})


@require_GET
def actor_detail(request, slug):
    actor = catalogue.actor_get(slug=slug)
    if actor is None:
        raise Http404("No such actor.")
    current = generation()  # one look at the newest ids for both cached figures
    paginator = Paginator(catalogue.actor_statements(actor=actor), STATEMENTS_PER_PAGE)
    paginator.count = catalogue.actor_statement_count(actor=actor, current=current)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = catalogue.with_contradictions(page.object_list)
    context = {
        "actor": actor,
        "page": page,
        "topics": profiles.actor_topics(actor=actor, current=current),
        **profiles.actor_contradictions_and_reversals(actor=actor),
    }
    return render(request, "statements/actor_detail.html", context)


@require_GET
def topic_index(request):
    page = _page(request, catalogue.topic_list(), INDEX_PER_PAGE)
    counts = catalogue.topic_counts(topics=page.object_list)
    for topic in page.object_list:
        topic.statement_count = counts[topic.pk]["statements"]
        topic.contradiction_count = counts[topic.pk]["contradictions"]
    return render(request, "statements/topic_list.html", {"page": page})


@require_GET
def statement_detail(request, pk):
    statement = profiles.statement_get(pk=pk)
    if statement is None:
        raise Http404("No such statement.")
    context = {
        "s": statement,
        "appearances": profiles.statement_appearances(statement=statement),
        "contradictions": profiles.statement_contradictions(statement=statement),
    }
    return render(request, "statements/statement_detail.html", context)


@require_GET
def topic_detail(request, slug):
    topic = catalogue.topic_get(slug=slug)
    if topic is None:
        raise Http404("No such topic.")
    stance = request.GET.get("stance")
    if stance not in catalogue.STANCE_KEYS:
        stance = None
    counts = catalogue.topic_stance_counts(topic=topic)
    paginator = Paginator(
        catalogue.topic_statements(topic=topic, stance=stance), STATEMENTS_PER_PAGE
    )
    # The stance counts (cached) hold the total: no COUNT over a hundred thousand rows.
    paginator.count = counts[stance] if stance else sum(counts.values())
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = catalogue.with_contradictions(page.object_list)
    context = {
        "topic": topic,
        "stance": stance,
        "counts": counts,
        "timeline": charts.topic_timeline(topic=topic),
        "propositions": profiles.topic_propositions(topic=topic),
        "page": page,
    }
    return render(request, "statements/topic_detail.html", context)
