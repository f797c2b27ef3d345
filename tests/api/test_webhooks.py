import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from statements.models import Contradiction, Webhook, WebhookDelivery
from statements.services import contradiction_review
from statements.webhooks import services as webhook_services
from statements.webhooks import transport
from tests.factories import ContradictionFactory, UserFactory

PUBLIC_URL = "https://93.184.215.14/hooks/gainsay"
ALL_EVENTS = ["contradiction.detected", "contradiction.confirmed", "contradiction.dismissed"]


@pytest.fixture
def subscriber(token_client, db):
    user = UserFactory(username="subscriber")
    return user, token_client(user)


def test_registering_shows_the_secret_once(subscriber):
    user, client = subscriber

    response = client.post(
        "/api/v1/webhooks/", {"url": PUBLIC_URL, "events": ALL_EVENTS}, format="json"
    )

    assert response.status_code == 201, response.json()
    secret = response.json()["secret"]
    assert secret.startswith("whsec_")
    assert Webhook.objects.get().owner == user
    listed = client.get("/api/v1/webhooks/").content.decode()
    detail = client.get(f"/api/v1/webhooks/{response.json()['id']}/").content.decode()
    assert secret not in listed
    assert secret not in detail


def test_no_one_sees_or_edits_anothers_webhook(subscriber, token_client):
    user, client = subscriber
    hook = webhook_services.webhook_create(owner=user, url=PUBLIC_URL, events=ALL_EVENTS)
    intruder = token_client(UserFactory(username="intruder"))
    url = f"/api/v1/webhooks/{hook.pk}/"

    assert intruder.get("/api/v1/webhooks/").json()["results"] == []
    assert intruder.get(url).status_code == 404
    assert intruder.patch(url, {"url": PUBLIC_URL + "/x"}, format="json").status_code == 404
    assert intruder.delete(url).status_code == 404
    assert intruder.get(url + "deliveries/").status_code == 404
    assert Webhook.objects.get().url == PUBLIC_URL


def test_anonymous_and_read_tokens_cannot_register(api_client, token_client, db):
    body = {"url": PUBLIC_URL, "events": ALL_EVENTS}
    assert api_client.post("/api/v1/webhooks/", body, format="json").status_code == 401
    reader = token_client(UserFactory(username="r"), "read")
    assert reader.post("/api/v1/webhooks/", body, format="json").status_code == 403
    assert not Webhook.objects.exists()


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8000/hook", "http://10.0.0.5/hook", "http://[::1]/hook", "ftp://a.example/"],
)
def test_private_and_odd_urls_are_refused(subscriber, url):
    _, client = subscriber

    response = client.post("/api/v1/webhooks/", {"url": url, "events": ALL_EVENTS}, format="json")

    assert response.status_code == 400
    assert "url" in response.json()


def test_unknown_events_are_a_400(subscriber):
    _, client = subscriber
    response = client.post(
        "/api/v1/webhooks/", {"url": PUBLIC_URL, "events": ["everything"]}, format="json"
    )
    assert response.status_code == 400


class Recorder:
    """Stands in for the network at the transport function."""

    def __init__(self, *statuses):
        self.statuses = list(statuses)
        self.calls = []

    def __call__(self, url, *, body, headers, timeout):
        self.calls.append((url, body, headers))
        status = self.statuses.pop(0) if self.statuses else 200
        if status is None:
            raise transport.WebhookTransportError("ConnectionError: refused")
        return transport.TransportResult(status=status, text=f"answer {status}")


def test_a_review_is_delivered_signed_after_commit(
    subscriber, editor, monkeypatch, django_capture_on_commit_callbacks
):
    user, _ = subscriber
    hook = webhook_services.webhook_create(owner=user, url=PUBLIC_URL, events=ALL_EVENTS)
    other = webhook_services.webhook_create(
        owner=user, url=PUBLIC_URL, events=["contradiction.dismissed"]
    )
    recorder = Recorder(200)
    monkeypatch.setattr(transport, "webhook_transport", recorder)
    contradiction = ContradictionFactory()

    with django_capture_on_commit_callbacks(execute=True):
        contradiction_review(
            contradiction=contradiction, status=Contradiction.Status.CONFIRMED, user=editor
        )

    assert len(recorder.calls) == 1
    url, body, headers = recorder.calls[0]
    assert headers["Gainsay-Event"] == "contradiction.confirmed"
    assert transport.signature_verify(hook.secret, headers["Gainsay-Signature"], body)
    assert not transport.signature_verify(other.secret, headers["Gainsay-Signature"], body)
    assert b'"status":"confirmed"' in body
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "succeeded"
    assert delivery.log.get().status_code == 200


def test_nothing_is_sent_if_the_transaction_rolls_back(subscriber, editor, monkeypatch):
    user, _ = subscriber
    webhook_services.webhook_create(owner=user, url=PUBLIC_URL, events=ALL_EVENTS)
    recorder = Recorder()
    monkeypatch.setattr(transport, "webhook_transport", recorder)

    # No commit callback runs inside the test's transaction (it is rolled back).
    contradiction_review(
        contradiction=ContradictionFactory(), status=Contradiction.Status.DISMISSED, user=editor
    )

    assert recorder.calls == []
    assert not WebhookDelivery.objects.exists()


