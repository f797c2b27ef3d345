"""The search page: statements by their words, actors by their names and aliases."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from statements.forms import SearchForm
from statements.selectors import search as selectors

RESULTS_PER_PAGE = 25


@require_GET
def search(request):
    form = SearchForm(request.GET)
    context = {"form": form, "results": None, "page": None}
    if form.is_valid():
        results = selectors.search(form.cleaned_data["q"])
        context["results"] = results
        total = results.total
        paginator = Paginator(results.statements, RESULTS_PER_PAGE)
        # Known already: counting the ranked list again would re-read every match.
        paginator.count = min(total, selectors.RANK_WINDOW) if results.full_text else total
        context["page"] = paginator.get_page(request.GET.get("page"))
        if total > paginator.count:
            context["total"] = total  # more matches than are ranked: say how many in all
            context["total_or_more"] = results.full_text and total >= selectors.COUNT_LIMIT
    # An empty box is a prompt, not an error; an over-long or invalid query is a bad request.
    status = 400 if form.errors and selectors.clean_query(request.GET.get("q", "")) else 200
    return render(request, "statements/search.html", context, status=status)
