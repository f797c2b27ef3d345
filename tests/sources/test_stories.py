"""Near-duplicate articles linked as one story; revised articles keep their old text."""

import pytest

from sources.models import Article, ArticleVersion
from sources.neardup import THRESHOLD, signature, similarity
from sources.parsing import RawArticle
from sources.services import article_ingest

WIRE = (
    "MOSCOW (Reuters) - Russia's defence ministry said on Tuesday that some units deployed "
    "near Ukraine were returning to their bases after completing exercises, a move that "
    "could ease fears of an invasion. Western leaders said they had yet to see evidence "
    "of a pullback. Kremlin spokesman Dmitry Peskov said Russia had always planned to "
    "withdraw the troops after the drills and that Western hysteria had been unfounded."
)
# A syndicated copy: another lede, a trimmed ending, the same body.
COPY = (
    "Russia says some troops are pulling back. Russia's defence ministry said on Tuesday "
    "that some units deployed near Ukraine were returning to their bases after completing "
    "exercises, a move that could ease fears of an invasion. Western leaders said they had "
    "yet to see evidence of a pullback. Kremlin spokesman Dmitry Peskov said Russia had "
    "always planned to withdraw the troops after the drills."
)
OTHER = (
    "BRUSSELS - NATO defence ministers met on Wednesday to discuss reinforcing the "
    "alliance's eastern flank. Secretary-General Jens Stoltenberg said the alliance had not "
    "seen any de-escalation on the ground and that Russia continued its military buildup, "
    "adding that allies were ready to deploy more battlegroups to the region if needed."
)


def test_a_syndicated_copy_is_similar_and_another_story_is_not():
    assert similarity(signature(WIRE), signature(COPY)) >= THRESHOLD
    assert similarity(signature(WIRE), signature(OTHER)) < 0.2
    assert signature("Too short to compare.") == []


@pytest.mark.django_db
def test_wire_copies_from_two_outlets_are_linked_as_one_story():
    wire, _ = article_ingest(raw=RawArticle(text=WIRE, url="https://wire.example/a", outlet="Wire"))
    copy, _ = article_ingest(
        raw=RawArticle(text=COPY, url="https://paper.example/b", outlet="Paper")
    )
    other, _ = article_ingest(raw=RawArticle(text=OTHER, url="https://wire.example/c"))

    wire.refresh_from_db()
    copy.refresh_from_db()
    other.refresh_from_db()
    assert wire.story_id is not None
    assert copy.story_id == wire.story_id
    assert other.story_id is None
    assert set(wire.story.articles.values_list("pk", flat=True)) == {wire.pk, copy.pk}


@pytest.mark.django_db
def test_an_article_fetched_again_with_new_text_keeps_the_old_text_as_a_version():
    first, created = article_ingest(raw=RawArticle(text=WIRE, url="https://wire.example/a"))
    Article.objects.filter(pk=first.pk).update(status=Article.Status.DONE)
    updated = WIRE + " Ukraine's foreign minister said Kyiv would believe it when it saw it."

    again, created_again = article_ingest(
        raw=RawArticle(text=updated, url="https://wire.example/a", title="Update")
    )

    assert created and not created_again
    assert again.pk == first.pk
    assert again.text == updated
    assert again.status == Article.Status.PENDING  # extracted again
    version = ArticleVersion.objects.get(article=first)
    assert version.text == WIRE
    assert Article.objects.count() == 1
    # The same text once more is no revision.
    article_ingest(raw=RawArticle(text=updated, url="https://wire.example/a"))
    assert ArticleVersion.objects.filter(article=first).count() == 1
