#!/usr/bin/env python3
"""Checks the CI integrations as files: action.yml, the GitLab CI template and the pre-commit hook.

action.yml (a composite action) must never interpolate an expression into a shell script: no
`${{` inside any `run:` block (inputs reach bash through `env:` only); every input is used (via
an `env:` value, or a `with:`/`if:` of a `uses:` step), every input of the scan maps to a flag
that `cipherlint scan --help` knows, and every `$INPUT_*` variable a script reads is set in that
step's `env:`. The GitLab template must parse as YAML and publish the SAST and Code Quality
reports; .pre-commit-hooks.yaml must declare the cipherlint hook.

Run from the package root: scripts/check-integrations.py [CIPHERLINT-BINARY]. Without PyYAML it
prints "skipped" and exits 0.
"""
import re
import subprocess
import sys

try:
    import yaml
except ImportError:
    print("check-integrations: PyYAML not installed: skipped")
    sys.exit(0)

errors = []


def fail(message):
    errors.append(message)


def check_action(binary):
    with open("action.yml") as f:
        action = yaml.safe_load(f)
    inputs = action.get("inputs") or {}
    steps = (action.get("runs") or {}).get("steps") or []
    if (action.get("runs") or {}).get("using") != "composite":
        fail("action.yml: runs.using must be composite")
    used = set()
    expression = re.compile(r"\$\{\{(.*?)\}\}", re.S)
    for i, step in enumerate(steps):
        name = step.get("name", f"step {i + 1}")
        run = step.get("run")
        env = step.get("env") or {}
        if run is not None:
            if "${{" in run:
                fail(f"action.yml: '{name}': an expression is interpolated into its run script")
            if "inputs." in run and "${{" in run:
                fail(f"action.yml: '{name}': an input is interpolated into its run script")
            if step.get("shell") is None:
                fail(f"action.yml: '{name}': a composite run step needs `shell:`")
            for var in sorted(set(re.findall(r"\$\{?(INPUT_[A-Z0-9_]+)", run))):
                if var not in env:
                    fail(f"action.yml: '{name}': reads ${var} but its env: does not set it")
        for key, value in env.items():
            for m in expression.finditer(str(value)):
                for ref in re.findall(r"inputs\.([A-Za-z0-9_-]+)", m.group(1)):
                    used.add(ref)
                    expected = "INPUT_" + ref.upper().replace("-", "_")
                    if key != expected:
                        fail(f"action.yml: '{name}': env {key} holds inputs.{ref}; name it {expected}")
        if "uses" in step:
            for text in [str(step.get("if", ""))] + [str(v) for v in (step.get("with") or {}).values()]:
                used.update(re.findall(r"inputs\.([A-Za-z0-9_-]+)", text))
    for name in inputs:
        if name not in used:
            fail(f"action.yml: input '{name}' is never used (through env:, or with:/if: of a uses: step)")
    for name in used:
        if name not in inputs:
            fail(f"action.yml: inputs.{name} is used but not declared")
    # Every scan input is one flag of `cipherlint scan`, of the same name.
    not_flags = {"paths", "soft-fail", "upload-sarif", "sarif-file"}
    if binary:
        help_text = subprocess.run([binary, "scan", "--help"], capture_output=True, text=True).stdout
        for name in inputs:
            if name not in not_flags and f"--{name}" not in help_text:
                fail(f"action.yml: input '{name}' is not a flag of `cipherlint scan` (--{name})")
    run_action_scripts(steps)
    print(f"action.yml: {len(inputs)} inputs, {len(steps)} steps checked")


