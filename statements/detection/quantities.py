"""Counts a statement states ("130,000 troops", "7,000 more troops") and whether two disagree.

Figures in the news are rounded and hedged, so a count is an interval: "about 100,000" and
"more than 100,000" both admit 130,000, while "100,000" and "130,000" do not meet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Unit nouns, folded to the entity they count.
UNITS = {
    "troops": "troops",
    "troop": "troops",
    "soldiers": "troops",
    "soldier": "troops",
    "servicemen": "troops",
    "service members": "troops",
    "personnel": "troops",
    "military personnel": "troops",
    "tanks": "tanks",
    "tank": "tanks",
    "battalion tactical groups": "battalion tactical groups",
    "btgs": "battalion tactical groups",
    "warships": "warships",
    "ships": "warships",
    "aircraft": "aircraft",
    "jets": "aircraft",
    "missiles": "missiles",
}
OWNERS = {
    "russian": "russia",
    "russia's": "russia",
    "ukrainian": "ukraine",
    "ukraine's": "ukraine",
    "u.s.": "us",
    "us": "us",
    "american": "us",
    "nato": "nato",
    "belarusian": "belarus",
    "british": "uk",
}
APPROXIMATE = frozenset(
    {"about", "around", "roughly", "approximately", "some", "nearly", "almost", "as many as"}
)
LOWER_BOUND = ("more than", "over", "at least", "upwards of", "in excess of")
UPPER_BOUND = ("fewer than", "less than", "up to", "under", "at most", "no more than")
INCREASE = frozenset({"more", "additional", "extra", "another", "further", "new"})
DECREASE = frozenset({"fewer", "less"})
MULTIPLIERS = {"thousand": 1_000, "k": 1_000, "million": 1_000_000, "hundred": 100}
ROUNDING = 0.05  # an exact-looking figure still rounds: 128,500 reported as 130,000
APPROXIMATION = 0.10

_QUALIFIER = "|".join(
    re.escape(q) for q in sorted((*APPROXIMATE, *LOWER_BOUND, *UPPER_BOUND), key=len, reverse=True)
)
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_OWNER = "|".join(re.escape(o) for o in sorted(OWNERS, key=len, reverse=True))
PATTERN = re.compile(
    rf"(?:\b(?P<qual>{_QUALIFIER})\s+)?"
    rf"(?:(?P<pre>{'|'.join(sorted(INCREASE | DECREASE))})\s+)?"
    r"(?P<num>\d{1,3}(?:[,\u00a0 ]\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<mult>thousand|million|hundred|k)\b)?"
    rf"(?:\s+(?P<post>{'|'.join(sorted(INCREASE | DECREASE))}))?"
    rf"(?:\s+(?P<owner>{_OWNER}))?"
    rf"\s+(?P<unit>{_UNIT})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str
    owner: str  # whose units ("russia"), or "" when the text does not say
    low: float
    high: float
    change: str  # "+" for an increase ("7,000 more troops"), "-" for a cut, "" for a count
    text: str

    def as_dict(self) -> dict:
        return {
            "value": self.value,
            "unit": self.unit,
            "owner": self.owner,
            "low": self.low,
            "high": self.high if self.high != float("inf") else None,
            "change": self.change,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Quantity:
        high = data.get("high")
        return cls(
            value=float(data["value"]),
            unit=data["unit"],
            owner=data.get("owner", ""),
            low=float(data.get("low", data["value"])),
            high=float("inf") if high is None else float(high),
            change=data.get("change", ""),
            text=data.get("text", ""),
        )


def _owner_before(text: str, start: int) -> str:
    before = text[max(0, start - 40) : start].lower().split()
    for word in reversed(before[-3:]):
        if word in OWNERS:
            return OWNERS[word]
    return ""


def find_quantities(text: str) -> list[Quantity]:
    """Every count of a known unit in `text`, as an interval."""
    found = []
    for m in PATTERN.finditer(text or ""):
        raw = re.sub(r"[,\u00a0 ]", "", m["num"])
        value = float(raw) * MULTIPLIERS.get((m["mult"] or "").lower(), 1)
        if value <= 0:
            continue
        qualifier = (m["qual"] or "").lower()
        change_word = (m["pre"] or m["post"] or "").lower()
        change = "+" if change_word in INCREASE else "-" if change_word in DECREASE else ""
        if qualifier in LOWER_BOUND:
            low, high = value, float("inf")
        elif qualifier in UPPER_BOUND:
            low, high = 0.0, value
        else:
            margin = APPROXIMATION if qualifier in APPROXIMATE else ROUNDING
            low, high = value * (1 - margin), value * (1 + margin)
        owner = OWNERS.get((m["owner"] or "").lower()) or _owner_before(text, m.start())
        found.append(
            Quantity(
                value=value,
                unit=UNITS[m["unit"].lower()],
                owner=owner,
                low=low,
                high=high,
                change=change,
                text=m.group(0).strip(),
            )
        )
    return found


def quantities_conflict(a: Quantity, b: Quantity) -> bool:
    """Do two counts of the same thing leave no value both could be true of?"""
    if a.unit != b.unit or (a.owner and b.owner and a.owner != b.owner):
        return False
    if a.change or b.change:
        # An increase and a cut disagree in direction whatever their sizes.
        return bool(a.change and b.change and a.change != b.change)
    return a.high < b.low or b.high < a.low


def first_conflict(
    mine: list[Quantity], theirs: list[Quantity]
) -> tuple[Quantity, Quantity] | None:
    for a in mine:
        for b in theirs:
            if quantities_conflict(a, b):
                return a, b
    return None
