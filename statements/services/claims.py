"""Copy a classification result onto a statement (not saved: the caller saves)."""

from statements.detection import StanceMatch, find_quantities
from statements.detection.types import RULE_REPORTED
from statements.models import Statement


def statement_assign_claim(
    *, statement: Statement, match: StanceMatch | None, topics_by_slug: dict, topic=None
) -> Statement:
    """Topic, stance, hedge and stated counts from `match`.

    A claim the speaker only relays ("Moscow claims ...") keeps its topic but takes no
    stance: it is not the speaker's. `topic` is a fallback topic (by similarity) for content
    no cue matched; it carries no stance either.
    """
    statement.quantities = [q.as_dict() for q in find_quantities(statement.content)]
    statement.hedged = False
    if match is None:
        statement.topic = topic
        statement.stance, statement.stance_phrase = "", ""
        statement.stance_rule = "similarity" if topic is not None else ""
        statement.stance_confidence = 0.0
        return statement
    statement.topic = topics_by_slug[match.topic]
    statement.stance_phrase = match.phrase[:300]
    statement.stance_confidence = match.confidence
    if match.reported_by:
        statement.stance = ""
        statement.stance_rule = f"{RULE_REPORTED} ({match.reported_by})"[:50]
    else:
        statement.stance = match.stance
        statement.stance_rule = match.rule[:50]
        statement.hedged = bool(match.hedge)
    return statement
