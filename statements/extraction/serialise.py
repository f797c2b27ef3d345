"""JSON-ready dictionaries for the command-line output."""

from __future__ import annotations

from .types import ExtractedStatement, Span


def _span(span: Span | None) -> dict | None:
    return None if span is None else {"text": span.text, "start": span.start, "end": span.end}


def statement_to_dict(statement: ExtractedStatement, file: str | None = None) -> dict:
    content = _span(statement.content)
    if len(statement.segments) > 1:
        content["segments"] = [list(seg) for seg in statement.segments]
    return {
        "file": file,
        "speaker": _span(statement.speaker),
        "speaker_name": statement.speaker_name,
        "cue": _span(statement.cue),
        "content": content,
        "kind": statement.kind,
        "reported_via": statement.reported_via,
        "actor": statement.actor,
        "speaker_kind": statement.speaker_kind,
        "said_on": statement.said_on.isoformat() if statement.said_on else None,
        "date_precision": statement.date_precision,
        "date_text": statement.date_text,
        "confidence": statement.confidence,
    }
