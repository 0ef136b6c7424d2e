"""rolemap: a terminology and role-mapping knowledge graph for the Dutch social domain."""

__version__ = "0.1.0"
