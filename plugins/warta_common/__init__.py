"""Helpers shared by Warta's plugins: content problems, the content schema, Indonesian dates.

This package is not a Pelican plugin; plugins import it (``plugins/`` is on ``sys.path``).
"""
