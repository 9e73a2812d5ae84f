"""Benchmark of the site against stock Material at hundreds to thousands of plans (issue #8)."""
