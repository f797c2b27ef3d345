"""Combine rule and tagger candidates, and apply PolNeAR's one-attribution-per-token view."""

from . import settings
from .cleanup import (
    cut_speakers_out,
    drop_nested,
    drop_overlapping,
    fill_missing_speakers,
    fold_reported_via,
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
    "settings",
    "tagged_drafts",
]
