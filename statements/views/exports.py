"""CSV and JSON exports of the overview's filtered list, streamed."""

import csv

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from statements.forms import ContradictionFilterForm
from statements.selectors import dashboard as dashboard_selectors
from statements.selectors import export as selectors

# A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    """A CSV cell that a spreadsheet will show as text, never evaluate."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class _Echo:
    """A file-like object whose write() hands the line back to the csv writer's caller."""

    def write(self, value):
        return value


def _filters_or_error(request):
    choices = dashboard_selectors.filter_choices()
    form = ContradictionFilterForm(
        request.GET or None,
        topics=choices["topics"],
        actors=choices["actors"],
        outlets=choices["outlets"],
    )
    if not form.is_bound:
        return {}, None
    filters = form.valid_filters()
    if form.errors:
        # Unlike the page, an export must not silently widen to more rows than asked for.
        lines = [f"{name}: {error}" for name, errors in form.errors.items() for error in errors]
        body = "These filters could not be used:\n" + "\n".join(lines) + "\n"
        return None, HttpResponse(body, status=400, content_type="text/plain; charset=utf-8")
    return filters, None


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def export_csv(request):
    filters, error = _filters_or_error(request)
    if error:
        return error
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(selectors.EXPORT_FIELDS)
        for row in selectors.export_rows(**filters):
            yield writer.writerow([neutralise(row[name]) for name in selectors.EXPORT_FIELDS])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    return _attachment(response, "gainsay-contradictions.csv")


@require_GET
def export_json(request):
    filters, error = _filters_or_error(request)
    if error:
        return error
    encoder = DjangoJSONEncoder()

    def chunks():
        yield '{"contradictions": ['
        for i, row in enumerate(selectors.export_rows(**filters)):
            yield ("," if i else "") + "\n" + encoder.encode(row)
        yield "\n]}\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json")
    return _attachment(response, "gainsay-contradictions.json")
