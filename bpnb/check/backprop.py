"""Checkers for the exercises of notebooks 03 and 04."""

__all__ = []
