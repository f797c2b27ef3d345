from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sources.models import Article, IngestJob

# Real commits: jobs are enqueued on commit, and the command waits for them. The
# serialized rollback restores the data migrations' rows after the flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def seeded():
    call_command("load_seeds", no_articles=True)


def test_it_ingests_a_text_file_and_waits_for_the_job(seeded, tmp_path, capsys):
    path = tmp_path / "story.txt"
    path.write_text(
        "Feb. 16 (UPI) -- Russian officials have said that there are no plans to invade."
    )

    call_command("ingest", str(path), "--outlet", "UPI", "--published", "2022-02-16", "--wait")

    out = capsys.readouterr().out
    assert "done: 1 new article(s)" in out
    assert Article.objects.get().outlet.name == "UPI"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.txt", "is empty"),
        ("Déclaration".encode("latin-1"), "latin.txt", "not valid UTF-8"),
        (b'{"text": ', "bad.json", "Malformed JSON"),
        (b"%PDF-1.4", "doc.pdf", "Unsupported file type .pdf"),
    ],
)
def test_it_exits_nonzero_with_the_reason_for_bad_files(seeded, tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(CommandError, match=message):
        call_command("ingest", str(path), "--wait")
    assert Article.objects.count() == 0


def test_it_reports_a_missing_file(seeded):
    with pytest.raises(CommandError, match="No such file"):
        call_command("ingest", str(Path("/nonexistent/story.txt")))
    assert IngestJob.objects.count() == 0


def test_a_bad_file_does_not_stop_the_good_ones(seeded, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Moscow said troops would return to their bases.")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")

    with pytest.raises(CommandError, match="1 input"):
        call_command("ingest", str(bad), str(good), "--wait")
    assert Article.objects.count() == 1
