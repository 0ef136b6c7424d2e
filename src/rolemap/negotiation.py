"""HTTP content negotiation: which of the offered media types an Accept header prefers."""


def preferred(accept: str | None, offered: list[str]) -> str | None:
    """The offered type the client ranks highest (q-values, then specificity, then the order
    of `offered`); the first offered when Accept is missing; None when nothing is acceptable."""
    if not accept or not accept.strip():
        return offered[0]
    ranges = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media:
            ranges.append((media.lower(), quality))
    best, best_rank = None, (0.0, -1, 0)
    for index, media in enumerate(offered):
        for pattern, quality in ranges:
            specificity = _matches(pattern, media)
            rank = (quality, specificity, -index)
            if specificity >= 0 and quality > 0 and rank > best_rank:
                best, best_rank = media, rank
    return best


def _matches(pattern: str, media: str) -> int:
    """-1: no match; 0: */*; 1: type/*; 2: exact."""
    if pattern == "*/*":
        return 0
    kind, _, sub = pattern.partition("/")
    if sub == "*":
        return 1 if media.split("/")[0] == kind else -1
    return 2 if pattern == media else -1
