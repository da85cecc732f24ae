"""Writes numpy_arithmetic.json: np.sum and np.arange results that FromScratch must match bit for bit.

Run once with NumPy installed (python3 make_numpy_arithmetic_fixtures.py); the tests only read the JSON.
"""
import json
import os

import numpy as np

rng = np.random.default_rng(20261122)
sums = []
for n in [1, 2, 7, 8, 9, 10, 15, 16, 17, 64, 100, 127, 128, 129, 130, 255, 256, 257, 1000, 4099]:
    # Mixed magnitudes make the summation order visible in the last digits.
    values = rng.standard_normal(n) * 10.0 ** rng.integers(-8, 8, n)
    sums.append({"values": [repr(float(v)) for v in values], "sum": repr(float(np.sum(values)))})

aranges = []
for start, stop, step in [(-5, 5, 0.1), (0, 20, 0.1), (-2, 2.25, 0.25), (0.002, 1.0005, 0.002), (1, 0, -0.3)]:
    values = np.arange(start, stop, step)
    aranges.append({"start": start, "stop": stop, "step": step, "values": [repr(float(v)) for v in values]})

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "numpy_arithmetic.json"), "w") as f:
    json.dump({"numpy": np.__version__, "sums": sums, "aranges": aranges}, f, indent=1)