def run_action_scripts(steps):
    """Runs the Scan step's script with hostile inputs and a stub binary that records its
    arguments, and the Enforce step's script for each exit code and soft-fail setting."""
    import os
    import tempfile
    by_name = {s.get("name"): s for s in steps}
    scan, enforce = by_name.get("Scan"), by_name.get("Enforce the result")
    if not scan or not enforce:
        fail("action.yml: expected steps named 'Scan' and 'Enforce the result'")
        return
    with tempfile.TemporaryDirectory() as tmp:
        stub = os.path.join(tmp, "cipherlint")
        with open(stub, "w") as f:
            f.write('#!/usr/bin/env bash\nprintf "%s\\n" "$@" > "$ARGS_FILE"\nexit 1\n')
        os.chmod(stub, 0o755)
        out = os.path.join(tmp, "github_output")
        env = {k: "" for k in scan.get("env") or {}}
        env.update({
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "ARGS_FILE": os.path.join(tmp, "args"), "GITHUB_OUTPUT": out,
            "CIPHERLINT_BIN": stub, "INPUT_PATHS": "infra/plan.json\n\nk8s/my app\n--config=evil\n$(touch pwned)",
            "INPUT_FORMAT": "text", "INPUT_OUTPUT": "json=out.json\n", "INPUT_SKIP": "nginx-*; touch pwned",
            "INPUT_SARIF_FILE": "cipherlint.sarif", "INPUT_CATEGORY": "", "INPUT_SEVERITY_THRESHOLD": "high",
        })
        subprocess.run(["bash", "-c", scan["run"]], env=env, cwd=tmp, check=False)
        with open(os.path.join(tmp, "args")) as f:
            args = f.read().split("\n")[:-1]
        expected = ["scan", "--format", "text", "--output", "sarif=cipherlint.sarif", "--output", "json=out.json",
                    "--severity-threshold", "high", "--skip", "nginx-*; touch pwned", "--", "infra/plan.json", "k8s/my app",
                    "--config=evil", "$(touch pwned)"]
        if args != expected:
            fail(f"action.yml: the Scan step ran {args}, expected {expected}")
        if os.path.exists(os.path.join(tmp, "pwned")):
            fail("action.yml: an input was executed by the shell")
        with open(out) as f:
            if "exit-code=1" not in f.read():
                fail("action.yml: the Scan step does not record exit-code=1")
    for code, soft, expected in [("0", "false", 0), ("1", "false", 1), ("1", "true", 0), ("2", "true", 2), ("", "true", 2)]:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "EXIT_CODE": code, "INPUT_SOFT_FAIL": soft}
        got = subprocess.run(["bash", "-c", enforce["run"]], env=env, capture_output=True).returncode
        if got != expected:
            fail(f"action.yml: Enforce with exit code {code!r} and soft-fail {soft} exits {got}, expected {expected}")


def check_gitlab():
    path = "ci/gitlab/cipherlint.gitlab-ci.yml"
    with open(path) as f:
        doc = yaml.safe_load(f)
    job = doc.get("cipherlint")
    if not isinstance(job, dict):
        fail(f"{path}: no `cipherlint` job")
        return
    reports = (job.get("artifacts") or {}).get("reports") or {}
    if reports.get("sast") != "gl-sast-report.json" or reports.get("codequality") != "gl-code-quality-report.json":
        fail(f"{path}: artifacts.reports must publish sast and codequality")
    script = "\n".join(job.get("script") or [])
    for needle in ["--output gitlab-sast=gl-sast-report.json", "--output codequality=gl-code-quality-report.json",
                   "--output text=-"]:
        if needle not in script:
            fail(f"{path}: the script does not pass {needle}")
    if "$[[" in script or "${{" in script:
        fail(f"{path}: the script interpolates inputs")
    for var in ["CIPHERLINT_PATHS", "CIPHERLINT_SEVERITY_THRESHOLD"]:
        if var not in (doc.get("variables") or {}):
            fail(f"{path}: variable {var} is not declared")
    print(f"{path}: parses, publishes {sorted(reports)}")


def check_pre_commit():
    with open(".pre-commit-hooks.yaml") as f:
        hooks = yaml.safe_load(f)
    hook = next((h for h in hooks if h.get("id") == "cipherlint"), None)
    if hook is None:
        fail(".pre-commit-hooks.yaml: no hook with id cipherlint")
        return
    if hook.get("language") != "swift" or hook.get("entry") != "cipherlint scan":
        fail(".pre-commit-hooks.yaml: the hook must be `language: swift`, `entry: cipherlint scan`")
    files = re.compile(hook.get("files", "$^"))
    for name in ["plan.json", "infra/prod.tfplan", "k8s/web.yaml", "k8s/web.yml", "nginx.conf", "etc/nginx/conf.d/a.conf",
                 "etc/nginx/sites-available/shop", "etc/nginx/sites-enabled/shop"]:
        if not files.search(name):
            fail(f".pre-commit-hooks.yaml: files does not match {name}")
    for name in ["README.md", "main.go", "Sources/CLI/ScanCommand.swift"]:
        if files.search(name):
            fail(f".pre-commit-hooks.yaml: files matches {name}")
    print(".pre-commit-hooks.yaml: the cipherlint hook and its file patterns")


check_action(sys.argv[1] if len(sys.argv) > 1 else None)
check_gitlab()
check_pre_commit()
for e in errors:
    print(e)
print("integrations: " + ("ok" if not errors else f"{len(errors)} problems"))
sys.exit(1 if errors else 0)
