"""What the study notes' code does when it is run exactly as printed, for the Swift tests.

The five study notes (../shared/seeds/000_*.txt ... 004_*.txt beside the project) print code listings; the
hand-written manifest listings.json beside this script says where each one is (1-based lines of the
note), which earlier listings it relies on, which printed output belongs to it, and the smallest fix
for a listing that fails. This script runs every Python listing and writes runs.json beside itself:

    python3 Tests/Fixtures/NotesCode/generate.py [SEEDS-FOLDER]

SEEDS-FOLDER holds the notes (default ../shared/seeds beside the project). Each listing runs in a fresh `python3`
subprocess (timeout 300 s, MPLBACKEND=Agg, PYTHONHASHSEED=0, one BLAS thread, a temporary working
folder), first as printed, then, if the manifest has a fix, with the fix applied. "As printed" means
the note's lines with nothing changed but two things the copy from the web forced on us:

- notes 001/002 lost their line breaks (a whole notebook cell on one line); restored/<id>.py holds the
  cell with the breaks (and the indentation a break implies) put back. The script checks that such a
  file, all whitespace removed, equals the printed lines, all whitespace removed, and stops otherwise;
- note 003's listings are indented by the page's list layout; only the block's common leading
  indentation is stripped.

Before a listing, its `needs` run in the same namespace, each in its fixed form when it has a fix
(`needsFixed` says which). A cell with IPython syntax (a line starting with % or !) is passed through
an IPython shell's input transformer and runs in that shell's namespace, as in a notebook kernel
(the base shell's GUI hook is a no-op there, as in ipykernel); the value of a cell's last expression
is not displayed. Everything else is plain Python run as a script (`__name__ == "__main__"`).
A listing in "lines" mode (a cheat sheet of unrelated one-liners) runs one line after another in one
namespace, each line's failure recorded. An optional `probe` calls what a definitions-only listing
defines. Recorded: stdout, whether it ran, Python's last traceback line and the line (relative to the
listing, or to the restored file) where Python reports it: the SyntaxError's line, or the innermost frame
in the listing's own code. Shell listings are recorded, never run.

Needs NumPy, matplotlib, scikit-learn and IPython; runs.json records their versions and Python's.
CI does not run this script; the tests read its output. Output is deterministic (no times, no paths).
"""
import contextlib
import io
import json
import os
import platform
import subprocess
import sys
import tempfile
import traceback
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT = 300


# ---------------------------------------------------------------- reading the notes and the manifest

def note_lines(seeds, note):
    names = sorted(n for n in os.listdir(seeds) if n.startswith(note + "_") and n.endswith(".txt"))
    if len(names) != 1:
        sys.exit(f"expected one note {note}_*.txt in {seeds}, found {names}")
    with open(os.path.join(seeds, names[0]), encoding="utf-8") as f:
        return names[0], f.read().split("\n")


def squeeze(text):
    """The text without any whitespace: what a lost line break cannot change."""
    return "".join(text.split())


def strip_common_indent(lines):
    """Remove the indentation every non-blank line shares, and nothing else."""
    depths = [len(l) - len(l.lstrip()) for l in lines if l.strip()]
    n = min(depths) if depths else 0
    return [l[n:] for l in lines]  # a whitespace-only line shorter than n just becomes empty


def printed_source(entry, lines):
    """The listing as printed: restored line breaks (checked) or the block without its common indent."""
    first, last = entry["lines"]
    printed = lines[first - 1:last]
    if entry["restored"]:
        with open(os.path.join(HERE, entry["restored"]), encoding="utf-8") as f:
            text = f.read()
        if squeeze(text) != squeeze("\n".join(printed)):
            sys.exit(f"{entry['restored']} differs from the note's lines {first}-{last} in more than whitespace")
        return text
    return "\n".join(strip_common_indent(printed)) + "\n"


def apply_fix(entry, source, pairs=None):
    replace = entry["fix"]["replace"] if pairs is None else entry["fix"]["replace"][:pairs]
    for old, new in replace:
        if source.count(old) != 1:
            sys.exit(f"{entry['id']}: fix text {old!r} occurs {source.count(old)} times, not once")
        source = source.replace(old, new)
    if entry["mode"] == "lines" and any(old.count("\n") != new.count("\n") for old, new in replace):
        sys.exit(f"{entry['id']}: a fix in lines mode must keep the lines, so they keep their note line numbers")
    return source


def printed_output(entry, lines):
    """The note's printed output; note 001's loss traces get back the line breaks the copy lost."""
    if not entry["output"]:
        return None
    first, last = entry["output"]
    text = "\n".join(lines[first - 1:last])
    if entry["note"] == "001":
        marker = "Loss after iteration"
        restored = text.replace(" " + marker, "\n" + marker)
        if squeeze(restored) != squeeze(text):
            sys.exit(f"{entry['id']}: restoring the output's line breaks changed more than whitespace")
        text = restored
    return text


