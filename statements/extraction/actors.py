"""Actor catalogue and speaker-name resolution."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from rapidfuzz import fuzz, process

from .types import ActorEntry, RoleEntry

DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
# Possessive country names and their adjectives denote the same institution:
# "Russia's defense ministry" is the "Russian Defense Ministry".
DEMONYMS = {
    "russia": "russian", "ukraine": "ukrainian", "america": "american", "us": "us",
    "britain": "british", "uk": "british", "france": "french", "germany": "german",
    "china": "chinese", "belarus": "belarusian", "europe": "european", "nato": "nato",
    "poland": "polish", "turkey": "turkish", "israel": "israeli", "iran": "iranian",
}  # fmt: skip
SPELLING = {"defence": "defense", "organisation": "organization", "kiev": "kyiv"}
TITLE_SYNONYMS = {
    "chief": "secretary general", "head": "secretary general", "boss": "secretary general",
    "leader": "president", "spokesman": "spokesperson", "spokeswoman": "spokesperson",
    "secretary-general": "secretary general", "defence": "defense",
}  # fmt: skip
FUZZY_CUTOFF = 90


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").lower()
    text = re.sub(r"\b([a-z])\.(?=[a-z]\.)", r"\1", text)  # u.s. -> us.
    text = re.sub(r"(?<=\b[a-z])\.(?=\s|$)", "", text)
    text = re.sub(r"'s\b|s'(?=\s|$)", "", text)
    text = re.sub(r"[^\w\s-]", " ", text).replace("-", " ")
    words = [SPELLING.get(w, w) for w in text.split()]
    while words and words[0] in DETERMINERS:
        words = words[1:]
    words = [DEMONYMS.get(w, w) if i < len(words) - 1 else w for i, w in enumerate(words)]
    return " ".join(words)


def _title_words(text: str) -> str:
    norm = normalise(text)
    for word, canon in TITLE_SYNONYMS.items():
        norm = re.sub(rf"\b{re.escape(normalise(word))}\b", canon, norm)
    return norm


def _parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class ActorResolver:
    def __init__(self, entries: Iterable[ActorEntry]):
        self.entries = list(entries)
        self.by_name = {e.name: e for e in self.entries}
        self.alias_index: dict[str, str] = {}
        for entry in self.entries:
            for alias in (entry.name, *entry.aliases):
                self.alias_index.setdefault(normalise(alias), entry.name)
        self._choices = list(self.alias_index)
        # Organisation names are matched through their own aliases too, so that
        # "the alliance's Secretary General" can reach NATO roles via "NATO".
        self._org_forms: dict[str, set[str]] = {}
        for entry in self.entries:
            forms = {normalise(entry.name)} | {normalise(a) for a in entry.aliases}
            self._org_forms[entry.name] = {f for f in forms if f}
        # Words an actor is described by ("chancellor" for "German Chancellor Olaf
        # Scholz"), so "the chancellor" can find its antecedent among the mentions.
        self._described_by: dict[str, set[str]] = {}
        for entry in self.entries:
            phrases = (*entry.aliases, *(r.title for r in entry.roles))
            self._described_by[entry.name] = {w for p in phrases for w in _title_words(p).split()}

    @classmethod
    def from_catalogue(cls, path) -> ActorResolver:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        entries = []
        for item in raw:
            roles = tuple(
                RoleEntry(
                    title=r["title"],
                    organisation=r["organisation"],
                    start=_parse_date(r.get("start")),
                    end=_parse_date(r.get("end")),
                )
                for r in item.get("roles", [])
            )
            entries.append(
                ActorEntry(
                    name=item["name"],
                    kind=item["kind"],
                    aliases=tuple(item.get("aliases", [])),
                    roles=roles,
                )
            )
        return cls(entries)

    def described_by(self, name: str | None, noun: str) -> bool:
        words = _title_words(noun).split()
        return bool(name and words) and set(words) <= self._described_by.get(name, set())

    def kind_of(self, name: str | None) -> str | None:
        entry = self.by_name.get(name) if name else None
        return entry.kind if entry else None

    def _role_match(self, text: str, on: date | None) -> str | None:
        norm = f" {_title_words(text)} "
        hits = []
        for entry in self.entries:
            for role in entry.roles:
                title = _title_words(role.title)
                if f" {title} " not in norm:
                    continue
                org_forms = self._org_forms.get(role.organisation, {normalise(role.organisation)})
                if not any(f" {form} " in norm for form in org_forms):
                    continue
                if on is not None and (
                    (role.start and on < role.start) or (role.end and on >= role.end)
                ):
                    continue
                if on is None and role.end is not None:
                    continue
                hits.append(entry.name)
        return hits[0] if len(set(hits)) == 1 else None

    def resolve(self, speaker_text: str, *, on: date | None = None) -> str | None:
        if not speaker_text or not speaker_text.strip():
            return None
        norm = normalise(speaker_text)
        if not norm:
            return None
        alias_hit = self.alias_index.get(norm)
        if alias_hit:
            entry = self.by_name[alias_hit]
            surname = normalise(entry.name).split()[-1]
            # A bare title alias ("NATO chief") names whoever held the post at
            # the time, so a dated role wins over it; a personal name does not.
            if entry.kind != "person" or surname in norm.split() or not entry.roles:
                return alias_hit
            role_hit = self._role_match(speaker_text, on) if on else None
            return role_hit or alias_hit
        role_hit = self._role_match(speaker_text, on)
        if role_hit:
            return role_hit
        if len(norm) < 4:
            return None
        best = process.extractOne(norm, self._choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best:
            return self.alias_index[best[0]]
        # "Russian President Vladimir Putin" style: a title prefix before a known name.
        words = norm.split()
        for size in range(min(len(words), 4), 0, -1):
            tail = " ".join(words[-size:])
            name = self.alias_index.get(tail)
            if name and (size > 1 or self.by_name[name].kind == "person"):
                return name
        return None
