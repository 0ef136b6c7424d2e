"""Text normalisation shared by every comparison of labels."""

import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+")
# "1-op-1" is how professionals write "één-op-één"; the findings shapes fold the same way.
_DIGIT_WORDS = {"1": "een"}


def fold(text: str) -> str:
    """Case and diacritics folded: 'Één' -> 'een'. Punctuation is kept."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalise(text: str) -> str:
    """Fold case, diacritics, hyphens, punctuation and '1': 'Één-op-1' -> 'een op een'."""
    words = _NON_WORD.sub(" ", fold(text)).split()
    return " ".join(_DIGIT_WORDS.get(word, word) for word in words)
