"""CSL-JSON: writing works as a CSL-JSON array, and reading CSL-JSON files back.

CSL-JSON is citex's own model for a work, so writing it is mostly taking things out:
citex's private keys (those starting with ``_``) and anything that is not a CSL 1.0.2
variable, so that citeproc-js, citeproc-py, pandoc and Zotero read the file as it is.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..errors import FormatError
from ..models import CSLItem, Work
from . import _csl

JSON_INDENT = 2
"""Indent the array so that diffs between two runs show one changed field per line."""

_PRIVATE_PREFIX = "_"
_ITEM_KEYS = frozenset({"id", "type", "custom", "categories"})


def works_to_csl_json(works: Sequence[Work]) -> str:
    """Write works as a CSL-JSON array, each item's ``id`` being the work id.

    Keys starting with ``_`` and keys that are not CSL-JSON variables are left out, as
    are empty values; an item without a valid type gets CSL's generic ``"document"``.
    The output is deterministic: works in the given order, keys sorted, UTF-8 text.

    Args:
        works: the works, in the order the items should appear.

    Returns:
        The JSON text, ending with a newline.

    Example:
        >>> work = Work("doe1989", {"type": "book", "title": "Ősz", "_source": "note 3"})
        >>> print(works_to_csl_json([work]), end="")
        [
          {
            "id": "doe1989",
            "title": "Ősz",
            "type": "book"
          }
        ]
    """
    items = [{**csl_item(work.csl), "id": work.id} for work in works]
    return json.dumps(items, ensure_ascii=False, sort_keys=True, indent=JSON_INDENT) + "\n"


def csl_item(csl: CSLItem) -> CSLItem:
    """The valid CSL-JSON part of an item: known variables, well-formed names and dates.

    Args:
        csl: a CSL-JSON item, possibly with citex's private ``_`` keys.

    Returns:
        A new item with only CSL-JSON variables and a valid ``type``.

    Example:
        >>> csl_item({"type": "letter", "title": "T", "_span": [3, 9], "pages": "5"})
        {'type': 'document', 'title': 'T'}
    """
    item: CSLItem = {}
    for key, value in csl.items():
        if key.startswith(_PRIVATE_PREFIX) or value in (None, "", [], {}):
            continue
        if key in _csl.NAME_VARIABLES and isinstance(value, list):
            people = [_name(name) for name in value if isinstance(name, dict)]
            if any(people):
                item[key] = [name for name in people if name]
        elif key in _csl.DATE_VARIABLES and isinstance(value, dict):
            date = {k: v for k, v in value.items() if k in _csl.DATE_PARTS}
            if date:
                item[key] = date
        elif key in _csl.TEXT_VARIABLES and isinstance(value, (str, int, float)):
            item[key] = value
        elif key in _ITEM_KEYS:
            item[key] = value
    if item.get("type") not in _csl.CSL_TYPES:
        item["type"] = _csl.GENERIC_TYPE
    return item


def _name(name: dict[str, Any]) -> dict[str, Any]:
    """A name object with only the keys CSL-JSON allows."""
    return {k: v for k, v in name.items() if k in _csl.NAME_PARTS and v not in (None, "")}


def read_csl_json(text: str) -> list[CSLItem]:
    """Read a CSL-JSON file: an array of items, each an object with an ``id`` and a ``type``.

    Args:
        text: the content of the file.

    Returns:
        The items, unchanged, in file order.

    Raises:
        FormatError: the text is not JSON, not an array of objects, or an item lacks an
            ``id`` or ``type``, or two items share an id.

    Example:
        >>> read_csl_json('[{"id": "a", "type": "book", "title": "T"}]')
        [{'id': 'a', 'type': 'book', 'title': 'T'}]
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"not CSL-JSON: {exc}") from exc
    if not isinstance(data, list):
        raise FormatError(f"not CSL-JSON: expected an array of items, found {_kind(data)}")
    seen: set[str] = set()
    for index, item in enumerate(data):
        where = f"CSL-JSON item {index + 1}"
        if not isinstance(item, dict):
            raise FormatError(f"{where} is {_kind(item)}, not an object")
        if not isinstance(item.get("id"), (str, int)) or isinstance(item.get("id"), bool):
            raise FormatError(f"{where} has no string or number id")
        if not isinstance(item.get("type"), str) or not item["type"]:
            raise FormatError(f"{where} ({item['id']}) has no type")
        if str(item["id"]) in seen:
            raise FormatError(f"{where} repeats the id {item['id']!r}")
        seen.add(str(item["id"]))
    return data


def _kind(value: object) -> str:
    """How to call a JSON value in a message."""
    return {dict: "an object", list: "an array", str: "a string"}.get(type(value), "a scalar")
