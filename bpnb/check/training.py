"""Checkers for the exercises of notebooks 05 and 06."""

__all__ = []
