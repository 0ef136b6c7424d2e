"""Text normalisation shared by every comparison of labels."""

import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Fold case, diacritics, hyphens and punctuation: 'Één-op-één' -> 'een op een'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NON_WORD.sub(" ", bare).strip()
