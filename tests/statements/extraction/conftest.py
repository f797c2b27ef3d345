from pathlib import Path

import pytest

from statements.extraction import ActorResolver, load_nlp

REPO = Path(__file__).resolve().parents[3]
SEED = REPO / "seeds" / "upi-2022-02-16-nato-russia-buildup.txt"


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


@pytest.fixture(scope="session")
def resolver():
    return ActorResolver.from_catalogue(REPO / "seeds" / "actors.json")


@pytest.fixture(scope="session")
def seed_text():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_statements(seed_text, resolver, nlp):
    from statements.extraction import extract_statements

    return extract_statements(seed_text, resolver=resolver, nlp=nlp)


@pytest.fixture
def extract(resolver, nlp):
    from datetime import date

    from statements.extraction import extract_statements

    def run(text, published=date(2022, 2, 16)):
        return extract_statements(text, published=published, resolver=resolver, nlp=nlp)

    return run
