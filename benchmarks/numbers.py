"""`python benchmarks/numbers.py …` runs the numbers benchmark (benchmarks/quantities.py: numeric
claims found with the right value, quantulum3 beside it; the same options).

A file named numbers.py in this folder would hide the standard library's `numbers` from every
other script run from here (decimal imports it, and dateutil, trafilatura and numpy import
decimal). So when this file is imported as `numbers`, it puts the standard library's module in
its place instead of running anything."""

import importlib.util
import os
import runpy
import sys
import sysconfig

if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    runpy.run_path(os.path.join(here, "quantities.py"), run_name="__main__")
else:  # imported by a library as the standard library's numbers: hand that one over
    _spec = importlib.util.spec_from_file_location("numbers", os.path.join(sysconfig.get_paths()["stdlib"], "numbers.py"))
    _module = importlib.util.module_from_spec(_spec)
    sys.modules[__name__] = _module
    _spec.loader.exec_module(_module)
