import pytest

from sources.language import detect_language
from sources.models import Article
from sources.parsing import RawArticle
from sources.services import article_ingest, article_process

FRENCH = (
    "Le ministre des Affaires étrangères a déclaré mardi que les négociations avec Moscou "
    "se poursuivraient la semaine prochaine à Genève, tout en reconnaissant que les "
    "positions des deux délégations restaient éloignées sur la question des troupes."
)
GERMAN = (
    "Der Bundeskanzler sagte am Mittwoch in Berlin, Deutschland werde der Ukraine weitere "
    "Luftabwehrsysteme liefern. Die Opposition warf der Regierung vor, zu spät gehandelt "
    "zu haben, und forderte eine Debatte im Bundestag."
)
RUSSIAN = (
    "Министр иностранных дел заявил во вторник, что Москва не планирует нападать на "
    "Украину, и назвал сообщения западных СМИ о концентрации войск у границы истерикой."
)
ENGLISH = (
    "The foreign minister said on Tuesday that talks with Moscow would continue next week "
    "in Geneva, while conceding that the two delegations remain far apart on troops."
)


@pytest.mark.parametrize(
    ("text", "code"), [(FRENCH, "fr"), (GERMAN, "de"), (RUSSIAN, "ru"), (ENGLISH, "en")]
)
def test_it_detects_the_language_of_a_paragraph(text, code):
    assert detect_language(text) == code


def test_it_does_not_guess_from_a_few_words():
    assert detect_language("Bonjour") == ""


@pytest.mark.django_db
def test_a_foreign_article_is_stored_and_marked_for_translation_not_extracted():
    # Declared English by its source, but the text is French: the text wins.
    article, created = article_ingest(raw=RawArticle(text=FRENCH, language="en"))
    result = article_process(article_id=article.pk)

    article.refresh_from_db()
    assert created
    assert article.language == "fr"
    assert article.status == Article.Status.UNTRANSLATED
    assert result.status == Article.Status.UNTRANSLATED
    assert article.text == FRENCH
    assert article.statements.count() == 0


@pytest.mark.django_db
def test_an_english_article_is_extracted():
    article, _ = article_ingest(raw=RawArticle(text=ENGLISH))
    result = article_process(article_id=article.pk)
    article.refresh_from_db()
    assert article.language == "en"
    assert result.status == Article.Status.DONE
    assert article.statements.count() >= 1


@pytest.mark.django_db
def test_a_short_text_keeps_its_declared_language():
    article, _ = article_ingest(raw=RawArticle(text="Kurz gesagt: nein.", language="de"))
    assert article.language == "de"
