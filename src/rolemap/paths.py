"""Where the ontology and the shipped data sets live: in the checkout rolemap is installed from."""

from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[2]


def ontology_dir() -> Path:
    return _CHECKOUT / "ontology"


def default_data_dir() -> Path:
    return _CHECKOUT / "data" / "overvecht"


def seed_dir() -> Path:
    """The folder with the plain text of the source documents (shared/seed beside the checkout)."""
    return _CHECKOUT.parent / "shared" / "seed"


def shapes_dir() -> Path:
    return _CHECKOUT / "shapes"


def standards_dir() -> Path:
    """External standards used as independent checks (shared/standards beside the checkout)."""
    return _CHECKOUT.parent / "shared" / "standards"
