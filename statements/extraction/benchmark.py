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
    bare_pipes: tuple[str, ...] = ()
    extract_pipes: tuple[str, ...] = ()
    bare_matmul: str = ""
    extract_matmul: str = ""

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


def as_one_document(texts: list[str], copies: int = 1) -> list[str]:
    """The texts, copies times over, as one article with a blank line between them:
    how throughput and memory hold up on a book-length transcript or report."""
    return ["\n\n".join(texts * copies)]


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def load_bare():
    """The plain spaCy model extraction builds on: no tagger of ours, no extra components,
    multiplying matrices the way extraction does (see pipeline.use_numpy_matmul), so the
    ratio compares our components and not the matrix library."""
    import spacy

    from .pipeline import MODEL_NAME, use_numpy_matmul

    use_numpy_matmul()
    return spacy.load(MODEL_NAME)


def matmul(nlp) -> str:
    """Which library a pipeline's models multiply matrices with."""
    from thinc.api import NumpyOps

    ops = nlp.get_pipe(nlp.pipe_names[0]).model.ops
    if isinstance(ops, NumpyOps):
        return "blis" if ops.use_blis else "numpy"
    return type(ops).__name__


def run_benchmark(
    texts: list[str], *, nlp=None, bare=None, resolver=None, repeats: int = 1
) -> BenchmarkResult:
    from .header import parse_article_header
    from .pipeline import _body_paragraphs, extract_many, load_nlp, parse
    from .text_utils import paragraph_text

    nlp = nlp or load_nlp()
    bare = bare or load_bare()
    words = sum(len(t.split()) for t in texts)
    # The bare model parses exactly the paragraphs extraction parses, batched the
    # same way: whole articles in one batch make spaCy hold far more memory at once.
    jobs = []
    for text in texts:
        header = parse_article_header(text)
        paras = _body_paragraphs(text, header.boilerplate)
        jobs.extend(paragraph_text(text, s, e) for s, e in paras)

    def time_bare() -> float:
        started = time.perf_counter()
        for _doc in parse(bare, jobs):
            pass
        return time.perf_counter() - started

    def time_extract() -> tuple[float, int]:
        started = time.perf_counter()
        results = extract_many(texts, resolver=resolver, nlp=nlp)
        return time.perf_counter() - started, sum(len(r) for r in results)

    # Untimed warm-up of both: the first pass over new text fills the vocabulary
    # and allocator pools, which would otherwise favour whichever timing runs second.
    warm = texts[: max(1, len(texts) // 10)]
    list(bare.pipe(jobs[: max(1, len(jobs) // 10)]))
    extract_many(warm, resolver=resolver, nlp=nlp)
    # Alternate the two and keep each one's best run, so a burst of load from
    # another process on a shared machine does not decide the ratio.
    pipe_seconds = extract_seconds = float("inf")
    statements = 0
    for _ in range(max(1, repeats)):
        pipe_seconds = min(pipe_seconds, time_bare())
        seconds, statements = time_extract()
        extract_seconds = min(extract_seconds, seconds)
    return BenchmarkResult(
        files=len(texts),
        words=words,
        pipe_seconds=pipe_seconds,
        extract_seconds=extract_seconds,
        statements=statements,
        peak_rss_mb=peak_rss_mb(),
        bare_pipes=tuple(bare.pipe_names),
        extract_pipes=tuple(nlp.pipe_names),
        bare_matmul=matmul(bare),
        extract_matmul=matmul(nlp),
    )
