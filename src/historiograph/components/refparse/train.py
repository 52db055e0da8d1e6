"""Train the shipped reference model on AnyStyle's core.xml (BSD-2-Clause).

    python -m historiograph.components.refparse.train [--anystyle PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

from ...data import path as data_path
from .datasets import read_anystyle
from .model import MODEL, fingerprint, sidecar, train

DEFAULT_DATA = Path(__file__).resolve().parents[5] / "shared" / "data" / "anystyle" / "core.xml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anystyle", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=data_path(MODEL))
    args = parser.parse_args()
    refs = read_anystyle(args.anystyle)
    t0 = time.perf_counter()
    train(refs, args.out)  # also writes the model's sidecar (single-run labels)
    meta = json.loads(sidecar(args.out).read_text()) | {
        "fingerprint": fingerprint(), "trained_on": args.anystyle.name, "date": date.today().isoformat()}
    sidecar(args.out).write_text(json.dumps(meta, indent=1) + "\n")
    print(f"trained on {len(refs)} references from {args.anystyle} in {time.perf_counter() - t0:.1f}s → {args.out}")


if __name__ == "__main__":
    main()
