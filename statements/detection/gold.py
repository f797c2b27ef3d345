"""Score detected contradictions against a hand-made gold file (seed-gold.json format).

Pure: the caller maps stored statements to gold ids and hands over the flags. A gold file
names one `article` or several `articles`; each gold statement names its `file` when there
are several. A gold contradiction lists one statement and the statements it conflicts with;
it is recalled when any of those pairs is flagged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

TOP_N = 10


@dataclass(frozen=True)
class Flag:
    """One stored detection in gold terms: the gold ids on either side, or an event date."""

    left: frozenset[str]
    right: frozenset[str]
    score: float
    kind: str
    event_date: str = ""  # set for claims held against an event
    phrases: tuple[str, str] = ("", "")  # the stored evidence, to show unmatched flags


@dataclass
class Report:
    gold_contradictions: int
    recalled: list[str]
    flagged: int
    not_contradictions: int
    false_positives: list[tuple[str, str]]
    top: list[tuple[Flag, bool]]
    events_expected: int
    events_found: list[tuple[str, str]]
    missing_statements: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return len(self.recalled) / self.gold_contradictions if self.gold_contradictions else 1.0

    @property
    def top_precision(self) -> float:
        return sum(real for _, real in self.top) / len(self.top) if self.top else 1.0


def articles(gold: Mapping) -> list[Mapping]:
    if "articles" in gold:
        return list(gold["articles"])
    return [gold["article"]] if "article" in gold else []


def statement_file(gold: Mapping, statement: Mapping) -> str:
    if statement.get("file"):
        return statement["file"]
    files = [a["file"] for a in articles(gold)]
    if len(files) != 1:
        raise ValueError(f"gold statement {statement.get('id')!r} must name its file")
    return files[0]


def gold_pairs(entry: Mapping) -> set[frozenset[str]]:
    head, others = entry["between"][0], entry["between"][1]
    others = others if isinstance(others, list) else [others]
    if isinstance(head, list):
        return {frozenset({h, o}) for h in head for o in others}
    return {frozenset({head, o}) for o in others}


def _touches(flag: Flag, pair: frozenset[str]) -> bool:
    if flag.event_date or len(pair) != 2:
        return False
    a, b = sorted(pair)
    return (a in flag.left and b in flag.right) or (b in flag.left and a in flag.right)


def _real(flag: Flag, gold: Mapping) -> bool:
    if flag.event_date:
        return any(
            event.get("date") == flag.event_date and flag.left & set(event.get("contradicts", []))
            for event in gold.get("later_events", [])
        )
    return any(
        _touches(flag, pair)
        for entry in gold.get("contradictions", [])
        for pair in gold_pairs(entry)
    )


def score(gold: Mapping, flags: Iterable[Flag], missing: Iterable[str] = ()) -> Report:
    flags = list(flags)
    pair_flags = [f for f in flags if not f.event_date]
    recalled = [
        entry.get("id", str(n))
        for n, entry in enumerate(gold.get("contradictions", []))
        if any(_touches(f, pair) for f in pair_flags for pair in gold_pairs(entry))
    ]
    false_positives = []
    for entry in gold.get("not_contradictions", []):
        for pair in gold_pairs(entry):
            if any(_touches(f, pair) for f in pair_flags):
                false_positives.append(tuple(sorted(pair)))
    ranked = sorted(flags, key=lambda f: -f.score)[:TOP_N]
    events_expected, events_found = 0, []
    for event in gold.get("later_events", []):
        for sid in event.get("contradicts", []):
            events_expected += 1
            if any(f.event_date == event.get("date") and sid in f.left for f in flags):
                events_found.append((event.get("date", ""), sid))
    return Report(
        gold_contradictions=len(gold.get("contradictions", [])),
        recalled=recalled,
        flagged=len(flags),
        not_contradictions=sum(len(gold_pairs(e)) for e in gold.get("not_contradictions", [])),
        false_positives=false_positives,
        top=[(f, _real(f, gold)) for f in ranked],
        events_expected=events_expected,
        events_found=events_found,
        missing_statements=list(missing),
    )
