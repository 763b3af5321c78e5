"""actionlint's syntax checks beside tokenwarden-audit, on the same workflows (used by bench/auditor-vs-zizmor.sh).

actionlint is a linter, not a security scanner: most of what it reports (unknown keys, wrong types, bad
`needs:`, expressions that cannot type-check) tokenwarden does not look for. This prints, per actionlint
check kind, its errors and the files they are in, and for those files what the auditor did: could not read
them (an entry in the report's `errors`), or read them and reported findings at medium or higher. Usage:
actionlint.py AUDITOR_JSON ACTIONLINT_JSON_LINES COMPARED_ROOT
"""
import json
import os
import sys
from collections import defaultdict

RANK = {"info": 1, "low": 2, "medium": 3, "high": 4, "critical": 5}


def actionlint_errors(path, root):
    by_kind = defaultdict(lambda: {"errors": 0, "files": set()})
    with open(path) as lines:
        for line in lines:
            line = line.strip()
            if not line.startswith("["):
                continue
            for error in json.loads(line):
                file = os.path.relpath(os.path.abspath(error["filepath"]), root)
                by_kind[error["kind"]]["errors"] += 1
                by_kind[error["kind"]]["files"].add(file)
    return by_kind


def auditor_view(path):
    report = json.load(open(path))
    unreadable = {error.get("file") for error in report.get("errors", [])}
    flagged = {f["file"] for f in report["findings"] if RANK.get(f["severity"], 0) >= RANK["medium"]}
    return unreadable, flagged


def main():
    auditor_json, actionlint_json, root = sys.argv[1:4]
    by_kind = actionlint_errors(actionlint_json, root)
    unreadable, flagged = auditor_view(auditor_json)
    every_file = set().union(*(k["files"] for k in by_kind.values())) if by_kind else set()
    print("%-22s %7s %6s %22s %22s" % ("actionlint kind", "errors", "files", "auditor: unreadable", "auditor: medium+ there"))
    for kind, seen in sorted(by_kind.items(), key=lambda item: -item[1]["errors"]):
        files = seen["files"]
        print("%-22s %7d %6d %22d %22d" % (kind, seen["errors"], len(files), len(files & unreadable), len(files & flagged)))
    print("%-22s %7d %6d %22d %22d" % ("any", sum(k["errors"] for k in by_kind.values()), len(every_file),
                                       len(every_file & unreadable), len(every_file & flagged)))
    only_auditor = unreadable - every_file
    if only_auditor:
        print("files the auditor could not read and actionlint did not fault: " + ", ".join(sorted(only_auditor)))


if __name__ == "__main__":
    main()
