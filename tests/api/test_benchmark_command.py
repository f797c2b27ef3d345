from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from statements.models import Statement


def test_benchmark_api_fills_and_prints_figures_beside_raw(db):
    out = StringIO()

    call_command("benchmark_api", statements=300, requests=3, stdout=out)

    text = out.getvalue()
    assert Statement.objects.count() == 300
    lines = {line.split()[0]: line.split() for line in text.splitlines() if line}
    for endpoint in ("statements", "contradictions"):
        row = lines[endpoint]
        assert float(row[-2]) > 0  # the api/raw ratio
        low, high = row[-1].split("-")
        assert low == high  # the same number of queries on every page


def test_benchmark_api_refuses_nonsense(db):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("benchmark_api", statements=0, stdout=StringIO())
