import pytest

# Already URL-encoded, so that bytes no form would produce (a NUL, a lone surrogate)
# reach the server exactly as an attacker sends them.
HOSTILE_VALUES = {
    "sql-or": "%27%20OR%201%3D1%20--",
    "sql-quote-semicolon": "1%27%3B%20DROP%20TABLE%20statements_statement%3B%20--",
    "percent": "%25",
    "backslashes": "%5C%5C",
    "nul": "%00",
    "nul-inside": "a%00b",
    "lone-surrogate": "%ED%A0%80",
    "rtl-override": "%E2%80%AEevil",
    "long": "x" * 10_000,
    "letters": "abc",
    "negative": "-1",
    "huge-number": "999999999999999999999999",
    "decimal": "1.5",
    "bad-date": "2022-13-45",
    "empty": "",
}


@pytest.fixture
def some_data(db):
    from tests.factories import ContradictionFactory

    return ContradictionFactory()


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
