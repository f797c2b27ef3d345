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
        context["page"] = Paginator(results.statements, RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
    # An empty box is a prompt, not an error; an over-long or invalid query is a bad request.
    status = 400 if form.errors and selectors.clean_query(request.GET.get("q", "")) else 200
    return render(request, "statements/search.html", context, status=status)
