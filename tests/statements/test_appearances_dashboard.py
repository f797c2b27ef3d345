"""The dashboard's statement page lists every appearance of the words."""

import datetime as dt

from django.urls import reverse

from tests.factories import statement_carried_by

FEB = dt.datetime(2022, 2, 15, 9, 10, tzinfo=dt.UTC)


def test_the_statement_page_lists_each_outlet_that_carried_the_words(client, db):
    statement = statement_carried_by(
        ("Wire", FEB + dt.timedelta(hours=3)), ("Tass", FEB), ("<b>Gazette</b>", None)
    )

    page = client.get(reverse("statements:statement_detail", args=[statement.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    assert "<b>Gazette</b>" not in html  # an outlet's name is text, never markup
    section = html[html.index("Appearances (3)") : html.index("contradictions-heading")]
    # Earliest first, each linked to its article.
    rows = section.split("<tr>")[2:]
    assert ["Tass" in rows[0], "Wire" in rows[1], "&lt;b&gt;Gazette" in rows[2]] == [True] * 3
    assert "15 Feb 2022, 09:10" in rows[0]
    for appearance in statement.appearances.select_related("article"):
        assert f'href="{appearance.article.url}"' in section


def test_the_statement_page_costs_the_same_queries_however_many_appearances(
    client, db, django_assert_max_num_queries
):
    statement = statement_carried_by(*[(f"Outlet {n}", FEB) for n in range(15)])
    url = reverse("statements:statement_detail", args=[statement.pk])

    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200
