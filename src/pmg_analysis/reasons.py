"""A config field's default together with the reason for it, as data.

Every setting of the chain is a field of a frozen config dataclass; its reason is written once,
at the field, with :func:`setting`, and stored in the field's ``metadata``. The settings file
(``pmg-analysis instellingen``) prints it above the default, and a test checks that every field
has one. Keeping the reason as data (not as a comment read back from the source) means it
survives packaging without sources, and a field without a reason is found without parsing.

Examples
--------
>>> from dataclasses import dataclass, fields
>>> @dataclass(frozen=True)
... class Example:
...     seed: int = setting(1, reason="Same input, same draws.")
...     words: frozenset[str] = setting(factory=frozenset, reason="None by default.")
>>> Example()
Example(seed=1, words=frozenset())
>>> [reason_of(f) for f in fields(Example)]
['Same input, same draws.', 'None by default.']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, Field, field
from typing import Any

REASON = "reason"


def setting(default: Any = MISSING, *, reason: str,
            factory: Callable[[], Any] | Any = MISSING) -> Any:
    """A dataclass field with ``default`` (or ``factory`` for a mutable one) and ``reason``.

    Parameters
    ----------
    default
        The default value (immutable: a number, string, tuple, frozenset or frozen config).
    reason
        Why this default: one or more sentences, shown above the default in the settings file.
    factory
        Instead of ``default``: a callable that makes the default (a dict, a nested config).
    """
    if not reason.strip():
        raise ValueError("a setting needs its reason")
    return field(default=default, default_factory=factory, metadata={REASON: reason})


def reason_of(item: Field[Any]) -> str:
    """The reason stored with a dataclass field by :func:`setting` (empty when none)."""
    return str(item.metadata.get(REASON, ""))
