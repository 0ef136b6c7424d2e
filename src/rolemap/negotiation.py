"""HTTP content negotiation: which offered format an Accept header prefers."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar


class Offer(Protocol):
    @property
    def media_type(self) -> str: ...  # the format's own media type

    @property
    def media_types(self) -> tuple[str, ...]: ...  # it and its aliases


OfferT = TypeVar("OfferT", bound=Offer)


def media_ranges(accept: str) -> list[tuple[str, float]]:
    """(media range, q) for each well-formed entry of an Accept header; a bare `*` is `*/*`."""
    ranges = []
    for entry in accept.split(","):
        media, *params = (part.strip() for part in entry.split(";"))
        media = "*/*" if media == "*" else media.lower()
        if media.count("/") != 1:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = -1.0
        if q >= 0:
            ranges.append((media, q))
    return ranges


def negotiate(accept: str | None, offers: Sequence[OfferT]) -> OfferT | None:
    """The offer the Accept header prefers (q-values honoured; the most specific range that
    matches a media type decides its q; ties go to the more specific match, then to an offer's
    own media type over an alias, then to the order of `offers`). No header, an empty one or
    one without a well-formed entry: the first offer. None when none of them is acceptable."""
    ranges = media_ranges(accept or "")
    if not ranges:
        return offers[0]
    best, best_key = None, (0.0, -1, False)
    for offer in offers:
        for media_type in offer.media_types:
            kind = media_type.split("/")[0]
            matches = [
                (q, specificity)
                for media, q in ranges
                for specificity, pattern in ((2, media_type), (1, f"{kind}/*"), (0, "*/*"))
                if media == pattern
            ]
            if not matches:
                continue
            specificity = max(s for _, s in matches)
            q = max(q for q, s in matches if s == specificity)
            key = (q, specificity, media_type == offer.media_type)
            if q > 0 and key > best_key:
                best, best_key = offer, key
    return best


@dataclass(frozen=True)
class MediaType:
    """An offer that is one media type, without aliases."""

    media_type: str

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type,)


def preferred(accept: str | None, offered: Sequence[str]) -> str | None:
    """Which of the offered media types the Accept header prefers (None: none acceptable)."""
    chosen = negotiate(accept, [MediaType(media) for media in offered])
    return chosen.media_type if chosen else None
