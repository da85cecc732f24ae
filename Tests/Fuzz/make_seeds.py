#!/usr/bin/env python3
"""Writes the fuzzers' seed inputs into Tests/Fuzz/seeds/{pickle,idx,gzip}/.

Small valid files of each format (so libFuzzer starts inside the parsers, not at their first
check), plus a few that must be refused: a pickle whose REDUCE would call os.system, big-endian
and integer arrays, text-protocol pickles. Rerun it after changing it; the seeds are committed.
Needs numpy (the system Python has it).
"""
import gzip
import os
import pickle
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def write(kind, name, data):
    folder = os.path.join(HERE, "seeds", kind)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


class Evil:
    """Unpickling this in Python runs a shell command; the Swift reader must only refuse it."""

    def __reduce__(self):
        return (os.system, ("echo pickle-ran-code > /tmp/fuzz-pickle-ran-code",))


def pickles():
    f4 = np.array([[1.5, -2.0], [3.25, 4.0]], dtype=np.float32)
    f8 = np.array([0.5, -1.0])
    book = {  # the shape of sample_weight.pkl, in miniature: W1..W3, b1..b3, float32
        "W1": np.arange(6, dtype=np.float32).reshape(2, 3) / 7,
        "W2": np.arange(3, dtype=np.float32).reshape(3, 1),
        "W3": np.ones((1, 2), dtype=np.float32),
        "b1": np.zeros(3, dtype=np.float32),
        "b2": np.array([0.25], dtype=np.float32),
        "b3": np.array([-1, 1], dtype=np.float32),
    }
    for protocol in (2, 3, 4, 5):
        write("pickle", f"dict-f4-f8-p{protocol}.pkl", pickle.dumps({"W1": f4, "b1": f8}, protocol=protocol))
    for protocol in (3, 4):
        data = pickle.dumps(book, protocol=protocol)
        write("pickle", f"book-p{protocol}.pkl", data)
    # The book's file names NumPy 1's module; GLOBAL is a text line, so it can be renamed in place.
    write("pickle", "book-p3-numpy1.pkl",
          pickle.dumps(book, protocol=3).replace(b"numpy._core.multiarray", b"numpy.core.multiarray"))
    shapes = {
        "fortran": np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3)),
        "three_d": np.arange(4, dtype=np.float32).reshape(2, 1, 2),
        "scalar": np.array(2.5),
        "empty_wide": np.zeros((0, 300), dtype=np.float32),      # BININT2 in the shape
        "empty_huge": np.zeros((0, 70000), dtype=np.float64),    # BININT in the shape
        "empty_3d": np.zeros((0, 2**31 - 1, 2**29), dtype=np.float32),  # large BININTs (NumPy caps the nominal size)
    }
    for protocol in (3, 4):
        write("pickle", f"shapes-p{protocol}.pkl", pickle.dumps(shapes, protocol=protocol))
    # Refused: types the reader does not take, and code execution.
    write("pickle", "big-endian-p3.pkl", pickle.dumps({"W": np.array([1.0, 2.0], dtype=">f8")}, protocol=3))
    write("pickle", "int32-p3.pkl", pickle.dumps({"W": np.array([1, 2], dtype=np.int32)}, protocol=3))
    write("pickle", "python-values-p4.pkl",
          pickle.dumps({"a": [1, 2, (3, 4, 5)], "b": None, "c": True, "d": b"xy", 7: (1,), "e": [[]]}, protocol=4))
    for protocol in (0, 2, 4):
        write("pickle", f"evil-reduce-p{protocol}.pkl", pickle.dumps({"W1": Evil()}, protocol=protocol))


def idx(dimensions, payload):
    return struct.pack(">I", 0x0800 | len(dimensions)) + b"".join(struct.pack(">I", d) for d in dimensions) + bytes(payload)


def idx_and_gzip():
    images = idx([2, 28, 28], [(i * 7) % 256 for i in range(2 * 784)])
    labels = idx([3], [7, 0, 9])
    samples = {
        "images-2x28x28.idx": images,
        "labels-3.idx": labels,
        "empty-0x28x28.idx": idx([0, 28, 28], []),
        "two-axes-2x3.idx": idx([2, 3], range(6)),
        "zero-axes.idx": idx([], [42]),
    }
    for name, data in samples.items():
        write("idx", name, data)
    # gzip: one member, two members (gunzip joins them), a stored (level 0) block, a cut-off file.
    write("gzip", "labels.idx.gz", gzip.compress(labels, mtime=0))
    write("gzip", "images.idx.gz", gzip.compress(images, compresslevel=9, mtime=0))
    write("gzip", "two-members.idx.gz", gzip.compress(labels[:6], mtime=0) + gzip.compress(labels[6:], mtime=0))
    write("gzip", "stored.idx.gz", gzip.compress(labels, compresslevel=0, mtime=0))
    write("gzip", "truncated.idx.gz", gzip.compress(images, mtime=0)[:40])
    # A gzip header with FEXTRA, FNAME and FCOMMENT set (zlib parses and skips them).
    body = gzip.compress(labels, mtime=0)
    header = bytes([0x1F, 0x8B, 8, 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3]) + struct.pack("<H", 4) + b"ab\x00\x01" \
        + b"labels.idx\x00" + b"comment\x00"
    write("gzip", "header-fields.idx.gz", header + body[10:])


if __name__ == "__main__":
    pickles()
    idx_and_gzip()
    print(f"seeds written under {os.path.join(HERE, 'seeds')}", file=sys.stderr)
