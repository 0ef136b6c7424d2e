"""An answer's language: `?lang=` when given, else the Accept-Language header, else Dutch."""

from typing import Annotated

from fastapi import Query, Request

LANGUAGES = ("nl", "en")


async def language(
    request: Request,
    lang: Annotated[
        str | None, Query(pattern="^(nl|en)$", description="nl or en; default Accept-Language.")
    ] = None,
) -> str:
    # async: a dependency this cheap should not cost a hand-off to the thread pool.
    return lang or from_header(request.headers.get("accept-language", ""))


def from_header(header: str) -> str:
    """'en-GB,en;q=0.9,nl;q=0.8' -> 'en'. Dutch unless a supported language is preferred."""
    best, best_weight = "nl", 0.0
    for part in header.split(","):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                continue
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and weight > best_weight:
            best, best_weight = primary, weight
    return best
