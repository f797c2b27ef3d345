"""Smoke test of the load scenario with small numbers (figures come from the command)."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sources.models import Article, IngestJob


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_load_scenario_ingests_its_batch_while_clients_poll(catalogue, broker_url):
    out = StringIO()

    call_command(
        "load_scenario", articles=3, analysts=1, api_clients=1, rate=4, web_workers=1, stdout=out
    )

    printed = out.getvalue()
    job = IngestJob.objects.get()
    assert job.status == IngestJob.Status.DONE
    assert Article.objects.filter(job=job, status=Article.Status.DONE).count() == 3
    assert "3/3 articles done" in printed
    requests = int(re.search(r"Requests: (\d+)", printed).group(1))
    assert requests > 0
    assert re.search(r"p95 \d+ ms", printed)
    assert "errors 0" in printed, printed


def test_the_load_scenario_refuses_nonsense_numbers(db):
    with pytest.raises(CommandError, match="positive"):
        call_command("load_scenario", articles=0)
