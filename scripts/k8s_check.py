#!/usr/bin/env python3
"""Checks of the rendered Kubernetes manifests (k8s/), run by scripts/test.d/80-kubernetes.sh.

No cluster runs here, so these read the YAML that `kubectl kustomize` renders and assert what the
issue requires of it; `indexed-job` goes further and *runs* the generate Job's own command, read
from the manifest, once per completion index, the way the Job's pods would.

usage: k8s_check.py structure RENDERED.yaml
       k8s_check.py indexed-job RENDERED.yaml BIN_DIR WORK_DIR [--scale S]
         (runs the Indexed Job's command for JOB_COMPLETION_INDEX = 0..N-1 concurrently into one
          folder, then `promptsales verify`, then compares every table, rows in order, with a
          single-process `promptsales generate`; --scale overrides SCALE, for the big overlay)
       k8s_check.py script RENDERED.yaml KIND NAME [ENV_VAR]
         (prints a Job's or CronJob's shell script — or one literal env value — for the step to
          run against a real server)
       k8s_check.py mutants RENDERED.yaml
         (breaks a copy of the manifests in each way the structure check guards against and
          asserts that every breach is reported: the check can fail)
       k8s_check.py probe RENDERED.yaml KIND NAME
         (prints a workload's `sh -c` readiness probe)
       k8s_check.py checkov CHECKOV.json
         (no failed check; every skip carries a justification)
"""

import contextlib
import copy
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

# The databases and processes the issue names, each its own workload.
DATABASES = ["postgres", "redis", "mongo", "mssql-ads", "mssql-crm", "mssql-certdemo"]
PROCESSES = ["mcp-content", "mcp-sales", "n8n"]
# Seeds: "backups automáticos diarios y retención mínima de 30 días".
RETENTION_DAYS = "30"

FAILURES = []


def check(cond, message):
    if not cond:
        FAILURES.append(message)
    return cond


def load(path):
    docs = [d for d in yaml.safe_load_all(Path(path).read_text()) if d]
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)
    return docs, by_kind


def name(obj):
    return obj["metadata"]["name"]


