"""Exporters: they only read layers from the store; they never compute."""

from .csl import csl_items, export_csl
from .json import SCHEMA, export_json, write_json

FORMATS = {"json": export_json, "csl": export_csl}

__all__ = ["FORMATS", "SCHEMA", "csl_items", "export_csl", "export_json", "write_json"]
