#!/usr/bin/env python3
"""Writes the fixtures that pin `RandomState` to NumPy's legacy generator, bit for bit.

Run once with NumPy installed (`python3 make_random_fixtures.py` in this folder); the JSON files
it writes beside itself are committed, and the Swift tests replay them without Python.

Each file holds one seed and a list of steps. A step names a call, its arguments and NumPy's
result; the Swift test makes the same calls in the same order on one `RandomState`, so values
that depend on earlier calls (the cached second Gaussian, the Mersenne Twister's position,
reseeding) are checked too. Floats are written by `json` with Python's `repr`, the shortest
text that reads back as the same double.
"""
import json
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
SEEDS = [0, 1, 42, 2**32 - 1]


def as_list(values):
    """Plain Python numbers (ints stay ints, floats keep every bit through repr)."""
    return np.asarray(values).ravel().tolist()


def steps_for(seed):
    np.random.seed(seed)
    steps = []

    def record(call, args, result, shape=None):
        step = {"call": call, "args": args, "result": as_list(result)}
        if shape is not None:
            step["shape"] = list(shape)
        steps.append(step)

    # An odd number of normals leaves the second value of the last pair cached ...
    record("randn", {"count": 5}, np.random.randn(5))
    # ... uniform draws do not touch that cache ...
    record("rand", {"count": 3}, np.random.rand(3))
    # ... so this normal is the cached one, drawn without touching the generator.
    record("randn", {"count": 1}, np.random.randn(1))
    record("normal", {"loc": 1.5, "scale": 0.25, "count": 5}, np.random.normal(1.5, 0.25, 5))
    record("uniform", {"low": -2.0, "high": 3.0, "count": 4}, np.random.uniform(-2.0, 3.0, 4))
    # randint: small ranges, a power of two (mask == range), one past it (heavy rejection),
    # the full 32-bit range, ranges that need 64-bit draws, and an empty range (no draw).
    for low, high, count in [(0, 10, 8), (-5, 5, 6), (0, 16, 6), (0, 17, 6), (0, 2**32, 4),
                             (0, 2**32 + 1, 4), (-2**40, 2**40, 4), (-2**63, 2**63 - 1, 3),
                             (5, 6, 3), (1000, 1_000_000, 5)]:
        record("randint", {"low": low, "high": high, "count": count},
               np.random.randint(low, high, size=count))
    record("choice", {"n": 10, "size": 6, "replace": True}, np.random.choice(10, 6))
    record("choice", {"n": 10, "size": 6, "replace": False}, np.random.choice(10, 6, replace=False))
    arr = np.arange(12)
    np.random.shuffle(arr)
    record("shuffle", {"count": 12}, arr)
    record("permutation", {"n": 9}, np.random.permutation(9))
    record("permutation", {"n": 1000}, np.random.permutation(1000))
    record("rand", {"rows": 2, "cols": 3}, np.random.rand(2, 3), shape=(2, 3))
    record("randn", {"rows": 3, "cols": 3}, np.random.randn(3, 3), shape=(3, 3))
    # Nine normals leave a cached value; reseeding must drop it.
    np.random.seed(seed)
    steps.append({"call": "seed", "args": {"seed": seed}, "result": []})
    record("randn", {"count": 3}, np.random.randn(3))
    record("raw32", {"count": 4}, np.random.randint(0, 2**32, size=4, dtype=np.uint32))
    return steps


def main():
    for seed in SEEDS:
        fixture = {
            "numpy": np.__version__,
            "seed": seed,
            # The first raw 32-bit outputs after seeding, past two regenerations of the
            # 624-word state, taken from a fresh RandomState so no other call interferes.
            "raw32": as_list(np.random.RandomState(seed).randint(0, 2**32, size=1400, dtype=np.uint32)),
            "steps": steps_for(seed),
        }
        path = HERE / f"random_state_seed_{seed}.json"
        path.write_text(json.dumps(fixture, indent=1) + "\n")
        print(f"wrote {path.name}")


if __name__ == "__main__":
    main()
