"""Shared text machinery for rules: patterns, normalisation, keyword matching."""
