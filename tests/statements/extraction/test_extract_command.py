"""manage.py extract_statements: JSON lines of what extraction finds in text files."""

import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command


def _rows(capsys):
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_it_resolves_weekdays_against_the_publication_date_given(tmp_path, capsys):
    article = tmp_path / "lavrov.txt"
    article.write_text("Lavrov said on Tuesday that talks could continue.\n", encoding="utf-8")

    call_command("extract_statements", str(article), published=date(2022, 2, 16))

    [row] = _rows(capsys)
    assert (row["actor"], row["said_on"], row["date_text"]) == (
        "Sergei Lavrov",
        "2022-02-15",
        "on Tuesday",
    )
    assert row["file"] == str(article)


def test_without_a_publication_date_a_weekday_stays_unresolved(tmp_path, capsys):
    article = tmp_path / "lavrov.txt"
    article.write_text("Lavrov said on Tuesday that talks could continue.\n", encoding="utf-8")

    call_command("extract_statements", str(article))

    [row] = _rows(capsys)
    assert (row["said_on"], row["date_precision"]) == (None, "unknown")


def test_a_publication_date_not_in_iso_form_is_refused(tmp_path):
    article = tmp_path / "lavrov.txt"
    article.write_text("Lavrov said on Tuesday that talks could continue.\n", encoding="utf-8")

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("extract_statements", str(article), "--published", "16/02/2022")


def test_unreadable_files_are_named_and_the_rest_still_extracted(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("Lavrov said on Tuesday that talks could continue.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00broken")

    with pytest.raises(CommandError, match="2 file"):
        call_command("extract_statements", str(empty), str(good), str(binary))

    captured = capsys.readouterr()
    assert [json.loads(line)["file"] for line in captured.out.splitlines()] == [str(good)]
    assert "empty.txt: file is empty" in captured.err
    assert "binary.txt: cannot read as UTF-8 text" in captured.err
