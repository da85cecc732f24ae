"""Reference values from the book's own code, for the Swift tests.

Runs the official repository of 《深度学习入门》 (oreilly-japan/deep-learning-from-scratch) at the
pinned commit and writes JSON fixtures beside this script, each recording that commit. Nothing of
the book's code is copied here: the script checks the pinned commit out of a local clone into a
temporary folder, imports the book's modules from there, and runs them.

    python3 Tests/Fixtures/BookCode/generate.py PATH-TO-A-CLONE-OF-THE-BOOK'S-REPOSITORY

Needs NumPy (the book's code imports it). CI does not run this script; the tests read its output.
Floats are written as Python's repr strings, which read back as the same doubles.
"""
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import io

PINNED = "07b11618cdb5d5f78ad45464de0730efc07b0a4a"
HERE = os.path.dirname(os.path.abspath(__file__))


def checkout(repository, folder):
    """The pinned commit's files, from a clone (bare or not), into `folder`."""
    archive = subprocess.run(["git", "--git-dir", git_dir(repository), "archive", PINNED],
                             check=True, capture_output=True).stdout
    tarfile.open(fileobj=io.BytesIO(archive)).extractall(folder)


def git_dir(repository):
    inner = os.path.join(repository, ".git")
    return inner if os.path.isdir(inner) else repository


def write(name, values, source):
    fixture = {"repository": "oreilly-japan/deep-learning-from-scratch", "commit": PINNED,
               "source": source, "values": values}
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(fixture, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("wrote", name)


def optimizer_paths(book):
    """ch06/optimizer_compare_naive.py's loop: 30 updates from (-7, 2) on x**2/20 + y**2, for each
    optimizer class of common/optimizer.py, with the rates of the project's figure (the book's four,
    plus Nesterov at Momentum's 0.1 and RMSprop at Adam's 0.3)."""
    optimizer = __import__("common.optimizer", fromlist=["*"])

    def df(x, y):
        return x / 10.0, 2.0 * y

    rates = [("SGD", 0.95), ("Momentum", 0.1), ("Nesterov", 0.1), ("AdaGrad", 1.5), ("RMSprop", 0.3),
             ("Adam", 0.3)]
    paths = {}
    for name, lr in rates:
        opt = getattr(optimizer, name)(lr=lr)
        params = {"x": -7.0, "y": 2.0}
        grads = {}
        points = [(params["x"], params["y"])]
        for _ in range(30):
            grads["x"], grads["y"] = df(params["x"], params["y"])
            opt.update(params, grads)
            points.append((params["x"], params["y"]))
        paths[name] = {"lr": repr(lr), "points": [[repr(float(x)), repr(float(y))] for x, y in points]}
    write("optimizer-paths.json", paths, "ch06/optimizer_compare_naive.py with common/optimizer.py")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory() as folder:
        checkout(sys.argv[1], folder)
        sys.path.insert(0, folder)
        optimizer_paths(folder)


if __name__ == "__main__":
    main()
