"""Text normalisation shared by every comparison of labels."""

import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+")
_SURROGATE = re.compile("[\ud800-\udfff]")
# "1-op-1" is how professionals write "één-op-één"; the findings shapes fold the same way.
_DIGIT_WORDS = {"1": "een"}


def fold(text: str) -> str:
    """Case and diacritics folded: 'Één' -> 'een'. Punctuation is kept. Invisible format
    characters (zero-width joiner and space, bidi controls, soft hyphen) are dropped: a label
    that looks like 'wijkkracht' is 'wijkkracht' however it was typed or pasted."""
    if text.isascii():  # most labels: nothing to decompose or drop
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(
        char
        for char in decomposed
        if not unicodedata.combining(char) and unicodedata.category(char) != "Cf"
    )


def normalise(text: str) -> str:
    """Fold case, diacritics, hyphens, punctuation and '1': 'Één-op-1' -> 'een op een'."""
    words = _NON_WORD.sub(" ", fold(text)).split()
    return " ".join(_DIGIT_WORDS.get(word, word) for word in words)


def lone_surrogate(text: str) -> str | None:
    """The first half of a UTF-16 pair in `text`, if any. Such a half comes from an escape on its
    own (\\ud800 in JSON, Turtle or YAML): it is no character, and no store or answer can
    write it as UTF-8."""
    found = _SURROGATE.search(text)
    return found.group() if found else None


def shown(text: str) -> str:
    """`text` as a message may quote it: a lone surrogate as its escape (\\ud800)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def not_text(half: str) -> str:
    """What is wrong with a text that holds the lone surrogate `half`, and how to fix it (the
    text itself is not repeated: it may be a case description)."""
    return (
        f"holds U+{ord(half):04X}, half of a UTF-16 pair with no character of its own (an "
        "escape such as \\ud800 on its own); send the text itself, as UTF-8"
    )
