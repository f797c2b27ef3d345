"""PolNeAR-style scoring of extracted statements against brat standoff annotations.

Rule (shared/README.md): a prediction matches a gold attribution when the
character Jaccard of their contents is >= 0.5, one-to-one, best first.
Precision/recall/F1 are over all gold attributions; speaker accuracy is over
matched pairs whose gold has a Source.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .types import ExtractedStatement, Span

JACCARD_THRESHOLD = 0.5
TEXTBOUND_RE = re.compile(r"^(T\d+)\t(\w+) ([\d; ]+)\t")
EVENT_RE = re.compile(r"^(E\d+)\t(.*)$")

Segments = list[tuple[int, int]]


@dataclass
class GoldAttribution:
    content: Segments
    source: Segments | None = None
    cue: Segments | None = None


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_pairs: int = 0
    speaker_correct: int = 0
    articles: int = 0
    per_article: list[tuple[str, int, int, int]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.speaker_pairs if self.speaker_pairs else 0.0

    def add(self, other: Score) -> None:
        for name in (
            "gold",
            "predicted",
            "matched",
            "speaker_pairs",
            "speaker_correct",
            "articles",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.per_article.extend(other.per_article)


def parse_brat(ann: str) -> list[GoldAttribution]:
    """Attribution events of one .ann file; discontinuous spans become several segments."""
    spans: dict[str, Segments] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        m = TEXTBOUND_RE.match(line)
        if m:
            spans[m[1]] = [(int(a), int(b)) for a, b in (part.split() for part in m[3].split(";"))]
            continue
        m = EVENT_RE.match(line)
        if m:
            events.append(dict(arg.split(":", 1) for arg in m[2].split() if ":" in arg))
    gold = []
    for args in events:
        gold.append(
            GoldAttribution(
                content=spans.get(args.get("Content", ""), []),
                source=spans.get(args.get("Source", "")),
                cue=spans.get(args.get("Cue", "")),
            )
        )
    return gold


def _chars(segments: Iterable[tuple[int, int]]) -> set[int]:
    chars: set[int] = set()
    for start, end in segments:
        chars.update(range(start, end))
    return chars


def jaccard(a: set[int], b: set[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _speaker_ok(pred: ExtractedStatement, gold: GoldAttribution, text: str) -> bool:
    if pred.speaker is None or not gold.source:
        return False
    span = (pred.speaker.start, pred.speaker.end)
    if any(min(span[1], e) > max(span[0], s) for s, e in gold.source):
        return True
    pred_text = pred.speaker.text.strip().lower()
    gold_text = " ".join(text[s:e] for s, e in gold.source).strip().lower()
    return bool(pred_text and gold_text) and (pred_text in gold_text or gold_text in pred_text)


def score_article(
    text: str, gold: list[GoldAttribution], predicted: list[ExtractedStatement], name: str = ""
) -> Score:
    gold_chars = [_chars(g.content) for g in gold]
    pred_chars = [_chars(p.segments or [(p.content.start, p.content.end)]) for p in predicted]
    pairs = []
    for gi, g in enumerate(gold_chars):
        if not g:
            continue
        for pi, p in enumerate(pred_chars):
            if g & p:
                j = jaccard(g, p)
                if j >= JACCARD_THRESHOLD:
                    pairs.append((j, gi, pi))
    pairs.sort(key=lambda item: (-item[0], item[1], item[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    score = Score(gold=len(gold), predicted=len(predicted), articles=1)
    for _j, gi, pi in pairs:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        score.matched += 1
        if gold[gi].source:
            score.speaker_pairs += 1
            score.speaker_correct += _speaker_ok(predicted[pi], gold[gi], text)
    score.per_article.append((name, score.gold, score.predicted, score.matched))
    return score


@dataclass(frozen=True)
class Fold:
    """Fold K of N over a split's articles in name order: article i is held out when
    i mod N == K. Choices that depend on the tagger are made by training on the rest
    of train and scoring the held-out part, since the shipped tagger has seen all of it."""

    index: int
    count: int

    @classmethod
    def parse(cls, value: str) -> Fold:
        try:
            index, count = (int(part) for part in value.split("/"))
        except ValueError:
            raise ValueError(f"a fold is K/N, e.g. 0/5, not {value!r}") from None
        if count < 2 or not 0 <= index < count:
            raise ValueError(f"fold {value}: N must be at least 2 and K between 0 and N-1")
        return cls(index, count)

    def held_out(self, article: int) -> bool:
        return article % self.count == self.index

    def training(self, article: int) -> bool:
        return not self.held_out(article)


def corpus_files(
    directory,
    *,
    every_annotation: bool = False,
    articles: Callable[[int], bool] | None = None,
) -> list[tuple[Path, Path]]:
    """(text, first annotation by name) for every article of a PolNeAR split, or with
    every_annotation one pair per annotation file of the article. articles, given an
    article's index in name order, says whether to take it (see Fold)."""
    root = Path(directory)
    anns = sorted((root / "attributions").glob("*.ann"))
    pairs = []
    for index, text_path in enumerate(sorted((root / "text").glob("*.txt"))):
        if articles is not None and not articles(index):
            continue
        stem = text_path.stem
        mine = [a for a in anns if a.stem.rsplit("_", 1)[0] == stem or a.stem == stem]
        pairs.extend((text_path, ann) for ann in (mine if every_annotation else mine[:1]))
    return pairs


def evaluate_directory(
    directory,
    *,
    nlp=None,
    resolver=None,
    limit: int | None = None,
    articles: Callable[[int], bool] | None = None,
) -> Score:
    from .pipeline import extract_statements

    total = Score()
    for text_path, ann_path in corpus_files(directory, articles=articles)[:limit]:
        text = text_path.read_text(encoding="utf-8")
        gold = parse_brat(ann_path.read_text(encoding="utf-8"))
        predicted = extract_statements(text, resolver=resolver, nlp=nlp)
        total.add(score_article(text, gold, predicted, text_path.stem))
    return total


def as_statement(gold: GoldAttribution, text: str) -> ExtractedStatement:
    """An annotation in the shape of a prediction, to score one annotator against another."""
    segments = sorted(gold.content)
    speaker = None
    if gold.source:
        start, end = min(s for s, _ in gold.source), max(e for _, e in gold.source)
        speaker = Span(text[start:end], start, end)
    cue = sorted(gold.cue or segments[:1])
    start, end = segments[0][0], segments[-1][1]
    return ExtractedStatement(
        speaker=speaker,
        cue=Span(text[cue[0][0] : cue[-1][1]], cue[0][0], cue[-1][1]),
        content=Span(text[start:end], start, end),
        segments=segments,
        kind="annotation",
    )


def annotator_agreement(directory) -> Score:
    """How well annotators agree under the scoring rule: on every article that several
    annotators marked, each other annotation is scored as a prediction against the
    first, exactly as evaluate_directory scores extraction. This is the ceiling a
    single annotation sets: a system scoring as high agrees with the first annotator
    as well as a second annotator does."""
    total = Score()
    every = corpus_files(directory, every_annotation=True)
    by_text: dict[Path, list[Path]] = {}
    for text_path, ann_path in every:
        by_text.setdefault(text_path, []).append(ann_path)
    for text_path, anns in by_text.items():
        if len(anns) < 2:
            continue
        text = text_path.read_text(encoding="utf-8")
        first = parse_brat(anns[0].read_text(encoding="utf-8"))
        for other_path in anns[1:]:
            other = parse_brat(other_path.read_text(encoding="utf-8"))
            predicted = [as_statement(g, text) for g in other if g.content]
            total.add(score_article(text, first, predicted, other_path.stem))
    return total
