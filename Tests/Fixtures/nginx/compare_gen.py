#!/usr/bin/env python3
"""Scores `cipherlint scan` on a gen_nginx.py tree against its expected.json.

    python3 ../shared/bench/gen_nginx.py 80 --seed 5 -o /tmp/ng
    python3 Tests/Fixtures/nginx/compare_gen.py /tmp/ng [--nginx-version 1.22.1]

Maps policy ids to the generator's categories and compares (category, source file, source
line); without a version, missing_ssl_protocols is reported as `unknown` and not counted.
"""
import json, sys, collections, subprocess
M = {"nginx-tls-protocols-secure": "weak_ssl_protocols", "nginx-tls-ciphers-no-weak": "weak_ssl_ciphers",
     "nginx-hsts-enabled": "missing_hsts", "nginx-hsts-max-age": "hsts_short_max_age",
     "nginx-hsts-kept-in-locations": "hsts_dropped_in_location", "nginx-http-redirects-to-https": "http_serves_content",
     "nginx-http-server-has-tls": "http_serves_content"}
root = sys.argv[1]; extra_args = sys.argv[2:]
exp = json.load(open(root + ".expected.json"))
want = collections.Counter()
for cat, vs in exp["violations"].items():
    for v in vs:
        if cat == "missing_ssl_protocols" and not extra_args: continue  # unknown without a version
        c = "weak_ssl_protocols" if cat == "missing_ssl_protocols" else cat
        want[(c, v["source_file"], v["source_line"])] += 1
p = subprocess.run(["swift", "run", "-q", "cipherlint", "scan", root, "--format", "sarif"] + extra_args, capture_output=True, text=True, cwd=__import__("os").path.dirname(__import__("os").path.abspath(__file__)) + "/../../..")
d = json.loads(p.stdout)
got = collections.Counter(); other = collections.Counter()
for run in d["runs"]:
    for r in run["results"]:
        l = r["locations"][0]["physicalLocation"]
        f = l["artifactLocation"]["uri"].replace("file://", ""); f = f[len(root)+1:] if f.startswith(root + "/") else f.lstrip("/")
        f = f.replace(root.lstrip("/") + "/", "")
        if r["ruleId"] in M: got[(M[r["ruleId"]], f, l["region"]["startLine"])] += 1
        else: other[r["ruleId"]] += 1
missed = want - got; extra = got - want
print(root, extra_args, "expected", sum(want.values()), "found", sum(got.values()), "missed", sum(missed.values()), "extra", sum(extra.values()), "other", dict(other))
for k in sorted(missed)[:10]: print("  MISSED", k)
for k in sorted(extra)[:10]: print("  EXTRA", k)
print(p.stderr[:500])
