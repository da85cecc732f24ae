#!/usr/bin/env python3
"""Writes make_moons.json: scikit-learn's make_moons drawn from NumPy's global generator.

Run once (`pip install numpy scikit-learn`, then `python3 make_moons_fixture.py` in this
folder); the JSON beside it is committed and the Swift tests read it without Python.

Each case seeds the global generator with `numpy.random.seed(seed)` and calls
`make_moons(samples, noise=noise, shuffle=shuffle)` with `random_state=None`, which makes
scikit-learn draw from that global generator. `after` holds three `numpy.random.rand()` values
drawn right after, to check that the Swift code leaves the generator in the same state.
Floats are written with Python's `repr`, which reads back as the same double.
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.datasets import make_moons

HERE = pathlib.Path(__file__).resolve().parent

CASES = [
    # (seed, samples, noise, shuffle)
    (0, 200, 0.20, True),   # the book-style example the command line reproduces
    (42, 101, 0.1, True),   # odd count: the inner moon gets one more point
    (3, 50, None, True),    # shuffle only
    (1, 7, None, False),    # pure geometry: linspace, cos and sin, no draw at all
    (5, 1, 0.3, True),      # a single (inner) point
]


def main():
    cases = []
    for seed, samples, noise, shuffle in CASES:
        np.random.seed(seed)
        x, y = make_moons(samples, noise=noise, shuffle=shuffle)
        after = np.random.rand(3)
        cases.append({
            "seed": seed, "samples": samples, "noise": noise, "shuffle": shuffle,
            "x": x.ravel().tolist(), "y": y.tolist(), "after": after.tolist(),
        })
    fixture = {"numpy": np.__version__, "sklearn": sklearn.__version__, "cases": cases}
    path = HERE / "make_moons.json"
    path.write_text(json.dumps(fixture) + "\n")
    print(f"wrote {path.name}")


if __name__ == "__main__":
    main()
