"""'Gemeenschappelijke taal': one organisation's jargon in a sentence, as another hears it.

Finds the words of the source organisation's vocabulary in a text (longest first, by stems, so
inflected forms and '1-op-1' count) and says per span what the target organisation calls it,
whether the target uses the same word for other work, and whether the word is loaded for it.
"""

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from rolemap.errors import RolemapError
from rolemap.lexicon import Organisation, Sense, pick
from rolemap.matching import Token, is_compound_part, stems, tokens
from rolemap.messages import message
from rolemap.terms import Terms
from rolemap.text import lone_surrogate, normalise, not_text


@dataclass(frozen=True)
class _Pattern:
    stems: tuple[str, ...]
    sense: Sense
    lang: str  # the language of the label: what to say instead is given in the same language


class NotTextError(RolemapError):
    """A field that is not text (a lone surrogate): 422, naming the field."""

    status = 422


def _check_texts(fields: dict[str, str]) -> None:
    """Before the organisations are looked up: an unknown id is repeated in the answer, and a
    lone surrogate (from a JSON escape) cannot be written in it."""
    for name, value in fields.items():
        if half := lone_surrogate(value):
            raise NotTextError(f"{name}: {not_text(half)}.")


class Translator:
    def __init__(self, terms: Terms) -> None:
        self.terms = terms

    @cached_property
    def _patterns(self) -> dict[str, dict[str, list[_Pattern]]]:
        """Per organisation id: first stem of each of its labels -> those labels, longest first."""
        table: dict[str, dict[str, list[_Pattern]]] = defaultdict(lambda: defaultdict(list))
        for sense in self.terms.lexicon.senses:
            for _, label_lang, text in sense.all_labels():
                words = stems(text)
                if words:
                    pattern = _Pattern(words, sense, label_lang or "nl")
                    table[sense.organisation.id][words[0]].append(pattern)
        for by_first in table.values():
            for patterns in by_first.values():
                patterns.sort(key=lambda p: -len(p.stems))
        return table

    def translate(self, text: str, source: str, target: str, lang: str = "nl") -> dict:
        _check_texts({"text": text, "from": source, "to": target})
        speaker = self.terms.lexicon.organisation(source)
        listener = self.terms.lexicon.organisation(target)
        patterns = self._patterns.get(speaker.id, {})
        spans = [
            self._explain(text, start, end, pattern, listener, lang)
            for start, end, pattern in _find(tokens(text), patterns, lang)
        ]
        name = speaker.to_json(lang)["name"]
        notes = [] if patterns else [message("no_jargon", lang, organisation=name)]
        return {
            "text": text,
            "from": speaker.to_json(lang),
            "to": listener.to_json(lang),
            "spans": spans,
            "translation": _rewrite(text, spans),
            "notes": notes,
        }

    def _explain(
        self, text: str, start: int, end: int, found: _Pattern, listener: Organisation, lang: str
    ) -> dict:
        """The span's meaning and warnings in `lang`; what to say instead in the text's language."""
        sense = found.sense
        equivalents = self.terms.equivalents(sense, listener)
        same_word = [
            other
            for other in self.terms.find(pick(sense.labels, "nl"))[0]
            if other.organisation == listener and not other.same_meaning(sense)
        ]
        loaded = [c for c in sense.connotations if c.perceived_by in (None, listener)]
        warnings = [
            {
                "kind": "loaded",
                "message": pick(c.descriptions, lang),
                "connotation": c.to_json(lang),
                "sources": c.sources,
            }
            for c in loaded
        ] + [
            {
                "kind": "ambiguous",
                "message": message(
                    "same_word_other_meaning",
                    lang,
                    organisation=listener.to_json(lang)["name"],
                    word=pick(other.labels, lang),
                    definition=pick(other.definitions, lang),
                ),
                "sense": other.id,
                "sources": other.sources,
            }
            for other in same_word
        ]
        return {
            "start": start,
            "end": end,
            "text": text[start:end],
            "term": pick(sense.labels, "nl"),
            "sense": self.terms.sense_json(sense, lang),
            "equivalents": [
                {"label": pick(o.labels, lang), "sense": o.id, "match": match}
                for o, match in equivalents
            ],
            "say_instead": _say_instead(sense, equivalents, loaded, bool(same_word), found.lang),
            "warnings": warnings,
        }


def _find(words: list[Token], patterns: dict[str, list[_Pattern]], lang: str):
    """(start, end, pattern) of each label in `words`, longest match first, left to right."""
    position = 0
    while position < len(words):
        found = _match_at(words, position, patterns, lang)
        if found is None:
            position += 1
            continue
        length, pattern = found
        yield words[position].start, words[position + length - 1].end, pattern
        position += length


def _match_at(words: list[Token], position: int, patterns: dict[str, list[_Pattern]], lang: str):
    word = words[position]
    found = [
        pattern
        for pattern in patterns.get(word.stem, ())
        if tuple(w.stem for w in words[position : position + len(pattern.stems)]) == pattern.stems
    ]
    if found:  # the longest; of labels spelled alike (a homograph), one in the page's language
        size = len(found[0].stems)
        return size, min((p for p in found if len(p.stems) == size), key=lambda p: p.lang != lang)
    # A one-word label inside a compound: 'wijkteamwerk' holds 'wijkteam'.
    for first, candidates in patterns.items():
        for pattern in candidates:
            if len(pattern.stems) == 1 and is_compound_part(first, word.folded):
                return 1, pattern
    return None


def _say_instead(sense, equivalents, loaded, same_word: bool, lang: str) -> dict | None:
    """What to say to the listener instead, and why; None when the word can stay.

    A word the listener has no word of its own for stays: the span's meaning explains it.
    """
    exact = [o for o, match in equivalents if match == "exact"]
    said = normalise(pick(sense.labels, lang))
    choice = None
    if exact and not loaded:
        choice = {"label": pick(exact[0].labels, lang), "why": "equivalent"}
    for connotation in loaded:
        if choice is None and connotation.neutral_alternative is not None:
            label = pick(connotation.neutral_alternative.labels, lang)
            choice = {"label": label, "why": "loaded"}
    if choice is None and (same_word or loaded) and sense.shared is not None:
        choice = {"label": pick(sense.shared.labels, lang), "why": "neutral"}
    if choice is None or normalise(choice["label"]) == said:
        return None
    return choice


def _rewrite(text: str, spans: list[dict]) -> str:
    """The text with each span replaced by what to say instead (where that differs)."""
    out, cursor = [], 0
    for span in spans:
        out.append(text[cursor : span["start"]])
        instead = span["say_instead"]
        out.append(instead["label"] if instead else span["text"])
        cursor = span["end"]
    out.append(text[cursor:])
    return "".join(out)
