"""Exporters: they only read layers from the store; they never compute."""

from .json import SCHEMA, export_json, write_json

FORMATS = {"json": export_json}

__all__ = ["FORMATS", "SCHEMA", "export_json", "write_json"]
