"""Ranked search over the jargon: labels, definitions and usage notes, with Dutch matching.

An inverted index from folded words to the texts that hold them. A query word matches a word of
the index exactly, by stem (plurals, inflection), as the start of it (autocomplete), as part of a
compound (either way) or as a typo of it; each way scores less than the one before.
"""

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rolemap.lexicon import Lexicon, Organisation, Sense, Texts, pick
from rolemap.matching import Token, compact, is_compound_part, split_compound, tokens, typos_of
from rolemap.text import normalise

# How much a match in each field counts: a word's own labels first, then what it means.
FIELD_WEIGHTS = {
    "prefLabel": 1.0,
    "altLabel": 0.9,
    "hiddenLabel": 0.85,
    "definition": 0.5,
    "usage_note": 0.4,
}
LABEL_FIELDS = {"prefLabel", "altLabel", "hiddenLabel"}
# How much each way of matching a query word counts.
EXACT, STEM, COMPOUND, PREFIX, PART_OF_QUERY, TYPO = 1.0, 0.9, 0.7, 0.65, 0.6, 0.55
PREFIX_LIMIT = 50  # words an autocomplete prefix may expand to
SNIPPET = 140  # characters of a definition or note shown around the first match


@dataclass(frozen=True)
class _Entry:
    term: str  # the Dutch preferred label: the term's name in URLs
    labels: Texts
    organisation: Organisation | None  # None for a shared (neutral) concept
    field: str
    lang: str
    text: str
    tokens: tuple[Token, ...]


class SearchIndex:
    def __init__(self, lexicon: Lexicon) -> None:
        self._entries: list[_Entry] = []
        for sense in lexicon.senses:
            self._add_sense(sense)
        for concept in lexicon.shared:
            term = pick(concept.labels, "nl")
            for lang, text in concept.labels.items():
                self._add(term, concept.labels, None, "prefLabel", lang, text)
            for lang, text in concept.definitions.items():
                self._add(term, concept.labels, None, "definition", lang, text)
        self._postings: dict[str, set[int]] = defaultdict(set)
        self._by_stem: dict[str, set[str]] = defaultdict(set)
        label_words = set()
        for number, entry in enumerate(self._entries):
            for token in entry.tokens:
                self._postings[token.folded].add(number)
                self._by_stem[token.stem].add(token.folded)
                if entry.field in LABEL_FIELDS:
                    label_words.add(token.folded)
        self._words = sorted(self._postings)
        self._lexicon = frozenset(self._postings)
        self._label_words = sorted(label_words)
        self.search = lru_cache(maxsize=4096)(self._search)

    def _add_sense(self, sense: Sense) -> None:
        term = pick(sense.labels, "nl")
        for field, lang, text in sense.all_labels():
            self._add(term, sense.labels, sense.organisation, field, lang, text)
        for field, texts in (("definition", sense.definitions), ("usage_note", sense.notes)):
            for lang, text in texts.items():
                self._add(term, sense.labels, sense.organisation, field, lang, text)

    def _add(self, term, labels, organisation, field, lang, text) -> None:
        entry = _Entry(term, labels, organisation, field, lang, text, tuple(tokens(text)))
        self._entries.append(entry)

    def _search(
        self, query: str, organisation: str | None = None, lang: str = "nl", limit: int = 10
    ) -> list[dict]:
        words = tokens(query)
        if not words:
            return []
        candidates = [self._candidates(w, last=i == len(words) - 1) for i, w in enumerate(words)]
        scored = self._score_entries(candidates, query, organisation, lang)
        return self._by_term(scored, lang)[:limit]

    def _candidates(self, word: Token, last: bool) -> dict[str, float]:
        """The index words `word` may stand for, each with how well it matches."""
        found: dict[str, float] = {}

        def offer(candidate: str, score: float) -> None:
            found[candidate] = max(score, found.get(candidate, 0.0))

        if word.folded in self._lexicon:
            offer(word.folded, EXACT)
        for other in self._by_stem.get(word.stem, ()):
            offer(other, STEM)
        if last:  # the word being typed: it may be the start of a longer one
            start = bisect_left(self._words, word.folded)
            for other in self._words[start : start + PREFIX_LIMIT]:
                if not other.startswith(word.folded):
                    break
                offer(other, PREFIX)
        for other in self._label_words:
            if is_compound_part(word.folded, other):
                offer(other, COMPOUND)
        if not any(score >= STEM for score in found.values()):
            # An unknown word: maybe a compound of known words, maybe a typo of one.
            for part in split_compound(word.folded, self._lexicon):
                offer(part, PART_OF_QUERY)
            for other, similarity in typos_of(word.folded, self._label_words):
                offer(other, TYPO * similarity)
        return found

    def _score_entries(
        self, candidates: list[dict[str, float]], query: str, organisation: str | None, lang: str
    ) -> list[tuple[float, _Entry, set[str]]]:
        best: dict[int, list[float]] = defaultdict(lambda: [0.0] * len(candidates))
        matched: dict[int, set[str]] = defaultdict(set)
        for position, words in enumerate(candidates):
            for word, score in words.items():
                for number in self._postings[word]:
                    best[number][position] = max(best[number][position], score)
                    matched[number].add(word)
        complete = {n for n, scores in best.items() if all(scores)}
        wanted_key, wanted_compact = normalise(query), compact(query)
        scored = []
        for number in complete or best:
            entry = self._entries[number]
            if not _visible(entry, organisation, lang):
                continue
            score = FIELD_WEIGHTS[entry.field] * sum(best[number]) / len(candidates)
            if entry.field in LABEL_FIELDS:
                score += _phrase_bonus(entry.text, wanted_key, wanted_compact)
            scored.append((score, entry, matched[number]))
        return scored

    def _by_term(self, scored: list[tuple[float, _Entry, set[str]]], lang: str) -> list[dict]:
        """One result per term: its best match, and every organisation that matched."""
        results: dict[str, dict] = {}
        for score, entry, words in sorted(scored, key=lambda s: (-s[0], s[1].term, s[1].field)):
            result = results.get(entry.term)
            if result is None:
                result = results[entry.term] = {
                    "term": entry.term,
                    "label": pick(entry.labels, lang),
                    "score": round(score, 3),
                    "organisations": [],
                    "shared": entry.organisation is None,
                    "match": _match(entry, words),
                }
            if entry.organisation is not None:
                org = entry.organisation.to_json(lang)
                if org not in result["organisations"]:
                    result["organisations"].append(org)
        # Ties: the word more organisations use first.
        return sorted(
            results.values(), key=lambda r: (-r["score"], -len(r["organisations"]), r["term"])
        )


