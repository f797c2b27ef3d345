"""Read the topic catalogue (seeds/topics.json) into TopicSpecs. Pure: no Django, no DB."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from .types import TopicSpec

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "seeds" / "topics.json"


def topic_from_dict(entry: Mapping) -> TopicSpec:
    stances = {label: tuple(cues) for label, cues in entry["stances"].items()}
    if len(stances) != 2:
        raise ValueError(f"topic {entry.get('slug')!r} must have exactly two stances")
    return TopicSpec(
        slug=entry["slug"],
        name=entry["name"],
        stances=stances,
        exclusions=tuple(entry.get("exclusions", ())),
    )


def load_topics(source: str | Path | Iterable[Mapping] | None = None) -> list[TopicSpec]:
    """TopicSpecs from a catalogue file path, already-parsed JSON, or the bundled default."""
    if source is None or isinstance(source, str | Path):
        source = json.loads(Path(source or DEFAULT_PATH).read_text(encoding="utf-8"))
    return [topic_from_dict(entry) for entry in source]
