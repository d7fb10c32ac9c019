"""Tagged JSON: the Python values plugin methods take and return, carried losslessly through JSON (stdlib only).

Probe specs and probe evidence are JSON, but real plugin methods take and return datetimes, bytes, paths,
tuples, sets and dataclasses. Plain `json.dumps` would reject them (or, as the platform's own RPC does, flatten a
tuple into a list and a dataclass into a dict, so a spec could not tell them apart). A tagged value is an object
whose only keys are `$py` and the tag's own fields; the contract lives in the suite's probe spec schema
(`contracts/probe-spec.ts`, `PythonValue`), which documents each tag:

    {"$py": "datetime", "iso": "2026-03-01T12:00:00+00:00"}    datetime.datetime (naive: no offset)
    {"$py": "date", "iso": "2026-03-01"}                        datetime.date
    {"$py": "time", "iso": "12:00:00"}                          datetime.time
    {"$py": "timedelta", "seconds": 90, "microseconds": 0}      datetime.timedelta (days folded into seconds)
    {"$py": "bytes", "base64": "AAE="}                          bytes (bytearray decodes as bytes)
    {"$py": "path", "path": "a/b.txt"}                          pathlib.Path (POSIX form)
    {"$py": "tuple", "items": [...]}                            tuple
    {"$py": "set", "items": [...]} / "frozenset"                set / frozenset; items sorted canonically
    {"$py": "dict", "items": [[key, value], ...]}               a dict with a non-string key (or a "$py" key)
    {"$py": "decimal", "value": "1.10"}                         decimal.Decimal
    {"$py": "float", "value": "nan" | "inf" | "-inf"}           a non-finite float
    {"$py": "uuid", "value": "…"}                               uuid.UUID
    {"$py": "enum", "type": "mod.Qual", "value": <tagged>}      an Enum member (decoded only with `type` importable)
    {"$py": "dataclass", "type": "mod.Qual", "fields": {...}}   a dataclass instance (decoded by importing `type`)
    {"$py": "object", "type": "mod.Qual"}                       anything else (encode only): its type, never a repr

Encoding is deterministic: dict keys stay as the plugin built them (canonical JSON sorts them later), set items
are sorted by their canonical JSON, and an unknown object becomes its type name, never a `repr` (which can carry
a memory address).
"""
from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import decimal
import enum
import importlib
import json
import math
import uuid
from pathlib import PurePath
from typing import Any

TAG = "$py"


class TaggedValueError(ValueError):
    """An input that claims a tag but does not carry its fields (a spec author's mistake, reported as such)."""


