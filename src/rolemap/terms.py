"""'What do they mean by that?': a word's senses per organisation, computed ambiguity, equivalents.

`Terms` is built once from a graph and then answers from memory: a look-up is a dictionary hit on
the normalised word, so it stays fast however large the graph grows.
"""

from collections import defaultdict
from collections.abc import Iterator
from itertools import islice

from rdflib import URIRef

from rolemap.errors import UnknownTermError
from rolemap.lexicon import Lexicon, Organisation, Sense, SharedConcept, pick, read_lexicon
from rolemap.loader import KnowledgeGraph
from rolemap.matching import compact, stems
from rolemap.search import LABEL_FIELDS, SearchIndex
from rolemap.text import normalise
from rolemap.working_areas import SamePlace

SUGGESTIONS = 5
MAX_DIVERGENT = 20  # pairs listed to explain an ambiguity; one is enough to decide it


class Terms:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.search_index = SearchIndex(lexicon)
        self._senses = lexicon.by_iri()
        # Three keys per label, from strict to lenient: folded, without spaces, stemmed.
        self._keys = (normalise, compact, _stemmed)  # functions, not lambdas: Terms pickles
        self._senses_by: list[dict[str, list[Sense]]] = [defaultdict(list) for _ in self._keys]
        self._shared_by: list[dict[str, list[SharedConcept]]] = [
            defaultdict(list) for _ in self._keys
        ]
        self._by_term: dict[str, list[Sense]] = defaultdict(list)
        for sense in lexicon.senses:
            self._by_term[_term_key(sense)].append(sense)
            for _, _, text in sense.all_labels():
                self._add(self._senses_by, text, sense)
        for concept in lexicon.shared:
            for text in concept.labels.values():
                self._add(self._shared_by, text, concept)
        self._linked = _linked_senses(lexicon.senses)

    @classmethod
    def from_graph(cls, kg: KnowledgeGraph) -> "Terms":
        return cls(read_lexicon(kg.graph))

    def _add(self, tables: list[dict], text: str, item: Sense | SharedConcept) -> None:
        for key, table in zip(self._keys, tables, strict=True):
            if item not in table[key(text)]:
                table[key(text)].append(item)

    def find(self, text: str) -> tuple[list[Sense], list[SharedConcept]]:
        """The senses of the term `text` names, and shared concepts with `text` as label.

        A label is matched by the strictest key that finds one; the term is then every sense
        with the same Dutch preferred label, so an English or alternative label finds them all.
        """
        for key, senses, shared in zip(self._keys, self._senses_by, self._shared_by, strict=True):
            wanted = key(text)
            if wanted and (senses.get(wanted) or shared.get(wanted)):
                terms = dict.fromkeys(_term_key(sense) for sense in senses.get(wanted, []))
                found = [sense for term in terms for sense in self._by_term[term]]
                return found, shared.get(wanted, [])
        return [], []

    def look_up(
        self,
        text: str,
        organisation: str | None = None,
        lang: str = "nl",
        limit: int | None = None,
    ) -> dict:
        """Every organisation's meaning of `text` (or one organisation's), with sources.

        `limit` caps the senses listed (a common word may have one per organisation in the
        country); `total_senses` says how many there are.
        """
        owner = self.lexicon.organisation(organisation) if organisation else None
        senses, shared = self.find(text)
        shown = [s for s in senses if owner is None or s.organisation == owner]
        if not shown and (owner is not None or not shared):
            used_by = sorted({pick(s.organisation.names, lang) for s in senses})
            suggestions = [] if used_by else self.suggest(text, organisation)
            raise UnknownTermError(text, suggestions, organisation, used_by)
        divergent = list(islice(divergent_pairs(senses, shown), MAX_DIVERGENT))
        return {
            "label": _display_label(shown, shared, lang) or text,
            "ambiguous": bool(divergent),
            "loaded": any(sense.connotations for sense in shown),
            "divergent": [
                {
                    "senses": [a.id, b.id],
                    "organisations": [a.organisation.to_json(lang), b.organisation.to_json(lang)],
                }
                for a, b in divergent
            ],
            "total_senses": len(shown),
            "senses": [self.sense_json(sense, lang) for sense in shown[:limit]],
            "shared_terms": [concept.to_json(lang) for concept in shared],
        }

    def sense_json(self, sense: Sense, lang: str) -> dict:
        return {
            "id": sense.id,
            "organisation": sense.organisation.to_json(lang),
            "label": pick(sense.labels, lang),
            "definition": pick(sense.definitions, lang),
            "usage_note": pick(sense.notes, lang) or None,
            "connotation": [c.to_json(lang) for c in sense.connotations],
            "equivalents": [
                {
                    "organisation": other.organisation.to_json(lang),
                    "label": pick(other.labels, lang),
                    "sense": other.id,
                    "match": match,
                }
                for other, match in self.equivalents(sense)
            ],
            "shared_term": sense.shared.to_json(lang) if sense.shared else None,
            "sources": sense.sources,
        }

    def equivalents(
        self, sense: Sense, organisation: Organisation | None = None
    ) -> list[tuple[Sense, str]]:
        """Other organisations' senses meaning the same ('exact') or nearly so ('close')."""
        found = []
        for iri in self._linked.get(sense.iri, ()):
            other = self._senses[iri]
            if other.organisation == sense.organisation:
                continue
            if organisation is not None and other.organisation != organisation:
                continue
            match = _match_kind(sense, other)
            if match:
                found.append((other, match))
        return sorted(found, key=lambda pair: (pair[1] != "exact", pair[0].id))

    def catalogue(self, lang: str = "nl") -> list[dict]:
        """Every term (named by its Dutch preferred label) with the organisations that use it."""
        found: dict[str, dict] = {}
        for sense in self.lexicon.senses:
            term = pick(sense.labels, "nl")
            entry = found.setdefault(
                term, {"term": term, "label": pick(sense.labels, lang), "organisations": []}
            )
            entry["organisations"].append(sense.organisation.to_json(lang))
        return sorted(found.values(), key=lambda entry: normalise(entry["label"]))

    def speakers(self, lang: str = "nl") -> list[dict[str, str]]:
        """The organisations with words of their own, by name."""
        owners = {sense.organisation for sense in self.lexicon.senses}
        return sorted((o.to_json(lang) for o in owners), key=lambda o: normalise(o["name"]))

    def organisation_choices(self, lang: str = "nl") -> list[dict[str, str]]:
        orgs = self.lexicon.organisations.values()
        return sorted((o.to_json(lang) for o in orgs), key=lambda o: normalise(o["name"]))

    def suggest(self, text: str, organisation: str | None = None) -> list[str]:
        """Terms whose labels come close to `text` (a meaning that mentions it is no suggestion)."""
        hits = self.search_index.search(text, organisation=organisation, limit=4 * SUGGESTIONS)
        return [hit["term"] for hit in hits if hit["match"]["field"] in LABEL_FIELDS][:SUGGESTIONS]

    def search(self, query: str, organisation: str | None = None, lang: str = "nl", limit=10):
        if organisation:
            self.lexicon.organisation(organisation)  # unknown ids are an error, not 0 results
        return self.search_index.search(query, organisation, lang, limit)


