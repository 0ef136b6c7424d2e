"""rolemap's HTTP layer: thin routers over the rolemap library."""
