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
from rolemap.matching import Token, compact, compound_parts, split_compound, tokens, typos_of
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
LISTED = 10  # organisations named per result (a common word may have hundreds); with their count


@dataclass
class _Entry:
    """One text of one term (a label, a definition, a note), once however many organisations
    say it: a common word of every municipality is scored once, not once per organisation."""

    term: str  # the Dutch preferred label: the term's name in URLs
    labels: Texts
    organisations: dict[str, Organisation]  # by id; empty for a shared (neutral) concept
    field: str
    lang: str
    text: str
    tokens: tuple[Token, ...] | None  # None after unpickling: see words()
    key: str  # the text normalised, for whole-phrase matches

    @property
    def part(self) -> str:
        return "labels" if self.field in LABEL_FIELDS else "texts"

    def words(self) -> tuple[Token, ...]:
        if self.tokens is None:
            self.tokens = tuple(tokens(self.text))
        return self.tokens

    def __getstate__(self) -> dict:
        # Without its tokens (a million objects at national scale, most of the time a cached
        # index takes to load): only the few entries shown in results need them again.
        return self.__dict__ | {"tokens": None}


class SearchIndex:
    def __init__(self, lexicon: Lexicon) -> None:
        self._entries: list[_Entry] = []
        self._by_text: dict[tuple, _Entry] = {}
        for sense in lexicon.senses:
            self._add_sense(sense)
        for concept in lexicon.shared:
            term = pick(concept.labels, "nl")
            for lang, text in concept.labels.items():
                self._add(term, concept.labels, None, "prefLabel", lang, text)
            for lang, text in concept.definitions.items():
                self._add(term, concept.labels, None, "definition", lang, text)
        # Labels and texts (definitions, notes) are indexed apart: labels answer most searches,
        # and the many texts are only read when labels alone do not fill the results.
        self._postings: dict[str, dict[str, set[int]]] = {
            "labels": defaultdict(set),
            "texts": defaultdict(set),
        }
        self._by_stem: dict[str, set[str]] = defaultdict(set)
        for number, entry in enumerate(self._entries):
            for token in entry.words():
                self._postings[entry.part][token.folded].add(number)
                self._by_stem[token.stem].add(token.folded)
        self._lexicon = frozenset(self._postings["labels"]) | frozenset(self._postings["texts"])
        self._words = sorted(self._lexicon)
        self._label_words = sorted(self._postings["labels"])
        self._compounds: dict[str, set[str]] = defaultdict(set)  # part -> label words holding it
        for word in self._label_words:
            for part in compound_parts(word):
                self._compounds[part].add(word)
        self.search = lru_cache(maxsize=4096)(self._search)

    def __getstate__(self) -> dict:
        """What a cached View keeps: not the answers cache, nor what only building needs."""
        return {k: v for k, v in self.__dict__.items() if k not in ("search", "_by_text")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._by_text = {}
        self.search = lru_cache(maxsize=4096)(self._search)

    def _add_sense(self, sense: Sense) -> None:
        term = pick(sense.labels, "nl")
        for field, lang, text in sense.all_labels():
            self._add(term, sense.labels, sense.organisation, field, lang, text)
        for field, texts in (("definition", sense.definitions), ("usage_note", sense.notes)):
            for lang, text in texts.items():
                self._add(term, sense.labels, sense.organisation, field, lang, text)

    def _add(self, term, labels, organisation, field, lang, text) -> None:
        key = (term, field, lang, text, organisation is None)
        entry = self._by_text.get(key)
        if entry is None:
            words = tuple(tokens(text))
            entry = _Entry(term, labels, {}, field, lang, text, words, normalise(text))
            self._by_text[key] = entry
            self._entries.append(entry)
        if organisation is not None:
            entry.organisations.setdefault(organisation.id, organisation)

    def _search(
        self, query: str, organisation: str | None = None, lang: str = "nl", limit: int = 10
    ) -> list[dict]:
        words = tokens(query)
        if not words:
            return []
        candidates = [self._candidates(w, last=i == len(words) - 1) for i, w in enumerate(words)]
        scored = self._score_entries("labels", candidates, query, organisation, lang)
        if len({entry.term for _, entry, _ in scored}) < limit:
            scored += self._score_entries("texts", candidates, query, organisation, lang)
        return self._by_term(scored, organisation, lang, limit)

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
        for other in self._compounds.get(word.folded, ()):
            offer(other, COMPOUND)
        if not any(score >= STEM for score in found.values()):
            # An unknown word: maybe a compound of known words, maybe a typo of one.
            for part in split_compound(word.folded, self._lexicon):
                offer(part, PART_OF_QUERY)
            for other, similarity in typos_of(word.folded, self._label_words):
                offer(other, TYPO * similarity)
        return found

    def _score_entries(
        self,
        part: str,
        candidates: list[dict[str, float]],
        query: str,
        organisation: str | None,
        lang: str,
    ) -> list[tuple[float, _Entry, set[str]]]:
        postings = self._postings[part]
        best: dict[int, list[float]] = defaultdict(lambda: [0.0] * len(candidates))
        matched: dict[int, set[str]] = defaultdict(set)
        for position, words in enumerate(candidates):
            for word, score in words.items():
                for number in postings.get(word, ()):
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
                score += _phrase_bonus(entry.key, wanted_key, wanted_compact)
            scored.append((score, entry, matched[number]))
        return scored

    def _by_term(
        self,
        scored: list[tuple[float, _Entry, set[str]]],
        organisation: str | None,
        lang: str,
        limit: int,
    ) -> list[dict]:
        """One result per term: its best match, and every organisation that matched. A label
        in the page's language wins a tie: 'team' (nl) and 'team' (en) are two labels."""
        best: dict[str, tuple[float, _Entry, set[str]]] = {}
        organisations: dict[str, dict[str, Organisation]] = defaultdict(dict)

        def rank(score: float, entry: _Entry) -> tuple:
            return -score, entry.lang != lang, entry.field

        for score, entry, words in scored:
            kept = best.get(entry.term)
            if kept is None or rank(score, entry) < rank(kept[0], kept[1]):
                best[entry.term] = (score, entry, words)
            if organisation is None:
                organisations[entry.term].update(entry.organisations)
            else:  # only the organisation asked for, not the others saying the same text
                organisations[entry.term][organisation] = entry.organisations[organisation]

        def order(term: str) -> tuple:
            # Ties: a match in the page's language first (a homograph's other sense after it),
            # then the word more organisations use.
            score, entry, _ = best[term]
            return -score, entry.lang != lang, -len(organisations[term]), term

        ranked = sorted(best, key=order)[:limit]
        return [
            {
                "term": term,
                "label": pick(best[term][1].labels, lang),
                "score": round(best[term][0], 3),
                "organisations": [
                    o.to_json(lang) for o in list(organisations[term].values())[:LISTED]
                ],
                "organisation_count": len(organisations[term]),
                "shared": not best[term][1].organisations,
                "match": _match(best[term][1], best[term][2]),
            }
            for term in ranked
        ]


def _visible(entry: _Entry, organisation: str | None, lang: str) -> bool:
    if organisation is not None and organisation not in entry.organisations:
        return False
    # Labels count in any language (a Dutch word typed on an English page still finds its term);
    # definitions and notes only in the language asked for.
    return entry.field in LABEL_FIELDS or entry.lang == lang


def _phrase_bonus(key: str, wanted_key: str, wanted_compact: str) -> float:
    """The whole query is the label (1), or its beginning (0.3): rank it above word matches."""
    if key == wanted_key or key.replace(" ", "") == wanted_compact:
        return 1.0
    return 0.3 if key.startswith(wanted_key) else 0.0


def _match(entry: _Entry, words: set[str]) -> dict:
    spans = [(t.start, t.end) for t in entry.words() if t.folded in words]
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
