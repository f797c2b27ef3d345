"""Administrators see the outbox read-only and re-dispatch messages with a permission."""

import pytest
from django.urls import reverse

from sources.models import IngestJob, OutboxMessage
from sources.tasks import ingest_job_process_task
from tests.support.admin import staff_client

TEXT = "Russia's defense ministry said on Tuesday that units have begun to return to base."
CHANGELIST = "admin:sources_outboxmessage_changelist"


@pytest.fixture
def unsent(db):
    """A submission whose publish failed: the broker was down when it committed."""
    job = IngestJob.objects.create(kind="text", payload=TEXT, content_type="text")
    message = OutboxMessage.objects.create(
        task=ingest_job_process_task.name,
        args=[job.pk],
        attempts=2,
        last_error="OperationalError: <script>alert(1)</script> Connection refused",
    )
    return job, message


def test_admins_see_each_messages_state_attempts_and_last_error(admin_client, unsent):
    _job, message = unsent

    response = admin_client.get(reverse(CHANGELIST), {"state": "unsent"})

    assert response.status_code == 200
    page = response.content.decode()
    assert ingest_job_process_task.name in page
    assert "Connection refused" in page
    assert "<script>alert(1)</script>" not in page  # shown as text
    assert "Re-dispatch selected messages now" in page
    sent_only = admin_client.get(reverse(CHANGELIST), {"state": "sent"}).content.decode()
    assert "Connection refused" not in sent_only


def test_messages_cannot_be_added_edited_or_deleted_by_hand(admin_client, unsent):
    _job, message = unsent
    change = reverse("admin:sources_outboxmessage_change", args=[message.pk])

    assert admin_client.get(reverse("admin:sources_outboxmessage_add")).status_code == 403
    assert admin_client.post(change, {"task": "other", "args": "[]"}).status_code == 403
    delete = reverse("admin:sources_outboxmessage_delete", args=[message.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    message.refresh_from_db()
    assert message.task == ingest_job_process_task.name


def test_re_dispatch_now_publishes_the_selected_messages(admin_client, unsent):
    job, message = unsent

    response = admin_client.post(
        reverse(CHANGELIST), {"action": "redispatch_now", "_selected_action": [message.pk]}
    )

    assert response.status_code == 302
    message.refresh_from_db()
    assert message.sent_at is not None
    assert (message.attempts, message.last_error) == (3, "")
    # Tasks run in-process in the tests: the published job was processed.
    assert IngestJob.objects.get(pk=job.pk).status == IngestJob.Status.DONE

    # A message already sent may be published again (the broker may have lost it); the
    # job does not run twice.
    admin_client.post(
        reverse(CHANGELIST), {"action": "redispatch_now", "_selected_action": [message.pk]}
    )
    message.refresh_from_db()
    assert message.attempts == 4
    assert IngestJob.objects.get(pk=job.pk).attempts == 1


def test_viewing_without_the_re_dispatch_permission_offers_no_re_dispatch(client, unsent):
    _job, message = unsent
    viewer = staff_client(client, "view_outboxmessage")

    page = viewer.get(reverse(CHANGELIST))
    assert page.status_code == 200
    assert "Re-dispatch selected messages now" not in page.content.decode()

    viewer.post(reverse(CHANGELIST), {"action": "redispatch_now", "_selected_action": [message.pk]})

    message.refresh_from_db()
    assert message.sent_at is None
    assert message.attempts == 2


def test_the_re_dispatch_permission_lets_a_staff_user_publish(client, unsent):
    _job, message = unsent
    operator = staff_client(client, "view_outboxmessage", "redispatch_outboxmessage")

    operator.post(
        reverse(CHANGELIST), {"action": "redispatch_now", "_selected_action": [message.pk]}
    )

    message.refresh_from_db()
    assert message.sent_at is not None


def test_a_user_without_view_permission_does_not_see_the_outbox(client, unsent):
    outsider = staff_client(client)
    assert outsider.get(reverse(CHANGELIST)).status_code == 403
