import pytest

from rolemap.negotiation import preferred

OFFERED = ["text/turtle", "application/ld+json", "text/html"]


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        (None, "text/turtle"),  # no header: the first offer
        ("", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "text/html"),  # a browser
        ("text/*;q=0.5, application/ld+json;q=0.9", "application/ld+json"),
        ("text/*", "text/turtle"),  # equal q: the order of the offers
        ("*/*;q=0.1, text/html", "text/html"),
        ("text/html;q=0, */*", "text/turtle"),  # q=0: not acceptable
        ("garbage", "text/turtle"),  # nothing well-formed: as if absent
    ],
)
def test_the_preferred_offer(accept, chosen):
    assert preferred(accept, OFFERED) == chosen


def test_nothing_acceptable_is_none():
    assert preferred("image/png", OFFERED) is None
