"""Throughput of extraction against the bare spaCy pipeline on the same texts."""

from __future__ import annotations

import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class BenchmarkResult:
    files: int
    words: int
    pipe_seconds: float
    extract_seconds: float
    statements: int
    peak_rss_mb: float

    @property
    def pipe_wps(self) -> float:
        return self.words / self.pipe_seconds if self.pipe_seconds else 0.0

    @property
    def extract_wps(self) -> float:
        return self.words / self.extract_seconds if self.extract_seconds else 0.0

    @property
    def ratio(self) -> float:
        return self.extract_wps / self.pipe_wps if self.pipe_wps else 0.0


def collect_texts(paths) -> list[str]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            text_dir = path / "text" if (path / "text").is_dir() else path
            files.extend(sorted(text_dir.glob("*.txt")))
        else:
            files.append(path)
    return [f.read_text(encoding="utf-8") for f in files]


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_benchmark(texts: list[str], *, nlp=None, resolver=None) -> BenchmarkResult:
    from .header import parse_article_header
    from .pipeline import _body_paragraphs, extract_many, load_nlp

    nlp = nlp or load_nlp()
    words = sum(len(t.split()) for t in texts)
    # The baseline parses the same paragraphs extraction parses, in one batched
    # stream, so the ratio measures only what the rules add on top.
    jobs = []
    for text in texts:
        header = parse_article_header(text)
        jobs.extend(text[s:e] for s, e in _body_paragraphs(text, header.boilerplate))
    # One untimed pass first: the first pass over new text also fills the
    # vocabulary and allocator pools, which would otherwise favour whichever
    # timing runs second.
    for _doc in nlp.pipe(jobs, batch_size=64):
        pass
    started = time.perf_counter()
    for _doc in nlp.pipe(jobs, batch_size=64):
        pass
    pipe_seconds = time.perf_counter() - started
    started = time.perf_counter()
    results = extract_many(texts, resolver=resolver, nlp=nlp)
    extract_seconds = time.perf_counter() - started
    return BenchmarkResult(
        files=len(texts),
        words=words,
        pipe_seconds=pipe_seconds,
        extract_seconds=extract_seconds,
        statements=sum(len(r) for r in results),
        peak_rss_mb=peak_rss_mb(),
    )
