"""Per-concern comparison of tokenwarden-audit and zizmor on the same files (used by bench/auditor-vs-zizmor.sh).

Reads the auditor's JSON report (run with --persona auditor: every confidence, as zizmor's default persona
shows) and zizmor's JSON findings (one file per zizmor invocation), keeps the findings of both at medium
severity or higher, and prints per concern the
files flagged by both, by zizmor only and by the auditor only, and the auditor's share of zizmor's files.
A concern is a zizmor audit id; CONCERNS maps it to the auditor rules that look for the same thing.
"""
import json
import sys
from collections import defaultdict

# zizmor audit id -> auditor rule ids (an empty list: the auditor has no rule for it yet)
CONCERNS = {
    "template-injection": ["template-injection"],
    "dangerous-triggers": ["dangerous-triggers"],
    "github-env": ["untrusted-env-write"],
    "unpinned-images": ["unpinned-image"],
    "cache-poisoning": ["cache-poisoning"],
    "bot-conditions": ["spoofable-bot-actor"],
    "unsound-contains": ["bypassable-contains"],
    "artipacked": ["persisted-credentials"],
    "secrets-inherit": ["secrets-inherit"],
    "overprovisioned-secrets": ["secrets-tojson"],
    "hardcoded-container-credentials": ["hardcoded-container-credentials"],
    "self-hosted-runner": ["self-hosted-fork-runner"],
    "known-vulnerable-actions": ["known-vulnerable-action"],
    "insecure-commands": ["unsecure-commands"],
    "excessive-permissions": ["missing-permissions", "broad-permissions", "write-permissions"],
    "unpinned-uses": ["unpinned-uses"],
    "unredacted-secrets": ["secret-echo"],
    "unsound-condition": ["always-true-if"],
    "github-app": ["unscoped-app-token"],
    "use-trusted-publishing": [],
    "archived-uses": ["archived-action"],
}
RANK = {"unknown": 0, "informational": 1, "info": 1, "low": 2, "medium": 3, "high": 4, "critical": 5}


def zizmor_files(paths):
    flagged = defaultdict(set)
    for path in paths:
        try:
            findings = json.load(open(path))
        except (OSError, ValueError):
            continue
        for finding in findings:
            if finding.get("ignored") or RANK.get(finding["determinations"]["severity"].lower(), 0) < RANK["medium"]:
                continue
            for location in finding["locations"]:
                local = location["symbolic"]["key"].get("Local")
                if local and location["symbolic"]["kind"] == "Primary":
                    name = local.get("verbatim_path") or local.get("given_path")
                    flagged[finding["ident"]].add(name[2:] if name.startswith("./") else name)
    return flagged


def auditor_files(path):
    report = json.load(open(path))
    flagged = defaultdict(set)
    for finding in report["findings"]:
        if RANK[finding["severity"]] >= RANK["medium"]:
            flagged[finding["ruleId"]].add(finding["file"])
    return flagged, report["summary"]["files"], {e["file"] for e in report["errors"]}


def main():
    auditor_json, excluded_list, *zizmor_json = sys.argv[1:]
    excluded = {line.strip() for line in open(excluded_list) if line.strip()}
    zizmor = zizmor_files(zizmor_json)
    auditor, files, auditor_errors = auditor_files(auditor_json)

    def keep(names):
        return {n for n in names if not any(n == e or n.startswith(e + "/") for e in excluded) and n not in auditor_errors}

    print("%-33s %-52s %6s %8s %8s %8s %9s" % ("zizmor concern", "auditor rules", "both", "zizmor", "auditor",
                                              "zizmor", "auditor's"))
    print("%-33s %-52s %6s %8s %8s %8s %9s" % ("", "", "", "only", "only", "files", "share"))
    mapped_rules = set()
    for concern in sorted(set(CONCERNS) | set(zizmor)):
        rules = CONCERNS.get(concern, [])
        mapped_rules.update(rules)
        z = keep(zizmor.get(concern, set()))
        a = keep(set().union(*(auditor.get(r, set()) for r in rules))) if rules else set()
        share = "%.0f %%" % (100.0 * len(z & a) / len(z)) if z else "-"
        print("%-33s %-52s %6d %8d %8d %8d %9s" % (concern, ", ".join(rules) or "(no rule)", len(z & a), len(z - a),
                                                 len(a - z), len(z), share))
    others = sorted(set(auditor) - mapped_rules)
    if others:
        print("auditor rules with no zizmor concern (files): "
              + ", ".join("%s %d" % (r, len(keep(auditor[r]))) for r in others))
    print("files audited by the auditor: %d; left out of the comparison (zizmor or the auditor could not read them): %d"
          % (files, len(excluded) + len(auditor_errors)))


if __name__ == "__main__":
    main()
