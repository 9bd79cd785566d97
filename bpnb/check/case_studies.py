"""Checkers for the exercises of notebooks 07 and 08."""

__all__ = []