def uses_ipython(source):
    return any(l.lstrip().startswith(("%", "!")) for l in source.split("\n"))


# ---------------------------------------------------------------- running one job in a subprocess

def run_job(pieces):
    """Run pieces (needs, the listing, maybe a probe) in one fresh python3 and return their results."""
    with tempfile.TemporaryDirectory() as work:
        job = os.path.join(work, "job.json")
        result = os.path.join(work, "result.json")
        with open(job, "w", encoding="utf-8") as f:
            json.dump(pieces, f, ensure_ascii=False)
        env = dict(os.environ, MPLBACKEND="Agg", PYTHONHASHSEED="0", OPENBLAS_NUM_THREADS="1",
                   OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", IPYTHONDIR=os.path.join(work, "ipython"),
                   PYTHONDONTWRITEBYTECODE="1")
        try:
            proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--job", job, result],
                                  cwd=work, env=env, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return None
        if proc.returncode != 0 or not os.path.exists(result):
            sys.exit(f"the job runner itself failed:\n{proc.stderr}")
        with open(result, encoding="utf-8") as f:
            return json.load(f)


def job_main(job, result):
    """Inside the subprocess: execute each piece in one namespace, in order, stopping at a failure."""
    with open(job, encoding="utf-8") as f:
        pieces = json.load(f)
    shell = None
    if any(p["ipython"] for p in pieces):
        from IPython.core.interactiveshell import InteractiveShell
        from traitlets.config import Config

        class Kernelish(InteractiveShell):
            def enable_gui(self, gui=None):  # the inline backend needs no event loop
                pass

        config = Config()
        config.HistoryManager.enabled = False
        shell = Kernelish.instance(config=config)
        namespace = shell.user_ns
        namespace["__name__"] = "__main__"
    else:
        namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    results = []
    for piece in pieces:
        source = shell.transform_cell(piece["source"]) if piece["ipython"] else piece["source"]
        if piece["mode"] == "lines":
            outcome = run_lines(source, piece["name"], namespace)
        else:
            outcome = run_source(source, piece["name"], namespace)
        results.append(outcome)
        if not outcome["runs"] and piece["mode"] != "lines":
            break
    with open(result, "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False)


def run_source(source, name, namespace):
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(source, name, "exec"), namespace)
    except BaseException as error:  # SystemExit included: a listing must not end the runner
        return {"runs": False, "exception": last_line(error), "line": where(error, name), "stdout": out.getvalue()}
    return {"runs": True, "exception": None, "line": None, "stdout": out.getvalue()}


def run_lines(source, name, namespace):
    statements, out = [], io.StringIO()
    for index, code in enumerate(source.split("\n")):
        if not code.strip():
            continue
        try:
            with contextlib.redirect_stdout(out):
                exec(compile(code, name, "exec"), namespace)
            statements.append({"index": index, "code": code, "runs": True, "exception": None})
        except BaseException as error:
            statements.append({"index": index, "code": code, "runs": False, "exception": last_line(error)})
    failed = [s for s in statements if not s["runs"]]
    return {"runs": not failed, "exception": failed[0]["exception"] if failed else None,
            "line": failed[0]["index"] + 1 if failed else None, "stdout": out.getvalue(),
            "statements": statements}


def last_line(error):
    """Python's last traceback line, `Type: message`; only its first line when the message has several
    (NumPy's np.int error appends a page of advice)."""
    return traceback.format_exception_only(type(error), error)[-1].strip().split("\n")[0]


def where(error, name):
    if isinstance(error, SyntaxError) and error.filename == name:
        return error.lineno
    line = None
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename == name:
            line = lineno
    return line


# ---------------------------------------------------------------- one listing's record

def piece(name, source, mode="script"):
    return {"name": name, "source": source, "mode": mode, "ipython": uses_ipython(source)}


def outcome_of(results, count_needs, need_ids, entry, first_line):
    """The listing's result from a job's results, or the failure of the need that stopped it."""
    if results is None:
        return {"runs": False, "exception": f"timeout after {TIMEOUT} s", "line": None, "stdout": ""}
    if len(results) <= count_needs:
        failed = results[-1]
        return {"runs": False, "exception": failed["exception"], "line": failed["line"], "stdout": "",
                "failedIn": need_ids[len(results) - 1]}
    outcome = dict(results[count_needs])
    if "statements" in outcome:
        outcome["statements"] = [{"line": first_line + s["index"], "code": s["code"], "runs": s["runs"],
                                  "exception": s["exception"]} for s in outcome["statements"]]
    return outcome


def probe_of(results, count_needs):
    if results is None or len(results) <= count_needs + 1:
        return None
    return results[count_needs + 1]


