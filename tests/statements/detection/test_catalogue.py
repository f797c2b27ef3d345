"""The topic catalogue (seeds/topics.json) and the package's independence from Django."""

import json
import subprocess
import sys

from statements.detection import TopicSpec, load_topics
from statements.detection.catalogue import DEFAULT_PATH

REQUIRED = {"russian-troop-posture", "russian-invasion-intent"}


def test_every_topic_has_two_stances_with_cues_and_propositions():
    entries = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    slugs = [e["slug"] for e in entries]
    assert len(slugs) == len(set(slugs)) and set(slugs) >= REQUIRED
    for entry in entries:
        assert set(entry) >= {"name", "slug", "description", "stances", "exclusions"}
        assert len(entry["stances"]) == 2
        assert all(cues for cues in entry["stances"].values())
        assert entry["propositions"]


def test_load_topics_accepts_parsed_json():
    [topic] = load_topics([{"name": "N", "slug": "n", "stances": {"a": ["x"], "b": ["y"]}}])
    assert topic == TopicSpec(slug="n", name="N", stances={"a": ("x",), "b": ("y",)})
    assert topic.opposite("a") == "b"


def test_the_package_imports_without_django():
    code = (
        "import sys, statements.detection; "
        "sys.exit(any(m.split('.')[0] == 'django' for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
