"""A deterministic synthetic national data set: one Turtle file per municipality.

For benchmarks at national scale (342 municipalities) and nothing else: every name, word and
definition is put together from word parts (synth_words, synth_work_words), and every entity cites
an rm:Assumption that says so. The files follow the model of the shipped data (data/README.md);
per municipality:

- 8 organisations (the municipality itself and seven others), district teams of the two kinds of
  wijkteam, the municipality's area and 2-5 districts with PC4 postcodes, where each organisation
  works, and dated commissions from the municipality under a law (synth_places);
- each organisation's jargon, ~60 terms: homonyms, exactMatch practice words, synonyms and a few
  loaded words (synth_jargon);
- a roles scheme, roles, posts and ~50 tasks classified for routing, mostly distinct, a few
  overlapping between two organisations (synth_work);
- working principles, protocols, 2-3 cases with episodes and needs, and agreements that settle
  some of the overlaps (synth_cases).

IRIs live under a base of their own (synth_turtle.BASE), so synthetic data never collides with
real data, and every id ends in the municipality's number (or an organisation id that does), so
ids are unique across files. A municipality's file depends on the seed and its number only, not on
how many are made.
"""

import argparse
import random
from pathlib import Path

import pyoxigraph

from rolemap.synth_cases import Cases, principles, protocols
from rolemap.synth_jargon import Jargon
from rolemap.synth_places import Places, organisations
from rolemap.synth_turtle import BASE, Ids, block, header, literal
from rolemap.synth_words import Word, common_words, place_name
from rolemap.synth_work import Work

__all__ = ["BASE", "Municipality", "common_words", "main", "write_synthetic"]

COUNTED = (
    "municipalities",
    "organisations",
    "terms",
    "senses",
    "shared",
    "connotations",
    "areas",
    "postcodes",
    "commissions",
    "roles",
    "posts",
    "tasks",
    "overlaps",
    "cases",
    "agreements",
    "triples",
    "bytes",
)


class Municipality:
    """Everything one municipality's file holds."""

    def __init__(self, seed: int, number: int, common: list[Word]) -> None:
        self.seed, self.number, self.tag = seed, number, f"{number:04d}"
        self.place = place_name(seed, number)
        rng = random.Random(f"{seed}:{number}")  # organisations and jargon
        self.orgs = organisations(rng, self.tag, self.place)
        self.jargon = Jargon(rng, self.tag, self.place, self.orgs, common)
        ids = Ids()
        for iri in [self.assumption, *(org.iri for org in self.orgs), *self.jargon.iris()]:
            ids.add(iri)
        rng = random.Random(f"{seed}:{number}:work")  # where and what they work
        self.places = Places(rng, seed, number, self.place, self.orgs, ids)
        ways = principles(rng, self.tag, ids), protocols(rng, self.tag, ids)
        iris = [p.iri for p in ways[0]], [p.iri for p in ways[1]]
        self.work = Work(rng, self.tag, self.place, self.orgs, ids, *iris)
        self.cases = Cases(rng, self.tag, self.place, self.work, self.jargon, ways, ids)

    @property
    def assumption(self) -> str:
        return f"assume:synthetisch-{self.tag}"

    @property
    def senses(self) -> list:
        return self.jargon.senses

    def counts(self) -> dict[str, int]:
        return {
            "municipalities": 1,
            "organisations": len(self.orgs),
            "terms": self.jargon.terms,
            "senses": len(self.jargon.senses),
            "shared": len(self.jargon.shared),
            "connotations": len(self.jargon.connotations),
            "areas": 1 + len(self.places.districts),
            "postcodes": sum(len(district.postcodes) for district in self.places.districts),
            "commissions": len(self.places.commissions),
            "roles": len(self.work.roles),
            "posts": len(self.work.posts),
            "tasks": len(self.work.tasks),
            "overlaps": len(self.work.overlaps),
            "cases": len(self.cases.cases),
            "agreements": len(self.cases.agreements),
        }

    def turtle(self) -> str:
        return "\n".join(
            [
                header(
                    f"Synthetic municipality {self.tag} ({self.place}): organisations, areas, "
                    "commissions, jargon, roles, posts, tasks, cases and agreements."
                ),
                self._assumption_block(),
                *self.places.blocks(),
                *self.jargon.blocks(),
                *self.work.blocks(),
                *self.cases.blocks(),
            ]
        )

    def _assumption_block(self) -> str:
        made = f"seed {self.seed}, {self.tag}"
        nl = (
            f"Synthetische gegevens ({made}): de gemeente {self.place}, haar organisaties, hun "
            "jargon, taken, casussen en afspraken zijn door rolemap.synth samengesteld uit "
            "woorddelen, om prestaties op landelijke schaal te meten. Ze beschrijven geen echte "
            "organisatie."
        )
        en = (
            f"Synthetic data ({made}): the municipality of {self.place}, its organisations, their "
            "jargon, tasks, cases and agreements were put together from word parts by "
            "rolemap.synth, to measure performance at national scale. They describe no real "
            "organisation."
        )
        return block(
            self.assumption,
            "rm:Assumption",
            [
                ("dct:identifier", literal(f"synthetisch-{self.tag}")),
                ("dct:description", literal(nl, "nl")),
                ("dct:description", literal(en, "en")),
            ],
        )


def write_synthetic(out_dir: Path, municipalities: int, seed: int = 0) -> dict[str, int]:
    """Write gemeente-0001.ttl … into `out_dir`, one Turtle file a municipality; return counts
    (of the kinds in COUNTED; triples as parsed back from each file)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    common = common_words(seed)
    totals = dict.fromkeys(COUNTED, 0)
    for number in range(1, municipalities + 1):
        place = Municipality(seed, number, common)
        text = place.turtle().encode("utf-8")
        (out_dir / f"gemeente-{place.tag}.ttl").write_bytes(text)
        triples = sum(1 for _ in pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.TURTLE))
        for key, value in [*place.counts().items(), ("triples", triples), ("bytes", len(text))]:
            totals[key] += value
    return totals


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m rolemap.synth", description="Write a synthetic national data set."
    )
    parser.add_argument("--municipalities", type=int, required=True, help="how many (342: NL)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write Turtle files to")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    totals = write_synthetic(args.out, args.municipalities, args.seed)
    print(" ".join(f"{key}={value}" for key, value in totals.items()))


if __name__ == "__main__":
    main()
