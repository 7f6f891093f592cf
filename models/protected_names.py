"""People who could be harmed if identified (golden rule 5): never named in the family copy.

A sharing decision lists them ("do not name"). Every item of the meeting whose text holds
any word of such a name (first name or surname, accents and case ignored) is left out of
the family copy, the outcome letter and the room screen's family view, as a withheld item
is: no note in its place, no count. Meeting-level text that names one (the purpose, the
venue…) is left out too. Matching every word of the name errs towards leaving out: a
surname mentioned alone ("Mrs Okonjo") still identifies her. A word of a child's name
cannot be one of them (the family copy names the child): see `clash_with_children`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from models.text import search_form

PROTECTED_REASON = "Names a person who could be harmed if identified (do not name)."


def name_words(names: Iterable[str]) -> frozenset[str]:
    """The words to look for: each word of each name, of two letters or more, folded."""
    return frozenset(
        word for name in names for word in re.findall(r"\w+", search_form(name)) if len(word) > 1
    )


def protected_words(decisions: Iterable[Any]) -> frozenset[str]:
    """The words of every name the meeting's sharing decisions say not to give."""
    return name_words(name for d in decisions for name in d.protected_names())


def _texts(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for part in value:
            yield from _texts(part)


def names_someone(value: Any, words: frozenset[str]) -> bool:
    """Whether any text in `value` (a string or a record, through its parts) holds one of
    the protected `words` as a whole word."""
    if not words:
        return False
    return any(
        word in words for text in _texts(value) for word in re.findall(r"\w+", search_form(text))
    )


def clash_with_children(decisions: Iterable[Any], children: Iterable[str]) -> str | None:
    """The rule broken when a name not to be given shares a word with a child's name (the
    family copy prints the child's name, so that word cannot be left out), or None."""
    childrens = name_words(children)
    for decision in decisions:
        for name in decision.protected_names():
            shared = sorted(name_words([name]) & childrens)
            if shared:
                return (
                    f"Do not name “{name}”: “{shared[0]}” is also in the child's name, which "
                    "the family copy prints. List only the words that are this person's own "
                    "(e.g. a first name), and withhold any item that names them another way."
                )
    return None