def record(entry, lines, by_id, sources):
    first, last = entry["lines"]
    printed = lines[first - 1:last]
    first_line = next(l for l in printed if l.strip()).strip()
    rec = {"id": entry["id"], "note": entry["note"], "lines": entry["lines"], "language": entry["language"],
           "needs": entry["needs"], "needsFixed": [], "first_line": first_line, "output": entry["output"]}
    if entry["language"] != "python":
        rec.update({"asPrinted": None, "printedOutput": printed_output(entry, lines), "restored": False,
                    "fix": None, "fixed": None, "mode": entry["mode"]})
        return rec
    needs, need_ids = [], []
    for need in entry["needs"]:
        other = by_id[need]
        source = sources[need]
        if other["fix"]:
            source = apply_fix(other, source)
            rec["needsFixed"].append(need)
        needs.append(piece(need, source, other["mode"]))
        need_ids.append(need)
    printed_src = sources[entry["id"]]
    probe = entry.get("probe")
    probe_pieces = [piece("probe", probe["code"])] if probe else []
    listing = entry["id"] + (".py" if entry["restored"] else "")

    as_printed = run_job(needs + [piece(listing, printed_src, entry["mode"])] + probe_pieces)
    fixed = None
    if entry["fix"]:
        fixed = run_job(needs + [piece(listing, apply_fix(entry, printed_src), entry["mode"])] + probe_pieces)
    rec["ipython"] = uses_ipython(printed_src)
    rec["asPrinted"] = outcome_of(as_printed, len(needs), need_ids, entry, first)
    rec["printedOutput"] = printed_output(entry, lines)
    rec["restored"] = bool(entry["restored"])
    rec["fix"] = entry["fix"]
    rec["fixed"] = outcome_of(fixed, len(needs), need_ids, entry, first) if entry["fix"] else None
    rec["mode"] = entry["mode"]
    if probe:
        rec["probe"] = {"code": probe["code"], "why": probe["why"],
                        "afterAsPrinted": probe_of(as_printed, len(needs)),
                        "afterFixed": probe_of(fixed, len(needs)) if entry["fix"] else None}
        if "partialFix" in probe:
            k = probe["partialFix"]
            partial = run_job(needs + [piece(listing, apply_fix(entry, printed_src, k), entry["mode"])]
                              + probe_pieces)
            rec["probe"]["afterPartialFix"] = {"pairs": k,
                                               "listing": outcome_of(partial, len(needs), need_ids, entry, first),
                                               "probe": probe_of(partial, len(needs))}
    return rec


def check_needs(entries, by_id):
    """Needs come earlier in the same note, in line order, and include the needs of each need."""
    for entry in entries:
        ids = entry["needs"]
        for position, need in enumerate(ids):
            other = by_id.get(need)
            if other is None or other["note"] != entry["note"] or other["lines"][0] >= entry["lines"][0]:
                sys.exit(f"{entry['id']}: need {need} is not an earlier listing of the same note")
            if any(n not in ids[:position] for n in other["needs"]):
                sys.exit(f"{entry['id']}: need {need} needs {other['needs']}, not all listed before it")
        if [by_id[n]["lines"][0] for n in ids] != sorted(by_id[n]["lines"][0] for n in ids):
            sys.exit(f"{entry['id']}: needs are not in line order")


def main():
    beside = os.path.join(HERE, "..", "..", "..", "..", "shared", "seeds")
    seeds = sys.argv[1] if len(sys.argv) == 2 else os.path.normpath(beside)
    with open(os.path.join(HERE, "listings.json"), encoding="utf-8") as f:
        entries = json.load(f)["listings"]
    entries.sort(key=lambda e: (e["note"], e["lines"][0]))
    by_id = {e["id"]: e for e in entries}
    for e in entries:
        if e["id"] != f"listing-{e['note']}-{e['lines'][0]}":
            sys.exit(f"{e['id']}: ids are listing-<note>-<first line>")
    check_needs(entries, by_id)
    notes = {n: note_lines(seeds, n) for n in sorted({e["note"] for e in entries} | {"000", "001", "002", "003", "004"})}
    sources = {e["id"]: printed_source(e, notes[e["note"]][1]) for e in entries}
    with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
        records = list(pool.map(lambda e: record(e, notes[e["note"]][1], by_id, sources), entries))
    output = {"generator": "Tests/Fixtures/NotesCode/generate.py", "python": platform.python_version(),
              "numpy": metadata.version("numpy"), "matplotlib": metadata.version("matplotlib"),
              "sklearn": metadata.version("scikit-learn"), "ipython": metadata.version("ipython"),
              "notes": {n: name for n, (name, _) in notes.items()}, "listings": records}
    with open(os.path.join(HERE, "runs.json"), "w", encoding="utf-8") as f:
        json.dump(output, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("wrote runs.json:", len(records), "listings")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--job":
        job_main(sys.argv[2], sys.argv[3])
    else:
        main()
