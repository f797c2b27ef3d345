"""Store how each statement bears on its topic's propositions (supports, refutes, neutral)."""

from django.db import transaction

from statements.detection import assess
from statements.models import Proposition, Statement, StatementProposition


def _links(statement: Statement, propositions) -> list[StatementProposition]:
    topic = statement.topic
    links = []
    for proposition in propositions:
        agreed = topic.stance_a if proposition.supported_by_stance == "a" else topic.stance_b
        result = assess(
            stance=statement.stance,
            proposition_stance=agreed,
            confidence=statement.stance_confidence,
            phrase=statement.stance_phrase,
            rule=statement.stance_rule,
            hedged=statement.hedged,
        )
        links.append(
            StatementProposition(
                statement=statement,
                proposition=proposition,
                relation=result.relation,
                confidence=result.confidence,
                phrase=result.phrase[:300],
                rule=result.rule[:50],
            )
        )
    return links


@transaction.atomic
def propositions_assess_for_statement(*, statement: Statement) -> list[StatementProposition]:
    """Replace the statement's proposition links with ones derived from its stance.

    A statement that left its topic keeps no links to the old topic's propositions.
    """
    return propositions_links_write(statement=statement)


def propositions_links_write(*, statement: Statement) -> list[StatementProposition]:
    """The body of propositions_assess_for_statement for callers that already hold the
    transaction (detection runs it for every statement: a savepoint each time is two more
    round trips)."""
    StatementProposition.objects.filter(statement=statement).exclude(
        proposition__topic_id=statement.topic_id
    ).delete()
    if not statement.topic_id:
        return []
    propositions = list(Proposition.objects.filter(topic_id=statement.topic_id))
    links = _links(statement, propositions)
    if links:
        StatementProposition.objects.bulk_create(
            links,
            update_conflicts=True,
            unique_fields=["statement", "proposition"],
            update_fields=["relation", "confidence", "phrase", "rule", "updated_at"],
        )
    return links


def propositions_assess_all() -> int:
    """Refresh the links of every statement on a topic that has propositions."""
    total = 0
    topics = Proposition.objects.values_list("topic_id", flat=True).distinct()
    statements = Statement.objects.filter(topic_id__in=topics).select_related("topic")
    for statement in statements.iterator(chunk_size=1000):
        total += len(propositions_assess_for_statement(statement=statement))
    return total
