#!/usr/bin/env python3
"""Credential-shaped literals in the repository's tracked files (scripts/test.d/46-crm-sqlserver.sh).

Secrets come from environment variables or mounted files (STYLE.md); this check fails when a
tracked file holds something that looks like one instead:
  - a password literal: PASSWORD = '…' (T-SQL, SQL), password: "…" / password = "…" (YAML,
    JSON, TOML, code), @rmtpassword = N'…';
  - a private-key block (-----BEGIN … PRIVATE KEY-----);
  - a bearer token (Authorization: Bearer <20+ token characters>);
  - a connection string with an inline password (scheme://user:password@host, or
    ADO/ODBC style ...;Password=...;);
  - an AWS access key id (AKIA + 16).
A value is fine when it is a placeholder (a variable reference such as $(VAR), ${VAR}, $VAR,
%(name)s, {name}, <name>; an all-caps word such as PASSWORD; or an obvious mask such as ***),
or when it is on ALLOWED below, each with why.

Usage: secrets_check.py ROOT   (tracked files when ROOT is a git work tree, else every file)
Prints one line per finding (file:line: kind: the value masked) and exits 1 if there is any.
"""
import os
import re
import subprocess
import sys

# Literal values that are allowed, with why. Matched exactly against the captured value.
ALLOWED = {
    "S3cretPw": "fake password of the CLI error-path tests (45-sqlserver.sh, 40-postgres.sh, loaders' mssql URL tests), asserted never to be printed",
    "promptsales-test": "default password of the throwaway test PostgreSQL bound to 127.0.0.1 (scripts/lib/pg.sh), overridable by PG_TEST_PASSWORD",
    "s3cr3t": "fake password of the redaction unit test (loaders/src/common.rs)",
    "S3cr%40t": "fake %-encoded password of the URL-parsing unit test (loaders/src/mssql/mod.rs)",
    "S3%ZZ": "malformed %-escape of the URL-parsing unit test (loaders/src/mssql/mod.rs)",
    "pw": "URL-parsing unit test (loaders/src/mssql/mod.rs)",
    "p": "URL-parsing unit test (loaders/src/mssql/mod.rs)",
    "WrongSecret123": "the wrong password of the PostgreSQL auth-failure test (loaders/tests/postgres.rs)",
    "hunter2": "the planted URL of the k8s_check mutation test, which must be caught (scripts/k8s_check.py)",
    "right-pass-not-secret": "password of the throwaway MongoDB-protocol test server (60-content-live.sh)",
    "AKIAABCDEFGHIJKLMNOP": "fake key id in the content verifier's key-shape unit test (core/src/verify/content.rs)",
    "placeholder-not-a-secret": "placeholder password of the n8n credentials written only to render the canvas screenshot against a non-existent host (etl/n8n/screenshot.sh)",
    "correct-horse-battery-staple": "fake bearer token of the constant-time comparison unit test (mcp/tests/tools.rs)",
    "correct-horse-battery-stapl": "the truncated fake token the same unit test must refuse (mcp/tests/tools.rs)",
    "wrong-token-0123456789": "the wrong bearer token the MCP HTTP test sends to get a 401 (scripts/test.d/65-mcp.sh)",
}
# Files whose content is a list of findings on purpose (none yet). Paths relative to ROOT.
ALLOWED_FILES = set()

PLACEHOLDER = re.compile(
    r"""^(
        \$\([A-Za-z_][A-Za-z0-9_]*\)      # sqlcmd $(VAR)
      | \$\{[^}]+\}                       # ${VAR}, ${VAR:-…}
      | \$[A-Za-z_][A-Za-z0-9_]*          # $VAR
      | \$\(.*\)                          # $(command substitution)
      | %\([a-z_]+\)s | %s                # Python formatting
      | \{[A-Za-z_][A-Za-z0-9_.]*\}       # {name}
      | <[^>]+>                           # <password>
      | \[?[A-Z][A-Z0-9_]*\]?              # PASSWORD, USER_PASSWORD, [PASSWORD]
      | password                          # user:password@host in usage texts
      | \*+ | x+ | X+ | \.\.\.|…           # masks
    )$""",
    re.X,
)

PATTERNS = [
    ("password literal", re.compile(r"""(?i)\b(?:@rmt)?password\s*=\s*N?'([^'\n]*)'""")),
    ("password literal", re.compile(r"""(?i)["']?\b(?:password|passwd|pwd)["']?\s*[:=]\s*["']([^"'\n]+)["']""")),
    # A real block: the BEGIN line followed by base64 key material (a test string naming the
    # header alone, as the content verifier's unit test does, is not a key).
    # ADO.NET / ODBC / JDBC connection strings: ...;User Id=sa;Password=...; (unquoted).
    ("connection string with inline password", re.compile(r"""(?i)(?:^|[;"'\s])(?:password|pwd)\s*=\s*([^;'"\s]+)\s*;""")),
    ("private key block", re.compile(r"-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY)-----\s*$")),
    ("bearer token", re.compile(r"(?i)\bBearer\s+([A-Za-z0-9\-._~+/]{20,}=*)")),
    ("connection string with inline password",
     re.compile(r"""(?i)\b(?:postgres(?:ql)?|mssql|sqlserver|mongodb(?:\+srv)?|rediss?|mysql|amqps?|https?)://[^:/@\s'"`]+:([^@\s'"`]+)@""")),
    ("AWS access key id", re.compile(r"\b(AKIA[0-9A-Z]{16})\b")),
]


def files(root):
    if os.path.isdir(os.path.join(root, ".git")) or os.path.isfile(os.path.join(root, ".git")):
        out = subprocess.run(["git", "-C", root, "ls-files", "-z"], capture_output=True, check=True).stdout
        return [p for p in out.decode().split("\0") if p]
    found = []
    for d, dirs, names in os.walk(root):
        dirs[:] = [x for x in dirs if x not in (".git", "target")]
        found += [os.path.relpath(os.path.join(d, n), root) for n in names]
    return sorted(found)


def mask(value):
    return value[:2] + "…" if len(value) > 2 else "…"


def scan(root):
    findings = []
    for rel in files(root):
        if rel in ALLOWED_FILES:
            continue
        path = os.path.join(root, rel)
        try:
            with open(path, "rb") as f:
                data = f.read(2_000_000)
        except OSError:
            continue
        if b"\0" in data[:8192]:
            continue  # binary (images, Parquet)
        text = data.decode("utf-8", errors="replace")
        lines = text.splitlines()
        for number, line in enumerate(lines, 1):
            for kind, rx in PATTERNS:
                for m in rx.finditer(line):
                    value = m.group(1)
                    if kind == "private key block":
                        body = lines[number] if number < len(lines) else ""
                        if not re.fullmatch(r"[A-Za-z0-9+/=]{40,}|Proc-Type:.*", body.strip()):
                            continue
                    elif value in ALLOWED:
                        continue
                    elif kind in ("password literal", "connection string with inline password") and (
                            value == "" or PLACEHOLDER.match(value)):
                        continue
                    finding = f"{rel}:{number}: {kind}: {mask(value)}"
                    if finding not in findings:
                        findings.append(finding)
    return findings


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    findings = scan(root)
    for f in findings:
        print(f"FAIL {f}")
    if findings:
        sys.exit(1)
    print(f"secrets: {len(files(root))} files scanned, no credential-shaped literal ({len(ALLOWED)} allow-listed test values)")


if __name__ == "__main__":
    main()
