"""What a TOML or JSON parser said is wrong, as a catalogue message: where (line and column) and
what, in the user's language. The parsers' own messages are English sentences from a closed set
(tomllib._parser, json.decoder); each one has its code, and one they add later is shown as it is.

    Invalid value (at line 3, column 7)  ->  toml.invalid_value at line 3, column 7
"""

from __future__ import annotations

import json
import re
import tomllib

from generator.catalogue import Message, message

_TOML_AT = re.compile(r"^(?P<what>.*) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)$", re.S)
_TOML = {
    "Invalid statement": "toml.invalid_statement",
    "Expected newline or end of document after a statement": "toml.expected_newline",
    "Cannot overwrite a value": "toml.overwrite",
    "Expected ']' at the end of a table declaration": "toml.table_bracket",
    "Expected ']]' at the end of an array declaration": "toml.array_bracket",
    "Expected '=' after a key in a key/value pair": "toml.expected_equals",
    "Invalid initial character for a key part": "toml.key_character",
    "Unclosed array": "toml.unclosed_array",
    "Unclosed inline table": "toml.unclosed_inline_table",
    "Unescaped '\\' in a string": "toml.unescaped_backslash",
    "Invalid hex value": "toml.invalid_hex",
    "Escaped character is not a Unicode scalar value": "toml.not_scalar",
    "Unterminated string": "toml.unterminated_string",
    "Invalid date or datetime": "toml.invalid_date",
    "Invalid value": "toml.invalid_value",
}
# messages that name what they are about: (pattern, code); the group is kept as it is
_TOML_NAMED = (
    (re.compile(r"^Expected (.+)$"), "toml.expected"),
    (re.compile(r"^Found invalid character (.+)$"), "toml.invalid_character"),
    (re.compile(r"^Illegal character (.+)$"), "toml.illegal_character"),
    (re.compile(r"^Cannot declare (.+) twice$"), "toml.declared_twice"),
    (re.compile(r"^Cannot mutate immutable namespace (.+)$"), "toml.immutable"),
    (re.compile(r"^Cannot redefine namespace (.+)$"), "toml.redefine"),
    (re.compile(r"^Duplicate inline table key (.+)$"), "toml.duplicate_key"),
)
_JSON = {
    "Expecting value": "json.expecting_value",
    "Expecting ',' delimiter": "json.expecting_comma",
    "Expecting ':' delimiter": "json.expecting_colon",
    "Expecting property name enclosed in double quotes": "json.expecting_name",
    "Unterminated string starting at": "json.unterminated_string",
    "Invalid control character at": "json.control_character",
    "Invalid \\escape": "json.invalid_escape",
    "Invalid \\uXXXX escape": "json.invalid_unicode_escape",
    "Extra data": "json.extra_data",
}


def toml_problem(exc: tomllib.TOMLDecodeError) -> Message:
    found = _TOML_AT.match(str(exc))
    if found is None:
        return message("toml.other", detail=str(exc))
    what = _toml_what(found.group("what"))
    if found.group("line") is None:
        return message("toml.at_end", problem=what)
    return message("toml.at", problem=what, line=int(found.group("line")), column=int(found.group("column")))


def _toml_what(text: str) -> Message:
    code = _TOML.get(text)
    if code is not None:
        return message(code)
    for pattern, named in _TOML_NAMED:
        hit = pattern.match(text)
        if hit:
            return message(named, what=hit.group(1))
    return message("toml.unknown", detail=text)


def json_problem(exc: json.JSONDecodeError) -> Message:
    code = _JSON.get(exc.msg)
    what = message(code) if code else message("json.unknown", detail=exc.msg)
    return message("json.at", problem=what, line=exc.lineno, column=exc.colno, position=exc.pos)
