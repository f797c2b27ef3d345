"""Value types of stance detection. Plain dataclasses so the app can build them from rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Rule names stored on a match (Statement.stance_rule holds at most 50 characters).
RULE_CUE = "cue"
RULE_NEGATIVE_CUE = "negative cue"  # a cue that carries its own negation: "no plans to invade"
RULE_NEGATED = "negated cue"  # a negation governs a cue: "not seen any de-escalation"
RULE_NEGATED_OBSERVATION = "negated observation"  # "have not seen any withdrawal"
RULE_NEGATED_WINDOW = "negated cue (window)"  # same, found by the cheap token-window fallback
RULE_DENIAL = "denial verb"  # "dismissed/denied/rejected ..." governs the proposition
RULE_DENIAL_CONTEXT = "denial verb (context)"  # denial of an anaphor resolved from context
RULE_CONTEXT = "cue (context)"  # an anaphor endorsed ("echoed", "confirmed") from context
RULE_REPORTED = "reported claim"  # relayed from another party, not endorsed: no stance

# Rules whose claim negates or denies the opposing proposition, rather than asserting its own.
DENIAL_RULES = frozenset(
    {
        RULE_NEGATIVE_CUE,
        RULE_NEGATED,
        RULE_NEGATED_OBSERVATION,
        RULE_NEGATED_WINDOW,
        RULE_DENIAL,
        RULE_DENIAL_CONTEXT,
    }
)
# Denials that rule a possibility out; an observation ("not seen any") only speaks for now.
DENIES_POSSIBILITY = DENIAL_RULES - {RULE_NEGATED_OBSERVATION, RULE_NEGATED_WINDOW}


def is_denial_rule(rule: str) -> bool:
    return rule in DENIAL_RULES


@dataclass(frozen=True)
class TopicSpec:
    slug: str
    name: str
    # Exactly two opposing stance labels, each mapped to its cue phrases. A cue may hold "..."
    # for a short gap ("imminent ... invasion") and "{day}" for a weekday name.
    stances: dict[str, tuple[str, ...]]
    # Phrases that stop a nearby cue counting: capability is not intent ("enough troops to").
    exclusions: tuple[str, ...] = ()

    def opposite(self, stance: str) -> str:
        labels = list(self.stances)
        if len(labels) != 2 or stance not in labels:
            raise ValueError(f"topic {self.slug!r} needs two stances, one of them {stance!r}")
        return labels[1] if labels[0] == stance else labels[0]


@dataclass(frozen=True)
class StanceMatch:
    topic: str  # TopicSpec.slug
    stance: str
    # Verbatim text of the match. Offsets are into the content; when the stance came from
    # `context` (an anaphor such as "a notion that Moscow dismissed") they locate the anaphor
    # in the content while `phrase` quotes the context text it stands for.
    phrase: str
    start: int
    end: int
    negated: bool
    confidence: float
    rule: str
    # "may launch": the claim is put as a possibility. Holds the hedging word.
    hedge: str = ""
    # "Moscow claims ...", "the so-called pullback": whose claim the speaker relays without
    # endorsing it. A reported claim gives the statement a topic but no stance.
    reported_by: str = ""

    @property
    def endorsed(self) -> bool:
        return not self.reported_by


@dataclass(frozen=True)
class ClaimView:
    id: object
    actor: str
    said_on: date | None
    topic: str
    stance: str
    phrase: str
    # Optional extras from StanceMatch (Statement.stance_confidence / stance_rule); the
    # defaults keep six-argument construction working.
    confidence: float = 1.0
    rule: str = RULE_CUE
    hedged: bool = False
    quantities: tuple = ()  # Quantity values stated in the content
    # Said by a catalogue actor, not an unresolved speaker ("a senior official"): a named
    # source is accountable for the claim, so a conflict between named sources weighs more.
    named: bool = True
    # A headline summing up a claim its article's body makes: the body's statement (dated,
    # attributed, verbatim) carries any conflict, so the headline is never flagged itself.
    restatement: bool = False


@dataclass(frozen=True)
class EventView:
    """An editor-recorded event that bears out one stance of its topic."""

    id: object
    title: str
    occurred_on: date
    topic: str
    stance: str  # the stance the event confirms


@dataclass(frozen=True)
class Verdict:
    # "opposite_direction", "denial", "numeric_mismatch", "reversal" or "event"
    kind: str
    score: float  # in (0, 1]
    explanation: str
    rule: str = ""  # the rule that set the two claims against each other
