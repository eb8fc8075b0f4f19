"""The read-only list behaviour of ``EventList`` beyond ``len``, indexing and iteration (which
the native class has): ``in``, ``index``, ``count``, ``==`` and ``+`` with lists and other
``EventList``\\ s, and a list-style ``repr``. Each works on the list of the events' objects."""

import sys
from typing import Any, List, Optional, SupportsIndex

from ._native import EventList

__all__ = ["install"]


def _other(other: Any) -> Optional[List[Any]]:
    if isinstance(other, list):
        return other
    if isinstance(other, EventList):
        return list(other)
    return None


def _contains(self: EventList, value: object) -> bool:
    return any(event == value for event in self)


def _index(self: EventList, value: object, start: SupportsIndex = 0, stop: SupportsIndex = sys.maxsize, /) -> int:
    """The position of the first event equal to ``value`` from ``start`` to ``stop`` (``ValueError``
    if none is), as ``list.index``."""
    items: List[object] = list(self)
    return items.index(value, start, stop)


def _count(self: EventList, value: object) -> int:
    """How many events equal ``value``."""
    items: List[object] = list(self)
    return items.count(value)


def _eq(self: EventList, other: object) -> Any:
    if self is other:
        return True
    items = _other(other)
    return NotImplemented if items is None else list(self) == items


def _add(self: EventList, other: object) -> Any:
    items = _other(other)
    return NotImplemented if items is None else list(self) + items


def _radd(self: EventList, other: object) -> Any:
    items = _other(other)
    return NotImplemented if items is None else items + list(self)


def _repr(self: EventList) -> str:
    return repr(list(self))


def install() -> None:
    for name, method in [
        ("__contains__", _contains),
        ("index", _index),
        ("count", _count),
        ("__eq__", _eq),
        ("__add__", _add),
        ("__radd__", _radd),
        ("__repr__", _repr),
    ]:
        setattr(EventList, name, method)
    EventList.__hash__ = None  # type: ignore[assignment]  # equal to lists, so unhashable like them
