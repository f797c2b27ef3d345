"""Score extracted statements against hand-made seed expectations (seed-gold.json shape)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from .types import ExtractedStatement


def matches(statement: ExtractedStatement, expected: dict) -> bool:
    if expected["phrase"] not in statement.content.text:
        return False
    if statement.actor != expected["actor"]:
        return False
    gold_date = expected.get("said_on")
    said_on = statement.said_on.isoformat() if isinstance(statement.said_on, date) else None
    return gold_date is None and said_on is None or said_on == gold_date


def score_seed(statements: list[ExtractedStatement], expected: list[dict]) -> dict:
    found, missed = [], []
    for item in expected:
        (found if any(matches(s, item) for s in statements) else missed).append(item["id"])
    return {"matched": len(found), "total": len(expected), "found": found, "missed": missed}


def check_gold_file(article_path, gold_path, resolver=None, nlp=None) -> dict:
    from .pipeline import extract_statements

    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    text = Path(article_path).read_text(encoding="utf-8")
    published = gold.get("article", {}).get("published")
    statements = extract_statements(
        text,
        published=date.fromisoformat(published) if published else None,
        resolver=resolver,
        nlp=nlp,
    )
    return score_seed(statements, gold["statements"])


def main(argv: list[str] | None = None) -> int:
    """python -m statements.extraction.seedcheck ARTICLE GOLD_JSON [ACTORS_JSON]"""
    import sys

    from .actors import ActorResolver

    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (2, 3):
        print(f"usage: python -m statements.extraction.seedcheck {main.__doc__.split(None, 3)[3]}")
        return 2
    catalogue = (
        args[2] if len(args) > 2 else Path(__file__).resolve().parents[2] / "seeds/actors.json"
    )
    result = check_gold_file(args[0], args[1], ActorResolver.from_catalogue(catalogue))
    print(f"seed statements found: {result['matched']}/{result['total']}")
    if result["missed"]:
        print("missed: " + ", ".join(result["missed"]))
    return 0 if result["matched"] >= result["total"] - 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
