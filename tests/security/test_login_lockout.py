import pytest

from tests.factories import EditorFactory

PASSWORD = "correct horse battery"


def _login(client, username, password):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR="203.0.113.7",
    )


@pytest.fixture
def alice(db):
    return EditorFactory(username="alice")


def test_five_bad_passwords_lock_the_username_even_with_the_right_one(client, alice):
    statuses = [_login(client, "alice", "wrong").status_code for _ in range(5)]
    # The form again four times; the fifth failure is the one that locks.
    assert statuses == [200, 200, 200, 200, 429]

    response = _login(client, "alice", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_does_not_touch_another_user_from_the_same_address(client, alice):
    EditorFactory(username="bob")
    for _ in range(5):
        _login(client, "alice", "wrong")

    response = _login(client, "bob", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_four_bad_passwords_do_not_lock(client, alice):
    for _ in range(4):
        _login(client, "alice", "wrong")

    assert _login(client, "alice", PASSWORD).status_code == 302


def test_a_forged_forwarded_for_header_does_not_reset_the_count(client, alice):
    # Without trusted proxies the address is REMOTE_ADDR; the header is the client's say-so.
    for n in range(5):
        client.post(
            "/admin/login/",
            {"username": "alice", "password": "wrong"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )

    assert _login(client, "alice", PASSWORD).status_code == 429
