"""Statements of a first-party official release, attributed to the channel's actor."""

from statements.extraction import parse_article_header
from statements.extraction.official import (
    is_first_person,
    release_sentences,
    release_statement,
    reports_speech,
)
from statements.models import Actor


def article_official_actor(article) -> Actor | None:
    """The actor whose official channel (a subscribed source) published this article."""
    actor_id = (
        article.source_items.filter(source__official_actor__isnull=False)
        .values_list("source__official_actor", flat=True)
        .first()
    )
    return Actor.objects.filter(pk=actor_id).first() if actor_id else None


def official_statements_add(*, article, extracted: list, actor: Actor) -> list:
    """Attribute an official release's unattributed words to its actor.

    Statements the extractor found without a speaker, or with a first-person one ("we
    will..."), become the actor's; declarative sentences no statement covers are added as
    the actor's own words. Someone the release quotes by name keeps their statement.
    """
    published = article.published_at.date() if article.published_at else None
    if published is None:
        # A release without a feed date carries one in its dateline ("Brussels, 12 May").
        header = parse_article_header(article.text)
        published = header.published or header.dateline_date
    # "NATO welcomes the statement by ..." or "The Alliance stands ready to support
    # Finland" in NATO's own release is the release speaking, not a report of someone's
    # stance: where such a sentence is declarative, the whole of it is the actor's.
    own_voice = [
        found
        for found in extracted
        if found.speaker is not None
        and found.kind == "paraphrase"
        and found.actor in (None, actor.name)
        and (found.actor == actor.name or not reports_speech(found.cue.text))
    ]
    taken = []
    for found in extracted:
        if any(found is own for own in own_voice):
            continue
        if found.speaker is None or is_first_person(found.speaker.text):
            found.actor = actor.name
            found.said_on = found.said_on or published
            found.reported_via = found.reported_via or "official release"
        # The whole sentence a quote comes from is taken: its cue, speaker and words.
        spans = [*found.segments, (found.cue.start, found.cue.end)]
        if found.speaker is not None:
            spans.append((found.speaker.start, found.speaker.end))
        taken.append((min(s for s, _ in spans), max(e for _, e in spans)))
    added = [
        release_statement(span, actor=actor.name, said_on=published)
        for span in release_sentences(article.text, taken=taken)
    ]
    extracted = [
        found
        for found in extracted
        if not any(found is own for own in own_voice)
        or not any(a.content.start <= found.content.start < a.content.end for a in added)
    ]
    return sorted([*extracted, *added], key=lambda found: found.content.start)
