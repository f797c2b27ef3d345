"""classify(): which topic a statement's content is about, and which side it takes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from .matching import CompiledTopics, Hit, anchor, compile_topics, find_hits
from .modality import modality
from .negation import find_anaphor, governors, is_denial_cue, is_observation, window_negator
from .nlp import has_parse, parse
from .types import (
    RULE_CONTEXT,
    RULE_CUE,
    RULE_DENIAL,
    RULE_DENIAL_CONTEXT,
    RULE_NEGATED,
    RULE_NEGATED_OBSERVATION,
    RULE_NEGATED_WINDOW,
    RULE_NEGATIVE_CUE,
    StanceMatch,
    TopicSpec,
)

# Confidence drops with each inference step between the words and the stance.
BASE_MULTIWORD = 0.9
BASE_SINGLE = 0.8
PENALTY = {
    RULE_CUE: 0.0,
    RULE_NEGATIVE_CUE: 0.0,
    RULE_NEGATED: 0.1,
    RULE_NEGATED_OBSERVATION: 0.1,
    RULE_NEGATED_WINDOW: 0.2,
    RULE_DENIAL: 0.15,
}
CONTEXT_FACTOR = 0.85
ADJACENT = 2  # a window negator this close still counts when the parse missed it


def _depth(token) -> int:
    return sum(1 for _ in token.ancestors)


def _evaluate(doc: Doc, hit: Hit, compiled: CompiledTopics) -> tuple[StanceMatch, int, bool]:
    """The stance a hit supports, the depth of its anchor, and whether the content denies it."""
    topic = compiled.topics[hit.cue.topic]
    root = anchor(doc, hit.tokens)
    negators: list = []
    denial = None
    rule = RULE_NEGATIVE_CUE if hit.cue.negative else RULE_CUE
    if has_parse(doc):
        gov = governors(doc, hit.tokens, root)
        negators, denial = list(gov.negators), gov.denial
        if negators:
            rule = RULE_NEGATED_OBSERVATION if is_observation(negators) else RULE_NEGATED
        else:
            near = window_negator(doc, hit.first, reach=ADJACENT)
            if near is not None:
                negators, rule = [near], RULE_NEGATED_WINDOW
    else:
        near = window_negator(doc, hit.first)
        if near is not None:
            negators, rule = [near], RULE_NEGATED_WINDOW
    flip = len(negators) % 2 == 1
    if denial is not None:
        flip, rule = not flip, RULE_DENIAL
    base = BASE_MULTIWORD if hit.cue.size > 1 else BASE_SINGLE
    # The phrase runs from a preceding negator to the cue so it reads as said:
    # "not seen any de-escalation".
    first = min([hit.first] + [n.i for n in negators])
    start = doc[first].idx
    end = doc[hit.last].idx + len(doc[hit.last])
    match = StanceMatch(
        topic=topic.slug,
        stance=topic.opposite(hit.cue.stance) if flip else hit.cue.stance,
        phrase=doc.text[start:end],
        start=start,
        end=end,
        negated=flip,
        confidence=round(base - PENALTY[rule], 3),
        rule=rule,
    )
    return match, _depth(root) if has_parse(doc) else 0, denial is not None


def _flip(match: StanceMatch, topics: dict[str, TopicSpec], rule: str) -> StanceMatch:
    topic = topics[match.topic]
    # Denying a possibility is a firm claim: "dismissed that Russia may invade".
    return replace(
        match,
        stance=topic.opposite(match.stance),
        negated=not match.negated,
        rule=rule,
        hedge="",
        confidence=round(max(match.confidence - PENALTY[RULE_DENIAL], 0.05), 3),
    )


def classify(
    content: str,
    topics: Sequence[TopicSpec],
    *,
    cue: str | None = None,
    context: str | None = None,
    doc: Doc | None = None,
    speaker: str | None = None,
) -> StanceMatch | None:
    """The topic and stance `content` takes, or None when no cue of any topic applies.

    `cue` is the statement's speech verb: a denial verb ("dismissed") flips the content's
    stance. When the content only points back ("a notion that Moscow dismissed"), `context`
    (the clause it points to) is classified instead. `doc` may be a pre-parsed `content`.
    `speaker` (who the statement is attributed to) tells a relayed claim ("the Pentagon said
    ...") from the speaker's own.
    """
    if not topics or not content:
        return None
    compiled = compile_topics(topics)
    doc = doc if doc is not None else parse(content)
    denial_cue = is_denial_cue(cue)
    hits = find_hits(doc, compiled)
    evaluated = [(*_evaluate(doc, hit, compiled), hit) for hit in hits]
    if evaluated:
        # The main clause carries the claim: "despite claims of a pullback, Russia is still
        # building up" is about the buildup.
        match, _, denied_inside, hit = min(
            evaluated,
            key=lambda e: (e[1], -e[0].confidence, -(e[0].end - e[0].start), e[0].start),
        )
        mode = modality(doc, hit.tokens, anchor(doc, hit.tokens), speaker=speaker)
        if mode.hedge is not None and not denied_inside:
            match = replace(match, hedge=mode.hedge.text)
        if mode.reported_by:
            match = replace(match, reported_by=mode.reported_by)
        if denial_cue and not denied_inside:
            match = _flip(match, compiled.topics, RULE_DENIAL)
        return match
    anaphor = find_anaphor(doc) if context else None
    if anaphor is None:
        return None
    inner = classify(context, topics)
    if inner is None:
        return None
    if denial_cue:
        inner = _flip(inner, compiled.topics, RULE_DENIAL_CONTEXT)
    else:
        inner = replace(inner, rule=RULE_CONTEXT)
    return replace(
        inner,
        start=anaphor[0],
        end=anaphor[1],
        confidence=round(inner.confidence * CONTEXT_FACTOR, 3),
    )
