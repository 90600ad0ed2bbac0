"""Annotation cell semantics: binary labels, multiclass lists (robust parsing, exact round trip)."""

from __future__ import annotations

import pytest

from backend.common.annotation_values import (
    clip_verdict,
    format_multiclass,
    is_valid_annotation,
    parse_binary,
    parse_multiclass,
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("yes", "yes"),
        (" No ", "no"),
        ("UNCERTAIN", "uncertain"),
        ("", None),
        (None, None),
        ("  ", None),
    ],
)
def test_binary_labels(cell, expected) -> None:
    assert parse_binary(cell) == expected


def test_binary_refuses_other_words_with_the_allowed_values() -> None:
    with pytest.raises(ValueError, match="yes, no, uncertain"):
        parse_binary("maybe")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("['a','b']", ["a", "b"]),
        ("['a', 'b']", ["a", "b"]),
        ('["a", "b"]', ["a", "b"]),
        ("  [ 'a' ,  'b' ]  ", ["a", "b"]),
        ("[]", []),
        ("[ ]", []),
        ("", None),
        (None, None),
        ("['Parus major, Great Tit', 'x']", ["Parus major, Great Tit", "x"]),
        ("[\"O'Brien's warbler\"]", ["O'Brien's warbler"]),
        ("['say \"hi\"']", ['say "hi"']),
        ("[a, b]", ["a", "b"]),
        ("['a', 'a', 'b']", ["a", "b"]),
        ("[1, 2]", ["1", "2"]),
        ("('a', 'b')", None),
    ],
)
def test_multiclass_parsing_is_tolerant(cell, expected) -> None:
    if expected is None and cell not in ("", None):
        with pytest.raises(ValueError):
            parse_multiclass(cell)
    else:
        assert parse_multiclass(cell) == expected


@pytest.mark.parametrize(
    "cell", ["a, b", "__import__('os').system('echo hacked')", "[[1], 2]", "[True]"]
)
def test_multiclass_refuses_what_is_not_a_list_of_names_and_never_evaluates(cell) -> None:
    with pytest.raises(ValueError):
        parse_multiclass(cell)


@pytest.mark.parametrize(
    "classes",
    [
        ["a", "b"],
        [],
        ["Parus major, Great Tit"],
        ["O'Brien's"],
        ['say "hi"'],
        ["back\\slash"],
        ["ü"],
    ],
)
def test_format_then_parse_round_trips_exactly(classes) -> None:
    text = format_multiclass(classes)
    assert parse_multiclass(text) == classes
    assert format_multiclass(parse_multiclass(text)) == text


def test_format_canonical_forms() -> None:
    assert format_multiclass(["a", "b"]) == "['a', 'b']"
    assert format_multiclass([]) == "[]"
    assert format_multiclass(None) == ""


def test_validity_and_verdicts() -> None:
    assert is_valid_annotation("yes") and is_valid_annotation("") and is_valid_annotation("['a']")
    assert not is_valid_annotation("maybe") and not is_valid_annotation("[unclosed")
    assert [clip_verdict(c) for c in ("yes", "no", "uncertain", "", "junk")] == [
        "yes",
        "no",
        "uncertain",
        "unlabeled",
        "unlabeled",
    ]
    assert clip_verdict("['a']") == "yes" and clip_verdict("[]") == "no"
    assert clip_verdict("['a']", target_class="b") == "no"
    assert clip_verdict("['a', 'b']", target_class="b") == "yes"
