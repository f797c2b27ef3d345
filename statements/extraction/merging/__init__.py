"""Combine rule and tagger candidates, and apply PolNeAR's one-attribution-per-token view."""

from . import settings
from .cleanup import (
    cut_speakers_out,
    drop_nested,
    drop_overlapping,
    fill_missing_speakers,
    fold_reported_via,
    one_per_content,
)
from .sources import merge_sources
from .tagged import tagged_drafts

__all__ = [
    "cut_speakers_out",
    "drop_nested",
    "drop_overlapping",
    "fill_missing_speakers",
    "fold_reported_via",
    "merge_sources",
    "one_per_content",
    "settings",
    "tagged_drafts",
]
