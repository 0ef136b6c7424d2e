"""Dutch word matching: tokens with their place in the text, stems, compounds and typos.

Every comparison goes through `Token.folded` (case, diacritics, '1' -> 'een' folded by
`rolemap.text.normalise`) and `Token.stem` (Snowball's Dutch stemmer: plurals and inflection).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz, process

from rolemap.text import normalise

# A word is letters or digits, with any combining accents that follow them (decomposed 'é') and
# any invisible format characters inside it (zero-width joiner, soft hyphen: text.fold drops them).
_COMBINING = (
    "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
)
_WORD = re.compile(rf"(?:[^\W_][{_COMBINING}]*)+")
_STEMMER = snowballstemmer.stemmer("dutch")

MIN_COMPOUND_PART = 4  # shorter parts ('op', 'en', 'wijk') split too many words by accident
MIN_TYPO_LENGTH = 5  # shorter words are too easily a different word one letter away
TYPO_SCORE = 80  # rapidfuzz ratio (0-100) from which a word counts as a typo of another


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    folded: str
    stem: str


@lru_cache(maxsize=65536)
def stem(folded: str) -> str:
    return _STEMMER.stemWord(folded)


def tokens(text: str) -> list[Token]:
    """The words of `text` with their character offsets in it."""
    found = []
    for match in _WORD.finditer(text):
        folded = _fold_word(match.group())
        if folded:
            found.append(Token(match.start(), match.end(), folded, stem(folded)))
    return found


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    """A word folded once: a national index holds a few thousand distinct words, many times."""
    return normalise(word).replace(" ", "")


def stems(text: str) -> tuple[str, ...]:
    return tuple(token.stem for token in tokens(text))


def compact(text: str) -> str:
    """The folded text without spaces: 'een op een' and 'eenopeen' compare equal."""
    return normalise(text).replace(" ", "")


def split_compound(word: str, lexicon: frozenset[str] | set[str]) -> list[str]:
    """'wijkteamleider' -> ['wijkteam', 'leider'] when both parts are known words.

    Tries two parts, with a Dutch linking 's' or 'e' between them ('wijksteam', 'bewonersgroep').
    Returns [] when the word is not such a compound of known words.
    """
    for cut in range(len(word) - MIN_COMPOUND_PART, MIN_COMPOUND_PART - 1, -1):
        head, tail = word[:cut], word[cut:]
        if tail not in lexicon:
            continue
        if head in lexicon:
            return [head, tail]
        if head[-1] in "se" and head[:-1] in lexicon and len(head) > MIN_COMPOUND_PART:
            return [head[:-1], tail]
    return []


def is_compound_part(part: str, word: str) -> bool:
    """'gesprek' is part of 'huisbezoekgesprek' and of 'gespreksverslag'."""
    return (
        len(part) >= MIN_COMPOUND_PART
        and len(word) > len(part)
        and (word.startswith(part) or word.endswith(part))
    )


def compound_parts(word: str) -> set[str]:
    """Every part `is_compound_part` accepts for `word`: its long-enough starts and ends."""
    sizes = range(MIN_COMPOUND_PART, len(word))
    return {word[:size] for size in sizes} | {word[-size:] for size in sizes}


def typos_of(word: str, vocabulary: list[str], limit: int = 5) -> list[tuple[str, float]]:
    """Known words `word` may be a typo of, with a similarity from 0 to 1."""
    if len(word) < MIN_TYPO_LENGTH:
        return []
    hits = process.extract(
        word, vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE, limit=limit
    )
    return [(hit, score / 100) for hit, score, _ in hits if hit != word]
