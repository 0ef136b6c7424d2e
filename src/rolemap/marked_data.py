"""YAML and JSON read into plain data, noting where each key and value stands (line, column), so
that a mistake found later in the data is reported with its line.

YAML is composed, never constructed: every scalar stays text, and anchors, aliases (billion
laughs) and tags are refused. Duplicate keys are refused in both."""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml

from rolemap.errors import DataFileError

JsonPath = tuple[str | int, ...]
_NULL_TAG = "tag:yaml.org,2002:null"


@dataclass
class Marks:
    """The file an addition came from and where each of its values and keys stands."""

    path: Path
    values: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)  # (line, column)
    keys: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)

    def fail(
        self,
        message: str,
        at: JsonPath | None = None,
        key: bool = False,
        hint: str = "Fix the addition and send it again.",
        line: int | None = None,
        column: int | None = None,
    ) -> NoReturn:
        """Raise a DataFileError at `line` and `column`, or else where the value at `at` (its
        key, with `key`) stands."""
        if at is not None and line is None:
            position = (self.keys if key else self.values).get(at) or self.values.get(at)
            if position:
                line, column = position
        raise DataFileError(self.path, message, line=line, column=column, hint=hint)


class _Refused(Exception):
    def __init__(self, mark: Any, tagged: bool) -> None:
        self.mark, self.tagged = mark, tagged


class _Loader(yaml.SafeLoader):
    """Composes YAML nodes (nothing is constructed) and refuses anchors, aliases and tags."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(event.start_mark, tagged=False)
        if getattr(event, "tag", None) is not None:
            raise _Refused(event.start_mark, tagged=True)
        return super().compose_node(parent, index)


class _DuplicateKey(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


# --- YAML -------------------------------------------------------------------------------------


def read_yaml(marks: Marks, text: str) -> Any:
    """The plain data of a YAML document, its positions noted in `marks`."""
    node = _compose(marks, text)
    if node is None:
        marks.fail("is empty", hint="Add prefixes: and entities: (see the README).")
    return _from_node(marks, node, ())


def _compose(marks: Marks, text: str) -> Any:
    loader = _loader(marks, text)
    try:
        return loader.get_single_node()
    except _Refused as exc:
        _refuse(marks, exc)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = "; ".join(part for part in (exc.context, exc.problem) if part)
        marks.fail(
            f"YAML syntax error: {problem or 'cannot be read'}",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        )
    except yaml.YAMLError as exc:
        marks.fail(f"YAML syntax error: {exc}")
    finally:
        loader.dispose()


def _loader(marks: Marks, text: str) -> _Loader:
    """A loader for `text`; YAML refuses control characters (NUL, …) as soon as it is made."""
    try:
        return _Loader(text)
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        marks.fail(
            f"holds the character U+{exc.character:04X}, which YAML does not allow",
            line=before.count("\n") + 1,
            column=len(before) - before.rfind("\n"),
            hint="Remove it: editors often do not show it. Save the file as plain UTF-8 text.",
        )


def _refuse(marks: Marks, refused: _Refused) -> NoReturn:
    line, column = refused.mark.line + 1, refused.mark.column + 1
    if refused.tagged:
        marks.fail(
            "uses a YAML tag (!…)",
            line=line,
            column=column,
            hint="Write the value plainly; the context gives it its type.",
        )
    marks.fail(
        "uses a YAML anchor or alias (& or *), which additions refuse",
        line=line,
        column=column,
        hint="Write the value out in full; to refer to another entity, use its id.",
    )


def _from_node(marks: Marks, node: Any, at: JsonPath) -> Any:
    """Plain data from a YAML node, recording where each value and key stands. Every scalar
    is text (the context types dates and numbers), so `no`, `2019` and `3561` stay as
    written; only an empty value or ~ is null."""
    marks.values[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        return None if node.tag == _NULL_TAG else node.value
    if isinstance(node, yaml.SequenceNode):
        return [_from_node(marks, item, (*at, i)) for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        mark = key_node.start_mark
        if not isinstance(key_node, yaml.ScalarNode):
            marks.fail("has a key that is not a word", line=mark.line + 1, column=mark.column + 1)
        key = key_node.value
        if key in result:
            marks.fail(
                f"has the key ‘{key}’ twice in one mapping",
                line=mark.line + 1,
                column=mark.column + 1,
                hint="Give each key once; several values go in a list.",
            )
        marks.keys[(*at, key)] = (mark.line + 1, mark.column + 1)
        result[key] = _from_node(marks, value_node, (*at, key))
    return result


# --- JSON -------------------------------------------------------------------------------------


def read_json(marks: Marks, text: str) -> Any:
    """The data of a JSON document, its positions noted in `marks` where they can be found."""
    if not text.strip():
        marks.fail("is empty", hint="Send a JSON-LD document.")
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        marks.fail(f"JSON syntax error: {exc.msg}", line=exc.lineno, column=exc.colno)
    except _DuplicateKey as exc:
        _mark_json(marks, text)  # fails with the line of the second key where it can
        marks.fail(f"has the key ‘{exc}’ twice in one object")
    _mark_json(marks, text)
    return data


def _mark_json(marks: Marks, text: str) -> None:
    """Where each value and key of a JSON document stands, best effort: JSON is YAML (but for
    control characters such as DEL, which JSON allows in strings and YAML does not)."""
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError:
        return
    try:
        node = loader.get_single_node()
        if node is not None:
            _from_node(marks, node, ())
    except (yaml.YAMLError, _Refused):
        marks.values.clear()
        marks.keys.clear()
    finally:
        loader.dispose()
