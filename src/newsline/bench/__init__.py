"""Scorers behind ``newsline bench ...``: each reads a benchmark's gold data and prints the official figures."""
