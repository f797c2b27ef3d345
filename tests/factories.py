import datetime as dt
import hashlib

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from sources.models import Article, IngestJob, Outlet
from statements.models import (
    CLAIM_COLUMNS,
    Actor,
    ActorAlias,
    ActorRole,
    Contradiction,
    Event,
    Proposition,
    Statement,
    Topic,
)
from statements.services.contradiction_claims import contradictions_claims_sync


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create and results:
            instance.save()


class EditorFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def editors_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name="editors"))


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Outlet {n}")
    domain = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "") + ".example")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    outlet = factory.SubFactory(OutletFactory)
    title = factory.Sequence(lambda n: f"Article {n}")
    text = factory.Sequence(lambda n: f"Officials said on Monday that talks continue. ({n})")
    url = factory.Sequence(lambda n: f"https://news.example/articles/{n}")
    content_hash = factory.LazyAttribute(lambda a: hashlib.sha256(a.text.encode()).hexdigest())
    published_at = factory.LazyFunction(lambda: dt.datetime(2022, 2, 16, 7, 31, tzinfo=dt.UTC))
    status = Article.Status.DONE


class IngestJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IngestJob

    kind = IngestJob.Kind.TEXT
    payload = "Officials said on Monday that talks continue."


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Actor {n}")
    slug = factory.LazyAttribute(lambda a: a.name.lower().replace(" ", "-").replace("'", ""))
    kind = Actor.Kind.PERSON


class ActorAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActorAlias

    actor = factory.SubFactory(ActorFactory)
    text = factory.Sequence(lambda n: f"Alias {n}")
    normalized = factory.LazyAttribute(lambda a: " ".join(a.text.lower().split()))


class ActorRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActorRole

    person = factory.SubFactory(ActorFactory)
    title = "Secretary-General"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = "Russian troop posture on the Ukrainian border"
    slug = "russian-troop-posture"
    stance_a = "pulling back"
    stance_a_cues = "return to their bases\npull back\npullback\nwithdraw\nde-escalation"
    stance_b = "building up"
    stance_b_cues = "build up\nbuildup\nmore troops\nincreased the number of troops"


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    actor = factory.SubFactory(ActorFactory)
    article = factory.SubFactory(ArticleFactory)
    speaker_text = factory.LazyAttribute(lambda s: s.actor.name if s.actor else "")
    content = factory.Sequence(lambda n: f"Russia continues the military buildup ({n})")
    kind = Statement.Kind.PARAPHRASE
    cue = "said"
    content_start = factory.Sequence(lambda n: n * 10)
    content_end = factory.LazyAttribute(lambda s: s.content_start + len(s.content))
    said_on = dt.date(2022, 2, 16)
    date_precision = Statement.Precision.DAY
    confidence = 0.9


class ContradictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contradiction

    statement_a = factory.SubFactory(StatementFactory, stance="pulling back")
    statement_b = factory.SubFactory(StatementFactory, stance="building up")
    topic = factory.SubFactory(TopicFactory)
    kind = Contradiction.Kind.OPPOSITE_DIRECTION
    score = 0.8
    explanation = 'A: "return to their bases" vs B: "continues the military buildup"'
    phrase_a = "return to their bases"
    phrase_b = "continues the military buildup"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        a, b = kwargs["statement_a"], kwargs.get("statement_b")
        if b is not None and a.pk > b.pk:
            kwargs["statement_a"], kwargs["statement_b"] = b, a
            kwargs["phrase_a"], kwargs["phrase_b"] = kwargs["phrase_b"], kwargs["phrase_a"]
        created = super()._create(model_class, *args, **kwargs)
        # As the detection services leave it: with its copy of the claims' actor, outlet, date.
        contradictions_claims_sync(contradiction_ids=[created.pk])
        created.refresh_from_db(fields=CLAIM_COLUMNS)
        return created


class PropositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposition

    topic = factory.SubFactory(TopicFactory)
    text = factory.Sequence(lambda n: f"Russian forces are withdrawing from the border ({n})")
    supported_by_stance = "a"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Russia invades Ukraine ({n})")
    slug = factory.Sequence(lambda n: f"russia-invades-ukraine-{n}")
    occurred_on = dt.date(2022, 2, 24)
    topic = factory.SubFactory(TopicFactory)
    confirms_stance = "b"


def statement_carried_by(*outlets: tuple[str, dt.datetime], words=None) -> Statement:
    """One statement whose words appeared in an article of each (outlet, published) given,
    merged as ingestion merges them; the first pair is the statement's own article."""
    from statements.services.appearances import appearance_record, statements_counts_refresh

    words = words or "Russia continues the military buildup"
    statement = None
    for name, published in outlets:
        lead = f"{name} reports: "
        article = ArticleFactory(
            outlet=OutletFactory(name=name), text=f"{lead}{words}.", published_at=published
        )
        span = {"content": words, "content_start": len(lead), "content_end": len(lead) + len(words)}
        if statement is None:
            statement = StatementFactory(article=article, **span)
            appearance_record(statement=statement)
        else:
            appearance_record(statement=statement, source=Statement(article=article, **span))
    statements_counts_refresh(statement_ids=[statement.pk])
    statement.refresh_from_db()
    return statement
