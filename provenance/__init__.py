"""provenance: who said it, who reported it, who relayed it."""

__version__ = "0.1.0"
