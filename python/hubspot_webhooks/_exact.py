"""Exact JSON values for ``Event.to_dict()`` and ``Event.unknown_fields()``.

Core hands over each member's exact JSON text. Python's ``json`` keeps integers exact at any
size; a number with a fraction or an exponent becomes a ``float`` when the float reads back as
the same number (its shortest text has the value of the JSON text), and a ``decimal.Decimal``
otherwise, so that ``1.5`` is ``1.5`` and ``0.10000000000000000001`` or ``1e400`` lose nothing.
"""

import json
from decimal import Decimal
from typing import Any, Dict, List, Tuple, Union


def exact_number(text: str) -> Union[float, Decimal]:
    value = float(text)
    return value if Decimal(repr(value)) == Decimal(text) else Decimal(text)


def loads(text: str) -> Any:
    return json.loads(text, parse_float=exact_number)


def object_of(members: List[Tuple[str, str]]) -> Dict[str, Any]:
    return {key: loads(text) for key, text in members}