def _visible(entry: _Entry, organisation: str | None, lang: str) -> bool:
    if organisation is not None and (
        entry.organisation is None or entry.organisation.id != organisation
    ):
        return False
    # Labels count in any language (a Dutch word typed on an English page still finds its term);
    # definitions and notes only in the language asked for.
    return entry.field in LABEL_FIELDS or entry.lang == lang


def _phrase_bonus(text: str, wanted_key: str, wanted_compact: str) -> float:
    """The whole query is the label (1), or its beginning (0.3): rank it above word matches."""
    key = normalise(text)
    if key == wanted_key or key.replace(" ", "") == wanted_compact:
        return 1.0
    return 0.3 if key.startswith(wanted_key) else 0.0


def _match(entry: _Entry, words: set[str]) -> dict:
    spans = [(t.start, t.end) for t in entry.tokens if t.folded in words]
    text = entry.text
    if entry.field not in LABEL_FIELDS and len(text) > SNIPPET:
        text, spans = _snippet(text, spans)
    return {"field": entry.field, "lang": entry.lang, "text": text, "spans": spans}


def _snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """About SNIPPET characters of `text` around its first match, with '…' where it is cut."""
    around = spans[0][0] if spans else 0
    start = max(0, around - SNIPPET // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < around else start
    end = min(len(text), start + SNIPPET)
    prefix = "…" if start else ""
    shift = start - len(prefix)
    kept = [(s - shift, e - shift) for s, e in spans if start <= s and e <= end]
    return prefix + text[start:end] + ("…" if end < len(text) else ""), kept
