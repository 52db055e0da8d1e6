"""Patterns shared by every component that reads years and web addresses: defined once."""

from __future__ import annotations

import re

YEAR_DIGITS = r"(?:1[4-9]\d\d|20\d\d)"  # 1400–2099: the years a history text cites
YEAR = re.compile(rf"\b({YEAR_DIGITS})\b")
YEAR_TOKEN = re.compile(rf"^\W*({YEAR_DIGITS})[a-z]?\W*$")  # "(1999a)." as one token
URL = re.compile(r"https?://\S+|www\.\S+", re.I)
URL_START = re.compile(r"https?://|www\.", re.I)