def _qualname(value: Any) -> str:
    kind = type(value)
    return f"{kind.__module__}.{kind.__qualname__}"


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def encode(value: Any) -> Any:
    """A Python value → JSON (tagged where plain JSON would lose or reject it)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int) and not isinstance(value, enum.Enum):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {TAG: "float", "value": "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")}
    if isinstance(value, enum.Enum):
        return {TAG: "enum", "type": _qualname(value), "value": encode(value.value)}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value) and TAG not in value:
            return {k: encode(v) for k, v in value.items()}
        items = [[encode(k), encode(v)] for k, v in value.items()]
        return {TAG: "dict", "items": sorted(items, key=lambda kv: _canonical(kv[0]))}
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return {TAG: "tuple", "items": [encode(v) for v in value]}
    if isinstance(value, tuple):  # a namedtuple: its field names are part of the value
        return {TAG: "dataclass", "type": _qualname(value), "fields": {k: encode(v) for k, v in value._asdict().items()}}
    if isinstance(value, (set, frozenset)):
        tag = "frozenset" if isinstance(value, frozenset) else "set"
        return {TAG: tag, "items": sorted((encode(v) for v in value), key=_canonical)}
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {TAG: "bytes", "base64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dt.datetime):
        return {TAG: "datetime", "iso": value.isoformat()}
    if isinstance(value, dt.date):
        return {TAG: "date", "iso": value.isoformat()}
    if isinstance(value, dt.time):
        return {TAG: "time", "iso": value.isoformat()}
    if isinstance(value, dt.timedelta):
        return {TAG: "timedelta", "seconds": value.days * 86400 + value.seconds, "microseconds": value.microseconds}
    if isinstance(value, PurePath):
        return {TAG: "path", "path": value.as_posix()}
    if isinstance(value, decimal.Decimal):
        return {TAG: "decimal", "value": str(value)}
    if isinstance(value, uuid.UUID):
        return {TAG: "uuid", "value": str(value)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {TAG: "dataclass", "type": _qualname(value), "fields": fields}
    return {TAG: "object", "type": _qualname(value)}


def _field(tagged: dict[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    value = tagged.get(name)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise TaggedValueError(f"tagged {tagged.get(TAG)!r} needs a {name!r} field of type {getattr(kind, '__name__', kind)}")
    return value


def _import_type(path: str) -> Any:
    module_name, _, qual = path.rpartition(".")
    target: Any = None
    # Nested classes: try the longest importable module prefix, then walk attributes.
    parts = path.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            target = getattr(target, attr)
        return target
    raise TaggedValueError(f"type {path!r} cannot be imported (module {module_name!r}, name {qual!r})")


def decode(value: Any) -> Any:
    """JSON (tagged) → the Python value a plugin method receives."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if TAG not in value:
        return {k: decode(v) for k, v in value.items()}
    tag = value[TAG]
    try:
        return _decode_tag(tag, value)
    except TaggedValueError:
        raise
    except (ValueError, TypeError, AttributeError, decimal.InvalidOperation, ImportError) as exc:
        raise TaggedValueError(f"tagged {tag!r}: {type(exc).__name__}: {exc}") from exc


def _decode_tag(tag: Any, value: dict[str, Any]) -> Any:
    if tag == "datetime":
        return dt.datetime.fromisoformat(_field(value, "iso", str))
    if tag == "date":
        return dt.date.fromisoformat(_field(value, "iso", str))
    if tag == "time":
        return dt.time.fromisoformat(_field(value, "iso", str))
    if tag == "timedelta":
        return dt.timedelta(seconds=_field(value, "seconds", (int, float)), microseconds=value.get("microseconds", 0) or 0)
    if tag == "bytes":
        return base64.b64decode(_field(value, "base64", str), validate=True)
    if tag == "path":
        from pathlib import Path

        return Path(_field(value, "path", str))
    if tag in ("tuple", "set", "frozenset"):
        items = [decode(v) for v in _field(value, "items", list)]
        return {"tuple": tuple, "set": set, "frozenset": frozenset}[tag](items)
    if tag == "dict":
        return {_hashable(decode(k)): decode(v) for k, v in (_pair(p) for p in _field(value, "items", list))}
    if tag == "decimal":
        return decimal.Decimal(_field(value, "value", str))
    if tag == "float":
        return float(_field(value, "value", str))
    if tag == "uuid":
        return uuid.UUID(_field(value, "value", str))
    if tag == "enum":
        return _import_type(_field(value, "type", str))(decode(value.get("value")))
    if tag == "dataclass":
        return _import_type(_field(value, "type", str))(**decode(_field(value, "fields", dict)))
    raise TaggedValueError(f"unknown tag {tag!r} (known: datetime, date, time, timedelta, bytes, path, tuple, set, frozenset, dict, decimal, float, uuid, enum, dataclass)")


def _pair(item: Any) -> tuple[Any, Any]:
    if not isinstance(item, list) or len(item) != 2:
        raise TaggedValueError("tagged 'dict' items must be [key, value] pairs")
    return item[0], item[1]


def _hashable(key: Any) -> Any:
    if isinstance(key, list):
        return tuple(_hashable(k) for k in key)
    if isinstance(key, set):
        return frozenset(key)
    return key
