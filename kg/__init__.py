"""ecopolicy-kg: a knowledge graph of China's environmental policy, built from official texts."""

__version__ = "0.1.0"