def test_a_new_detection_is_announced(subscriber, monkeypatch, django_capture_on_commit_callbacks):
    import datetime as dt

    from statements.services import statement_create
    from tests.factories import ActorFactory, ArticleFactory, TopicFactory

    user, _ = subscriber
    webhook_services.webhook_create(owner=user, url=PUBLIC_URL, events=["contradiction.detected"])
    recorder = Recorder()
    monkeypatch.setattr(transport, "webhook_transport", recorder)
    TopicFactory()
    article = ArticleFactory(
        text="Troops have begun to return to their bases. Russia continues the military buildup."
    )

    def said(actor, content):
        return statement_create(
            article=article,
            actor=ActorFactory(name=actor),
            content=content,
            said_on=dt.date(2022, 2, 15),
            date_precision="day",
        )

    with django_capture_on_commit_callbacks(execute=True):
        said("Moscow MoD", "troops have begun to return to their bases")
        said("NATO chief", "Russia continues the military buildup")

    contradiction = Contradiction.objects.get()
    assert [c[2]["Gainsay-Event"] for c in recorder.calls] == ["contradiction.detected"]
    assert f'"id":{contradiction.pk}'.encode() in recorder.calls[0][1]


def test_5xx_and_network_errors_are_retried_then_logged(subscriber, monkeypatch):
    user, _ = subscriber
    hook = webhook_services.webhook_create(owner=user, url=PUBLIC_URL, events=ALL_EVENTS)
    recorder = Recorder(503, None, 200)
    monkeypatch.setattr(transport, "webhook_transport", recorder)
    (delivery_id,) = webhook_services.webhook_deliveries_create(
        contradiction_id=ContradictionFactory().pk, event="contradiction.confirmed"
    )
    from statements.tasks import webhook_deliver_task

    # Eager Celery runs the retries at once (the countdown is for a real worker).
    webhook_deliver_task.delay(delivery_id)

    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert delivery.status == "succeeded"
    log = list(delivery.log.values_list("number", "status_code", "error"))
    assert [(n, code) for n, code, _ in log] == [(1, 503), (2, None), (3, 200)]
    assert "refused" in log[1][2]
    # The owner reads the log through the API.
    body = subscriber[1].get(f"/api/v1/webhooks/{hook.pk}/deliveries/").json()
    assert [a["status_code"] for a in body[0]["log"]] == [503, None, 200]


def test_a_4xx_is_final_and_attempts_run_out(subscriber, monkeypatch):
    user, _ = subscriber
    webhook_services.webhook_create(owner=user, url=PUBLIC_URL, events=ALL_EVENTS)
    monkeypatch.setattr(transport, "webhook_transport", Recorder(410))
    (gone,) = webhook_services.webhook_deliveries_create(
        contradiction_id=ContradictionFactory().pk, event="contradiction.confirmed"
    )
    assert webhook_services.webhook_delivery_attempt(delivery_id=gone) == "failed"
    assert WebhookDelivery.objects.get(pk=gone).status == "failed"
    # A finished delivery is never sent again (a redelivered task is a no-op).
    assert webhook_services.webhook_delivery_attempt(delivery_id=gone) == "skipped"

    monkeypatch.setattr(transport, "webhook_transport", Recorder(*[500] * 10))
    from statements.tasks import webhook_deliver_task

    (down,) = webhook_services.webhook_deliveries_create(
        contradiction_id=ContradictionFactory().pk, event="contradiction.confirmed"
    )
    webhook_deliver_task.delay(down)
    delivery = WebhookDelivery.objects.get(pk=down)
    assert delivery.status == "failed"
    assert delivery.attempts == webhook_services.MAX_ATTEMPTS


def test_backoff_grows_exponentially():
    delays = [webhook_services.delivery_backoff(n) for n in range(1, 6)]
    assert delays == [30, 60, 120, 240, 480]


class _Hook(BaseHTTPRequestHandler):
    received = []

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((dict(self.headers), body))
        self.send_response(202)
        self.end_headers()
        self.wfile.write(b"thanks")

    def log_message(self, *args):
        pass


def test_a_delivery_reaches_a_real_http_server(subscriber, settings):
    settings.GAINSAY_FETCH_ALLOW_PRIVATE = True
    server = HTTPServer(("127.0.0.1", 0), _Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        user, _ = subscriber
        hook = webhook_services.webhook_create(
            owner=user, url=f"http://127.0.0.1:{server.server_port}/in", events=ALL_EVENTS
        )
        (delivery_id,) = webhook_services.webhook_deliveries_create(
            contradiction_id=ContradictionFactory().pk, event="contradiction.dismissed"
        )
        outcome = webhook_services.webhook_delivery_attempt(delivery_id=delivery_id)
    finally:
        server.shutdown()
        server.server_close()

    assert outcome == "succeeded"
    headers, body = _Hook.received[-1]
    assert transport.signature_verify(hook.secret, headers["Gainsay-Signature"], body)
    attempt = WebhookDelivery.objects.get(pk=delivery_id).log.get()
    assert (attempt.status_code, attempt.response_snippet) == (202, "thanks")


def test_the_transport_refuses_private_addresses_unless_allowed(db):
    with pytest.raises(transport.WebhookTransportError, match="non-public"):
        transport.webhook_transport("http://127.0.0.1:9/", body=b"{}", headers={}, timeout=1)
