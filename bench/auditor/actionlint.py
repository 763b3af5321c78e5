"""actionlint's syntax checks beside tokenwarden-audit, on the same workflows (used by bench/auditor-vs-zizmor.sh).

actionlint is a linter, not a security scanner: most of what it reports (unknown keys, wrong types, bad
`needs:`, expressions that cannot type-check) tokenwarden does not look for. This prints, per actionlint
check kind, its errors and the files they are in, and for those files what the auditor did: could not read
them (an entry in the report's `errors`), or read them and reported findings at medium or higher; and how
many of the files are from each part of the corpus (real: from PyPI sdists; generated; fixtures: the auditor's
own rule fixtures, some malformed on purpose). Usage: actionlint.py AUDITOR_JSON ACTIONLINT_JSON_LINES
(file paths in both relative to the compared folder)
"""
import json
import os
import sys
from collections import defaultdict

RANK = {"info": 1, "low": 2, "medium": 3, "high": 4, "critical": 5}


def actionlint_errors(path):
    by_kind = defaultdict(lambda: {"errors": 0, "files": set()})
    with open(path) as lines:
        for line in lines:
            line = line.strip()
            if not line.startswith("["):
                continue
            for error in json.loads(line):
                file = os.path.normpath(error["filepath"])
                by_kind[error["kind"]]["errors"] += 1
                by_kind[error["kind"]]["files"].add(file)
    return by_kind


def auditor_view(path):
    report = json.load(open(path))
    unreadable = {error.get("file") for error in report.get("errors", [])}
    flagged = {f["file"] for f in report["findings"] if RANK.get(f["severity"], 0) >= RANK["medium"]}
    return unreadable, flagged


def parts(files):
    count = defaultdict(int)
    for file in files:
        count[file.split(os.sep)[0]] += 1
    return "/".join(str(count[part]) for part in ("real", "generated", "fixtures"))


def main():
    auditor_json, actionlint_json = sys.argv[1:3]
    by_kind = actionlint_errors(actionlint_json)
    unreadable, flagged = auditor_view(auditor_json)
    every_file = set().union(*(k["files"] for k in by_kind.values())) if by_kind else set()
    row = "%-20s %7s %6s %22s %20s %23s"
    print(row % ("actionlint kind", "errors", "files", "real/generated/fixtures", "auditor: unreadable", "auditor: medium+ there"))
    for kind, seen in sorted(by_kind.items(), key=lambda item: -item[1]["errors"]):
        files = seen["files"]
        print(row % (kind, seen["errors"], len(files), parts(files), len(files & unreadable), len(files & flagged)))
    print(row % ("any", sum(k["errors"] for k in by_kind.values()), len(every_file), parts(every_file),
                 len(every_file & unreadable), len(every_file & flagged)))
    only_auditor = unreadable - every_file
    if only_auditor:
        print("files the auditor could not read and actionlint did not fault: " + ", ".join(sorted(only_auditor)))


if __name__ == "__main__":
    main()