def pod_spec(obj):
    if obj["kind"] == "CronJob":
        return obj["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return obj["spec"]["template"]["spec"]


def pod_labels(obj):
    if obj["kind"] == "CronJob":
        return obj["spec"]["jobTemplate"]["spec"]["template"]["metadata"].get("labels", {})
    return obj["spec"]["template"]["metadata"].get("labels", {})


def selects(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


WORKLOAD_KINDS = ["Deployment", "StatefulSet", "Job", "CronJob"]


def structure(path):
    docs, kinds = load(path)
    workloads = [d for k in WORKLOAD_KINDS for d in kinds.get(k, [])]
    print(f"  {len(docs)} objects, {len(workloads)} workloads")

    # One workload per database and per process.
    sts = {name(d): d for d in kinds.get("StatefulSet", [])}
    deps = {name(d): d for d in kinds.get("Deployment", [])}
    for db in DATABASES:
        if check(db in sts, f"no StatefulSet for database {db}"):
            s = sts[db]
            check(s["spec"].get("volumeClaimTemplates"), f"{db}: no PersistentVolumeClaim template")
            aff = pod_spec(s).get("affinity", {}).get("podAntiAffinity")
            check(aff, f"{db}: no pod anti-affinity")
            tls = [v for v in pod_spec(s).get("volumes", [])
                   if v.get("secret", {}).get("secretName", "").startswith("promptsales-tls-")]
            check(tls, f"{db}: no TLS material mounted from a Secret")
    for p in PROCESSES:
        check(p in deps, f"no Deployment for process {p}")
    check(len(sts) == len(DATABASES), f"unexpected StatefulSets: {sorted(set(sts) - set(DATABASES))}")

    # Every container: requests and limits; non-root; no privilege; read-only root; no capabilities.
    # Long-running containers (Deployments, StatefulSets) also have liveness and readiness probes;
    # Kubernetes allows no probes on init containers, and Job pods run to completion.
    n_containers = 0
    for w in workloads:
        spec = pod_spec(w)
        psc = spec.get("securityContext", {})
        wname = f"{w['kind']}/{name(w)}"
        check(psc.get("runAsNonRoot") is True, f"{wname}: pod runAsNonRoot is not true")
        check(psc.get("runAsUser", 0) >= 10000, f"{wname}: pod runAsUser is not a high non-root UID")
        check(psc.get("seccompProfile", {}).get("type") == "RuntimeDefault", f"{wname}: no RuntimeDefault seccomp")
        check(spec.get("automountServiceAccountToken") is False, f"{wname}: service account token mounted")
        check(spec.get("serviceAccountName") not in (None, "default"), f"{wname}: default service account")
        for kind, cs in (("container", spec.get("containers", [])), ("init container", spec.get("initContainers", []))):
            for c in cs:
                n_containers += 1
                cname = f"{wname} {kind} {c['name']}"
                res = c.get("resources", {})
                for part in ("requests", "limits"):
                    for r in ("cpu", "memory"):
                        check(r in res.get(part, {}), f"{cname}: no {part}.{r}")
                sc = c.get("securityContext", {})
                check(sc.get("runAsNonRoot", psc.get("runAsNonRoot")) is True, f"{cname}: may run as root")
                check(sc.get("runAsUser", psc.get("runAsUser", 0)) != 0, f"{cname}: runs as UID 0")
                check(sc.get("allowPrivilegeEscalation") is False, f"{cname}: privilege escalation allowed")
                check(sc.get("readOnlyRootFilesystem") is True, f"{cname}: writable root filesystem")
                check(sc.get("capabilities", {}).get("drop") == ["ALL"], f"{cname}: capabilities not all dropped")
                check(not sc.get("privileged"), f"{cname}: privileged")
                check(":" in c["image"] and not c["image"].endswith(":latest"), f"{cname}: image tag not pinned")
                if w["kind"] in ("Deployment", "StatefulSet") and kind == "container":
                    check("livenessProbe" in c, f"{cname}: no liveness probe")
                    check("readinessProbe" in c, f"{cname}: no readiness probe")
    print(f"  {n_containers} containers checked (resources, non-root, read-only root, capabilities; probes on long-running ones)")

    # Every Deployment that serves (a Service selects it) has an HPA and a PDB. The one exception
    # must say why (annotation) and stay at one replica.
    services = kinds.get("Service", [])
    hpas = kinds.get("HorizontalPodAutoscaler", [])
    pdbs = kinds.get("PodDisruptionBudget", [])
    serving = [d for d in deps.values() if any(selects(s["spec"].get("selector"), pod_labels(d)) for s in services)]
    check({name(d) for d in serving} >= {"mcp-content", "mcp-sales", "n8n"}, "MCP servers or n8n not behind a Service")
    for d in serving:
        dn = name(d)
        hpa = [h for h in hpas if h["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": dn}]
        pdb = [p for p in pdbs if selects(p["spec"]["selector"].get("matchLabels"), pod_labels(d))]
        check(len(pdb) == 1, f"Deployment {dn} serves but has {len(pdb)} PodDisruptionBudgets")
        singleton = d["metadata"].get("annotations", {}).get("promptsales.io/singleton", "").strip()
        if singleton:
            check(dn == "n8n" and d["spec"]["replicas"] == 1 and not hpa,
                  f"{dn}: only n8n's main instance is a documented singleton")
            continue
        if check(len(hpa) == 1, f"Deployment {dn} serves but has {len(hpa)} HPAs"):
            h = hpa[0]
            check(h["apiVersion"] == "autoscaling/v2", f"HPA {dn}: not autoscaling/v2")
            check(h["spec"]["minReplicas"] <= h["spec"]["maxReplicas"], f"HPA {dn}: min > max")
            metrics = h["spec"]["metrics"]
            res = {m["resource"]["name"] for m in metrics if m["type"] == "Resource"}
            check({"cpu", "memory"} <= res, f"HPA {dn}: not on CPU and memory")
            if dn.startswith("mcp-"):
                check(any(m["type"] in ("Pods", "Object") for m in metrics), f"HPA {dn}: no requests metric")
    print(f"  serving Deployments: {sorted(name(d) for d in serving)} — each with an HPA (or a documented singleton) and a PDB")

    # A daily backup CronJob per database, kept 30 days, allowed through the network policies.
    crons = {name(c): c for c in kinds.get("CronJob", [])}
    for db in DATABASES:
        c = crons.get(f"backup-{db}")
        if not check(c is not None, f"no backup CronJob for {db}"):
            continue
        fields = c["spec"]["schedule"].split()
        check(len(fields) == 5 and fields[0].isdigit() and fields[1].isdigit() and fields[2:] == ["*", "*", "*"],
              f"backup-{db}: schedule '{c['spec']['schedule']}' is not once a day")
        ctr = pod_spec(c)["containers"][0]
        env = {e["name"]: e.get("value") for e in ctr.get("env", [])}
        check(env.get("BACKUP_RETENTION_DAYS") == RETENTION_DAYS, f"backup-{db}: retention is not {RETENTION_DAYS} days")
        script = " ".join(ctr.get("command", []) + ctr.get("args", []))
        check("$BACKUP_RETENTION_DAYS" in script, f"backup-{db}: the script does not apply the retention")
        check(c["spec"].get("concurrencyPolicy") == "Forbid", f"backup-{db}: overlapping runs allowed")
        check(pod_labels(c).get(f"promptsales.io/access-{db}") == "true", f"backup-{db}: network policy does not let it reach {db}")
    print(f"  backup CronJobs: {sorted(crons)} (daily, {RETENTION_DAYS}-day retention)")

    # No literal secret: no Secret objects, no credential values in env or ConfigMaps, no URL
    # with a password anywhere in the rendered text.
    check("Secret" not in kinds, "a Secret object is committed")
    cred = re.compile(r"(PASSWORD|SECRET|TOKEN|API_KEY|ENCRYPTION_KEY)$", re.I)
    for w in workloads:
        spec = pod_spec(w)
        for c in spec.get("containers", []) + spec.get("initContainers", []):
            for e in c.get("env", []):
                check(not (cred.search(e["name"]) and "value" in e), f"{name(w)}: literal credential in env {e['name']}")
    for cm in kinds.get("ConfigMap", []):
        for k, v in (cm.get("data") or {}).items():
            check(not cred.search(k), f"ConfigMap {name(cm)}: credential key {k}")
    text = Path(path).read_text()
    check(not re.search(r"[a-z]+://[^/\s:@$]+:[^@\s/$]+@", text), "a URL with a password is in the manifests")
    check(not re.search(r"-----BEGIN [A-Z ]*PRIVATE KEY", text), "a private key is in the manifests")

    # Network policies: default deny, then per-database ingress that admits the access label.
    nps = {name(n): n for n in kinds.get("NetworkPolicy", [])}
    deny = [n for n in nps.values() if n["spec"]["podSelector"] == {} and set(n["spec"]["policyTypes"]) == {"Ingress", "Egress"}
            and not n["spec"].get("ingress") and not n["spec"].get("egress")]
    check(deny, "no default-deny NetworkPolicy")
    for db in DATABASES:
        pol = nps.get(f"{db}-ingress")
        if check(pol is not None, f"no ingress policy for {db}"):
            froms = [f.get("podSelector", {}).get("matchLabels", {}) for r in pol["spec"]["ingress"] for f in r["from"]]
            check({f"promptsales.io/access-{db}": "true"} in froms, f"{db}-ingress does not admit its access label")
    used = {k for w in workloads for k in pod_labels(w) if k.startswith("promptsales.io/access-")}
    for label in used:
        target = label.split("access-", 1)[1]
        check(any(n["spec"]["podSelector"].get("matchLabels", {}).get(label) == "true" and n["spec"].get("egress")
                  for n in nps.values() if "Egress" in n["spec"]["policyTypes"]),
              f"no egress policy for pods labelled {label} (to {target})")
    print(f"  {len(nps)} network policies: default deny + {len(used)} access labels, each with ingress and egress rules")

    # Namespace enforces the restricted Pod Security Standard.
    ns = kinds.get("Namespace", [{}])[0]
    check(ns.get("metadata", {}).get("labels", {}).get("pod-security.kubernetes.io/enforce") == "restricted",
          "namespace does not enforce the restricted Pod Security Standard")

    # The Indexed generate Job: N parts, N completions, N in parallel, part = index + 1.
    job, env = indexed_job(kinds)
    parts = int(env["PARTS"])
    check(job["spec"]["completions"] == parts == job["spec"]["parallelism"],
          f"generate Job: completions {job['spec']['completions']}, parallelism {job['spec']['parallelism']}, PARTS {parts} differ")
    script = job_script(job)
    check('--part "$((JOB_COMPLETION_INDEX + 1))"' in script and '--parts "$PARTS"' in script,
          "generate Job: --parts/--part not derived from PARTS and JOB_COMPLETION_INDEX")
    print(f"  Indexed Job {name(job)}: {parts} completions, parallelism {parts}, SCALE {env['SCALE']}")

    # Every Service selects a workload's pods.
    for s in services:
        check(any(selects(s["spec"].get("selector"), pod_labels(w)) for w in workloads), f"Service {name(s)} selects no pods")


def indexed_job(kinds):
    jobs = [j for j in kinds.get("Job", []) if j["spec"].get("completionMode") == "Indexed"]
    if len(jobs) != 1:
        sys.exit(f"FAIL: expected one Indexed Job, found {len(jobs)}")
    job = jobs[0]
    container = pod_spec(job)["containers"][0]
    env = {}
    for src in container.get("envFrom", []):
        cm_name = src["configMapRef"]["name"]
        cm = [c for c in kinds.get("ConfigMap", []) if name(c) == cm_name]
        if len(cm) != 1:
            sys.exit(f"FAIL: the Job's ConfigMap {cm_name} is not in the rendered manifests")
        env.update(cm[0]["data"])
    for e in container.get("env", []):
        env[e["name"]] = e["value"]
    return job, env


def job_script(job):
    c = pod_spec(job)["containers"][0]
    argv = c.get("command", []) + c.get("args", [])
    if argv[:2] != ["/bin/sh", "-c"] or len(argv) != 3:
        sys.exit(f"FAIL: {name(job)} does not run one /bin/sh -c script: {argv}")
    return argv[2]


def run_indexed_job(path, bin_dir, work, scale=None):
    _, kinds = load(path)
    job, env = indexed_job(kinds)
    script = job_script(job)
    parts = int(job["spec"]["completions"])
    work = Path(work)
    out = work / "parts"
    base_env = {**os.environ, **env, "PATH": f"{bin_dir}:{os.environ['PATH']}", "DATASET_DIR": str(out)}
    if scale is not None:
        base_env["SCALE"] = scale
    print(f"  {name(job)}: sh -c '{script}'")
    print(f"  SCALE={base_env['SCALE']} SEED={env['SEED']} STORES={env['STORES']} PARTS={parts}, DATASET_DIR -> {out}")
    # All indexes at once, like the Job's pods (parallelism = completions), into one folder.
    procs = []
    for index in range(parts):
        penv = {**base_env, "JOB_COMPLETION_INDEX": str(index)}
        procs.append(subprocess.Popen(["/bin/sh", "-c", script], env=penv,
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
    for index, p in enumerate(procs):
        text, _ = p.communicate()
        if p.returncode != 0:
            sys.exit(f"FAIL: index {index} exited {p.returncode}: {text.strip()}")
    manifests = sorted(out.glob("manifest.*.json"))
    if len(manifests) != parts:
        sys.exit(f"FAIL: {len(manifests)} part manifests for {parts} indexes")
    promptsales = str(Path(bin_dir) / "promptsales")
    v = subprocess.run([promptsales, "verify", str(out)], capture_output=True, text=True)
    if v.returncode != 0:
        sys.exit(f"FAIL: verify rejected the {parts}-part dataset:\n{v.stdout}{v.stderr}")
    print(f"  verify accepted the {parts}-part folder: {(v.stdout.strip().splitlines() or [''])[-1]}")
    single = work / "single"
    g = subprocess.run([promptsales, "generate", "--scale", base_env["SCALE"], "--seed", env["SEED"],
                        "--stores", env["STORES"], "--out", str(single), "--no-progress"],
                       capture_output=True, text=True)
    if g.returncode != 0:
        sys.exit(f"FAIL: single-process generate: {g.stderr}")
    compare(single, out, parts)


def compare(single, out, parts):
    import pyarrow as pa
    import pyarrow.parquet as pq

    whole = json.loads((single / "manifest.json").read_text())["tables"]
    part_manifests = [json.loads((out / f"manifest.{k}.json").read_text())["tables"] for k in range(1, parts + 1)]
    if not check(all(set(m) == set(whole) for m in part_manifests), "parts hold other tables than the single run"):
        return
    rows_total = 0
    for table, entry in sorted(whole.items()):
        files = [f["path"] for f in entry["files"] if f["path"].endswith(".parquet")]
        if not files:
            continue
        expected = pq.read_table(single / files[0])
        pieces = []
        for m in part_manifests:
            pieces += [pq.read_table(out / f["path"]) for f in m[table]["files"] if f["path"].endswith(".parquet")]
        got = pa.concat_tables(pieces) if pieces else None
        # Each part's Parquet file has its own string dictionaries, so compare decoded values.
        same = (got is not None and got.schema.equals(expected.schema)
                and decoded(got).equals(decoded(expected)))
        check(same, f"{table}: parts 1..{parts} concatenated differ from the single-process table "
                    f"({expected.num_rows} rows vs {got.num_rows if got is not None else 0})")
        check(expected.num_rows == entry["rows"], f"{table}: manifest says {entry['rows']} rows, file has {expected.num_rows}")
        rows_total += expected.num_rows
    check(rows_total > 0, "no rows compared")
    print(f"  {len(whole)} tables, {rows_total} rows: parts 1..{parts} in order equal the single-process run, row for row")


def decoded(table):
    import pyarrow as pa

    columns = []
    for col in table.columns:
        if pa.types.is_dictionary(col.type):
            col = pa.chunked_array([c.dictionary_decode() for c in col.chunks], col.type.value_type)
        columns.append(col)
    return pa.Table.from_arrays(columns, names=table.column_names)


def script(path, kind, obj_name, var=None):
    """Prints a Job's or CronJob's `sh -c` script, or (with var) one of its literal env values."""
    _, kinds = load(path)
    objs = [j for j in kinds.get(kind, []) if name(j) == obj_name]
    if len(objs) != 1:
        sys.exit(f"FAIL: no {kind} {obj_name}")
    obj = objs[0]
    if var is None:
        c = pod_spec(obj)["containers"][0]
        argv = c.get("command", []) + c.get("args", [])
        if argv[:2] != ["/bin/sh", "-c"] or len(argv) != 3:
            sys.exit(f"FAIL: {obj_name} does not run one /bin/sh -c script")
        print(argv[2])
    else:
        env = {e["name"]: e.get("value") for e in pod_spec(obj)["containers"][0].get("env", [])}
        if env.get(var) is None:
            sys.exit(f"FAIL: {obj_name} has no literal {var}")
        print(env[var])


def checkov(path):
    report = json.loads(Path(path).read_text())
    reports = report if isinstance(report, list) else [report]
    failed = passed = skipped = 0
    for r in reports:
        res = r.get("results", {})
        for f in res.get("failed_checks", []):
            check(False, f"checkov {f['check_id']} failed on {f.get('resource')}: {f.get('check_name')}")
        failed += len(res.get("failed_checks", []))
        # --quiet leaves the passed checks out of the results; the summary still counts them.
        passed += r.get("summary", {}).get("passed", len(res.get("passed_checks", [])))
        for s in res.get("skipped_checks", []):
            just = (s.get("check_result", {}).get("suppress_comment") or "").strip()
            check(len(just) >= 20, f"checkov skip {s['check_id']} on {s.get('resource')} has no justification")
            skipped += 1
    check(passed > 0, "checkov ran no check")
    print(f"  checkov: {passed} passed, {failed} failed, {skipped} skipped (each with a justification)")


def find(docs, kind, obj_name):
    return [d for d in docs if d["kind"] == kind and name(d) == obj_name][0]


def _drop_probe(docs):
    del pod_spec(find(docs, "StatefulSet", "postgres"))["containers"][0]["readinessProbe"]


def _root(docs):
    pod_spec(find(docs, "Deployment", "mcp-sales"))["containers"][0]["securityContext"]["runAsUser"] = 0


def _no_limits(docs):
    del pod_spec(find(docs, "CronJob", "backup-redis"))["containers"][0]["resources"]["limits"]


def _retention(docs):
    pod_spec(find(docs, "CronJob", "backup-mongo"))["containers"][0]["env"][0]["value"] = "7"


def _weekly(docs):
    find(docs, "CronJob", "backup-postgres")["spec"]["schedule"] = "0 2 * * 0"


def _no_hpa(docs):
    docs.remove(find(docs, "HorizontalPodAutoscaler", "mcp-content"))


def _no_pdb(docs):
    docs.remove(find(docs, "PodDisruptionBudget", "mcp-sales"))


def _literal_password(docs):
    pod_spec(find(docs, "StatefulSet", "mssql-crm"))["containers"][0]["env"].append(
        {"name": "MSSQL_SA_PASSWORD", "value": "Example-Only-1"})


def _url_password(docs):
    find(docs, "ConfigMap", "n8n-env")["data"]["EXTRA"] = "postgresql://app:hunter2@postgres:5432/db"


def _no_database(docs):
    docs.remove(find(docs, "StatefulSet", "mssql-certdemo"))


def _no_deny(docs):
    docs.remove(find(docs, "NetworkPolicy", "default-deny-all"))


def _parts_mismatch(docs):
    [j for j in docs if j["kind"] == "Job" and j["spec"].get("completionMode") == "Indexed"][0]["spec"]["parallelism"] += 1


def _writable_root(docs):
    pod_spec(find(docs, "StatefulSet", "mongo"))["initContainers"][0]["securityContext"]["readOnlyRootFilesystem"] = False


MUTANTS = [_drop_probe, _root, _no_limits, _retention, _weekly, _no_hpa, _no_pdb, _literal_password,
           _url_password, _no_database, _no_deny, _parts_mismatch, _writable_root]


def mutants(path, tmp_dir):
    original = [d for d in yaml.safe_load_all(Path(path).read_text()) if d]
    for mutate in MUTANTS:
        docs = copy.deepcopy(original)
        mutate(docs)
        broken = Path(tmp_dir) / f"mutant{mutate.__name__}.yaml"
        broken.write_text(yaml.safe_dump_all(docs, sort_keys=False))
        FAILURES.clear()
        with contextlib.redirect_stdout(io.StringIO()):
            structure(broken)
        caught = list(FAILURES)
        FAILURES.clear()
        check(caught, f"mutant {mutate.__name__[1:]} was not caught")
        if caught:
            print(f"  caught {mutate.__name__[1:]:<17} {caught[0]}")


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    cmd = argv[1]
    if cmd == "structure":
        structure(argv[2])
    elif cmd == "indexed-job":
        scale = None
        if "--scale" in argv:
            i = argv.index("--scale")
            scale = argv[i + 1]
            argv = argv[:i] + argv[i + 2:]
        run_indexed_job(argv[2], argv[3], argv[4], scale)
    elif cmd == "probe":
        _, kinds = load(argv[2])
        obj = [o for o in kinds.get(argv[3], []) if name(o) == argv[4]]
        argv_ = obj[0]["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["exec"]["command"] if obj else []
        if argv_[:2] != ["/bin/sh", "-c"]:
            sys.exit(f"FAIL: {argv[4]} has no /bin/sh -c readiness probe")
        print(argv_[2])
    elif cmd == "script":
        script(argv[2], argv[3], argv[4], argv[5] if len(argv) > 5 else None)
    elif cmd == "checkov":
        checkov(argv[2])
    elif cmd == "mutants":
        with tempfile.TemporaryDirectory() as tmp:
            mutants(argv[2], tmp)
    else:
        sys.exit(__doc__)
    if FAILURES:
        for f in FAILURES:
            print(f"FAIL: {f}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv)
