"""Routing a delivery's events to handlers.

::

    router = Router()

    @router.on("contact.creation")           # also generic object.creation events of contacts
    def new_contact(event): ...

    @router.on("OUTGOING_CHANNEL_MESSAGE_CREATED")
    async def send_to_channel(event): ...

    router.receive(delivery)                 # or: await router.receive_async(delivery)

Patterns and matching are the core's (``check_pattern`` when a handler is registered, so a typo
such as ``contact.creaton`` raises at start-up with the name it meant; ``pattern_matches`` and
``channel_pattern_matches`` for each event). Every handler that matches an event runs, events in
order and handlers in the order they were registered, even after one failed; the failures are
raised together as one :class:`HandlerError`.
"""

import asyncio
import inspect
from typing import Any, Awaitable, Callable, Iterator, List, Optional, Tuple, TypeVar, Union, overload

from . import _native
from ._channel import ChannelEvent
from ._errors import HandlerError, _note
from ._native import Batch, ChannelDelivery, Event

__all__ = ["Router", "AnyEvent", "Handler"]

#: An event a handler receives: an ``Event`` of a batch or a Custom Channels ``ChannelEvent``.
AnyEvent = Union[Event, ChannelEvent]
#: A handler: a function of the event, or an ``async`` one.
Handler = Callable[[Any], Union[None, Awaitable[None], Any]]
H = TypeVar("H", bound=Callable[..., Any])


def _events(delivery: Union[Batch, ChannelDelivery]) -> List[AnyEvent]:
    if isinstance(delivery, ChannelDelivery):
        return [] if delivery.channel_event is None else [delivery.channel_event]
    if isinstance(delivery, Batch):
        return list(delivery.events)
    raise TypeError(f"receive takes a delivery of verify_and_parse or parse, not {type(delivery).__name__}")


def _failure(error: Exception, handler: Callable[..., Any], event: AnyEvent) -> Exception:
    """``error`` with a note naming the handler and the event (its dedup key), when the
    exception takes one: a failure counts, and the next handlers run, whatever the note does."""
    try:
        name = getattr(handler, "__qualname__", None) or repr(handler)
        _note(error, f"raised by handler {name} for event {event.dedup_key()}")
    except Exception:  # noqa: BLE001 - e.g. __notes__ set to a tuple, or a handler whose repr fails
        pass
    return error


def _raise_failures(failures: List[Exception]) -> None:
    if failures:
        count = len(failures)
        raise HandlerError(f"{count} handler{'' if count == 1 else 's'} of a HubSpot delivery failed", failures)


async def _awaited(result: Awaitable[Any]) -> Any:
    return await result


def _run_to_end(result: Awaitable[Any]) -> None:
    """Runs an async handler's awaitable from synchronous code (a new event loop)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(_awaited(result))
        return
    close = getattr(result, "close", None)
    if close is not None:
        close()
    raise TypeError("an async handler cannot run from router.receive() inside a running event loop: "
                    "use await router.receive_async(delivery)")


class Router:
    """Handlers by event pattern: ``"*"`` (every event); a subscription type
    (``"conversation.newMessage"``); ``"<objectType>.<action>"`` with ``*`` for either part
    (``"contact.*"``, ``"*.propertyChange"``), which also matches generic ``object.*`` events of
    that object type; or a Custom Channels type (``"OUTGOING_CHANNEL_MESSAGE_CREATED"``)."""

    def __init__(self) -> None:
        self._patterns: List[str] = []
        self._handlers: List[Callable[..., Any]] = []

    @overload
    def on(self, pattern: str, handler: None = None) -> Callable[[H], H]: ...
    @overload
    def on(self, pattern: str, handler: H) -> H: ...

    def on(self, pattern: str, handler: Optional[H] = None) -> Union[H, Callable[[H], H]]:
        """Registers ``handler`` for ``pattern`` (or, without a handler, a decorator that does).
        A malformed pattern, or one a typo away from a name HubSpot sends, raises ``UsageError``
        (``invalid_argument``) with the core's suggestion; other well-formed names are accepted
        (HubSpot adds types)."""
        if not isinstance(pattern, str):
            raise TypeError(f"a pattern is a str such as \"contact.*\", not {type(pattern).__name__}")
        _native.check_pattern(pattern)

        def register(handler: H) -> H:
            if not callable(handler):
                raise TypeError(f"the handler for {pattern!r} must be callable, not {type(handler).__name__}")
            if inspect.isgeneratorfunction(handler) or inspect.isasyncgenfunction(handler):
                raise TypeError(f"the handler for {pattern!r} is a generator function: calling it would run none "
                                "of its body; write a plain or async function of the event (without yield)")
            self._patterns.append(pattern)
            self._handlers.append(handler)
            return handler

        return register if handler is None else register(handler)

    def handlers_for(self, event: AnyEvent) -> List[Callable[..., Any]]:
        """The handlers whose pattern matches ``event``, in the order they were registered."""
        if not self._handlers:
            return []
        target = event._core if isinstance(event, ChannelEvent) else event
        flags = _native.pattern_flags(self._patterns, target)
        return [handler for handler, matched in zip(self._handlers, flags) if matched]

    def _calls(self, delivery: Union[Batch, ChannelDelivery]) -> Iterator[Tuple[AnyEvent, Callable[..., Any]]]:
        for event in _events(delivery):
            for handler in self.handlers_for(event):
                yield event, handler

    def receive(self, delivery: Union[Batch, ChannelDelivery]) -> None:
        """Runs the handlers of every event of an already verified delivery (a batch or a Custom
        Channels delivery; rejected events are not routed). An ``async`` handler is run to its
        end in a new event loop. Raises :class:`HandlerError` with every failure once all ran."""
        failures: List[Exception] = []
        for event, handler in self._calls(delivery):
            try:
                result = handler(event)
                if inspect.isawaitable(result):
                    _run_to_end(result)
            except Exception as err:
                failures.append(_failure(err, handler, event))
        _raise_failures(failures)

    async def receive_async(self, delivery: Union[Batch, ChannelDelivery]) -> None:
        """:meth:`receive` from async code: ``async`` handlers are awaited, one at a time, in order;
        plain functions are called directly."""
        failures: List[Exception] = []
        for event, handler in self._calls(delivery):
            try:
                result = handler(event)
                if inspect.isawaitable(result):
                    await result
            except Exception as err:
                failures.append(_failure(err, handler, event))
        _raise_failures(failures)

    def __repr__(self) -> str:
        return f"Router({', '.join(repr(p) for p in self._patterns)})"