def _linked_senses(senses: list[Sense]) -> dict[URIRef, set[URIRef]]:
    """Per sense, the senses an exact or close match may join it to: directly, or through a
    concept both are exactMatch to. Look-ups then check a few candidates, not every sense."""
    through: dict[URIRef, set[URIRef]] = defaultdict(set)
    for sense in senses:
        for target in sense.exact:
            through[target].add(sense.iri)
    linked: dict[URIRef, set[URIRef]] = defaultdict(set)
    known = {sense.iri for sense in senses}
    for sense in senses:
        direct = (sense.exact | sense.close) & known
        shared = {iri for target in sense.exact for iri in through[target]}
        for other in direct | shared:
            linked[sense.iri].add(other)
            linked[other].add(sense.iri)
    return linked


def _stemmed(text: str) -> str:
    return " ".join(stems(text))


def _term_key(sense: Sense) -> str:
    return normalise(pick(sense.labels, "nl"))


def _match_kind(sense: Sense, other: Sense) -> str | None:
    if other.iri in sense.exact or sense.iri in other.exact or sense.exact & other.exact:
        return "exact"
    if other.iri in sense.close or sense.iri in other.close:
        return "close"
    return None


def divergent_pairs(
    senses: list[Sense], involving: list[Sense] | None = None
) -> Iterator[tuple[Sense, Sense]]:
    """Pairs of senses of different organisations working in the same place that do not mean
    the same (the homonym shape's rule), each with at least one sense of `involving` (default:
    any), lazily: callers take a few."""
    same_place = SamePlace(senses, lambda sense: sense.organisation.working_areas)
    order = {id(sense): position for position, sense in enumerate(senses)}
    seen: set[tuple[int, int]] = set()
    for a in involving if involving is not None else senses:
        for b in same_place.of(a):
            pair = tuple(sorted((order[id(a)], order[id(b)])))
            if a.organisation == b.organisation or pair in seen or a.same_meaning(b):
                continue
            seen.add(pair)
            yield (a, b) if pair[0] == order[id(a)] else (b, a)


def _display_label(senses: list[Sense], shared: list[SharedConcept], lang: str) -> str:
    labels = [pick(s.labels, lang) for s in senses] + [pick(c.labels, lang) for c in shared]
    return max(sorted(set(labels)), key=labels.count) if labels else ""
