"""Kindergarten pairing plans: schema, loading, rendering and checks, independent of the site engine."""
