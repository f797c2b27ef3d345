"""Store how each statement bears on its topic's propositions (supports, refutes, neutral)."""

from django.db import connection, transaction
from django.utils import timezone

from statements.detection import assess
from statements.models import Proposition, Statement, StatementProposition


@transaction.atomic
def propositions_assess_for_statement(*, statement: Statement) -> list[StatementProposition]:
    """Replace the statement's proposition links with ones derived from its stance.

    A statement that left its topic keeps no links to the old topic's propositions.
    """
    return propositions_links_write(statement=statement)


# One round trip instead of three (delete links left on another topic, read the topic's
# propositions, upsert the links): detection runs this for every statement it stores. The
# relation for each of the two stances is decided by assess() in Python; SQL only picks it.
_LINKS_SQL = """
WITH gone AS (
    DELETE FROM {links} AS old USING {propositions} AS p
    WHERE old.statement_id = %(statement)s AND p.id = old.proposition_id
      AND p.topic_id IS DISTINCT FROM %(topic)s
)
INSERT INTO {links} AS link
    (statement_id, proposition_id, relation, confidence, phrase, rule, updated_at)
SELECT %(statement)s, p.id,
    CASE WHEN p.supported_by_stance = 'a' THEN %(relation_a)s ELSE %(relation_b)s END,
    CASE WHEN p.supported_by_stance = 'a' THEN %(confidence_a)s ELSE %(confidence_b)s END,
    %(phrase)s, %(rule)s, %(now)s
FROM {propositions} AS p
WHERE p.topic_id = %(topic)s
ON CONFLICT (statement_id, proposition_id) DO UPDATE SET
    relation = EXCLUDED.relation, confidence = EXCLUDED.confidence,
    phrase = EXCLUDED.phrase, rule = EXCLUDED.rule, updated_at = EXCLUDED.updated_at
RETURNING link.id, link.proposition_id, link.relation, link.confidence, link.phrase,
    link.rule, link.updated_at
"""


def _assessments(statement: Statement) -> dict:
    params = {}
    topic = statement.topic
    for letter in ("a", "b"):
        result = assess(
            stance=statement.stance,
            proposition_stance=topic.stance_a if letter == "a" else topic.stance_b,
            confidence=statement.stance_confidence,
            phrase=statement.stance_phrase,
            rule=statement.stance_rule,
            hedged=statement.hedged,
        )
        params[f"relation_{letter}"] = result.relation
        params[f"confidence_{letter}"] = result.confidence
        params["phrase"], params["rule"] = result.phrase[:300], result.rule[:50]
    return params


def _links_write_portable(statement: Statement) -> list[StatementProposition]:
    """The same in three statements, for the embedded SQLite mode (no DELETE ... USING)."""
    StatementProposition.objects.filter(statement=statement).exclude(
        proposition__topic_id=statement.topic_id
    ).delete()
    if not statement.topic_id:
        return []
    assessed = _assessments(statement)
    links = []
    for proposition in Proposition.objects.filter(topic_id=statement.topic_id):
        letter = "a" if proposition.supported_by_stance == "a" else "b"
        links.append(
            StatementProposition(
                statement=statement,
                proposition=proposition,
                relation=assessed[f"relation_{letter}"],
                confidence=assessed[f"confidence_{letter}"],
                phrase=assessed["phrase"],
                rule=assessed["rule"],
            )
        )
    if links:
        StatementProposition.objects.bulk_create(
            links,
            update_conflicts=True,
            unique_fields=["statement", "proposition"],
            update_fields=["relation", "confidence", "phrase", "rule", "updated_at"],
        )
    return links


def propositions_links_write(*, statement: Statement) -> list[StatementProposition]:
    """The body of propositions_assess_for_statement for callers that already hold the
    transaction (detection runs it for every statement: a savepoint each time is two more
    round trips)."""
    if connection.vendor != "postgresql":
        return _links_write_portable(statement)
    params = {"statement": statement.pk, "topic": statement.topic_id, "now": timezone.now()}
    if statement.topic_id:
        params.update(_assessments(statement))
    else:
        # Nothing is inserted without a topic; the parameters only need to be there.
        params.update(dict.fromkeys(("relation_a", "relation_b", "phrase", "rule"), ""))
        params.update(confidence_a=0.0, confidence_b=0.0)
    sql = _LINKS_SQL.format(
        links=StatementProposition._meta.db_table, propositions=Proposition._meta.db_table
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        StatementProposition(
            pk=pk,
            statement=statement,
            proposition_id=proposition_id,
            relation=relation,
            confidence=confidence,
            phrase=phrase,
            rule=rule,
            updated_at=updated_at,
        )
        for pk, proposition_id, relation, confidence, phrase, rule, updated_at in rows
    ]


def propositions_assess_all() -> int:
    """Refresh the links of every statement on a topic that has propositions."""
    total = 0
    topics = Proposition.objects.values_list("topic_id", flat=True).distinct()
    statements = Statement.objects.filter(topic_id__in=topics).select_related("topic")
    for statement in statements.iterator(chunk_size=1000):
        total += len(propositions_assess_for_statement(statement=statement))
    return total
