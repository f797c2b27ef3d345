"""Helpers shared by the extraction tests."""


def only_statement_about(statements, phrase):
    """The one statement whose content holds phrase; fails showing every content if
    there is none or more than one."""
    hits = [s for s in statements if phrase in s.content.text]
    assert len(hits) == 1, [s.content.text for s in statements]
    return hits[0]
