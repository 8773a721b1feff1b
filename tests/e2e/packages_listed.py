#!/usr/bin/python3
"""packages_listed.py — every command and Python module the test scripts use
comes from a Debian package that tools/setup-deps installs, or from a
package every Debian system has (priority "required", or essential).

    tests/e2e/packages_listed.py [--root DIR] [--verbose] [--without PKG]... [SCRIPT...]

Scripts scanned (default): under tests/, every *.sh, every *.py and every
executable file that starts with "#!", plus tools/setup-deps and every
tools/... script a scanned script names (tools used by the tests).

Shell scripts are read as bash (quotes, comments, $(...), <(...), heredocs,
pipelines, for/case/if, VAR=value prefixes, functions) to find the word in
command position; wrappers are looked through (env, exec, command -v,
timeout, setpriv, xargs, a local function called with "-- COMMAND..."). A
command given by a variable ("$PY", "${vg[@]}") is resolved when the script
assigns it a plain word (PY=/usr/bin/python3, cc=${CC:-cc}); other dynamic
commands (the program under test) and paths inside the repository are not
packages. Python code, in *.py files, in heredocs fed to python and in
`python3 -c '...'`, gives its imports (ast) and the commands it starts
through subprocess or shutil.which.

Each command is resolved in Debian's own folders (/usr/sbin, /usr/bin,
/sbin, /bin: not /usr/local, nor a user's PATH) and each module by Debian's
/usr/bin/python3; then `dpkg -S` names the package of the file (symbolic
links followed, as /usr/bin/cc -> /etc/alternatives/cc -> gcc-12's). The
package is accepted when it is in the lists (`tools/setup-deps --list`), is
pulled in by one of them (Depends and Pre-Depends, transitively, as apt
installs them without recommends), or is required/essential in Debian.
A bare command that this PATH finds elsewhere than Debian's folders (the
python3 of a user's pyenv) is a problem too: the script must name Debian's.
--without PKG takes PKG out of the lists (to see the check fail).
Prints one line per problem; exit status 1 when there is one.
"""
import ast
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys

DEBIAN_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"

BASH_BUILTINS = set("""
: . [ [[ ]] alias bg bind break builtin caller cd command compgen complete compopt continue
declare dirs disown echo enable eval exec exit export false fc fg getopts hash help history
jobs kill let local logout mapfile popd printf pushd pwd read readarray readonly return set
shift shopt source suspend test times trap true type typeset ulimit umask unalias unset wait
""".split())
KEYWORDS_CMD_NEXT = {"if", "then", "else", "elif", "do", "while", "until", "!", "time", "{", "}", "fi", "done"}
SEPARATORS = {";", ";;", "&", "&&", "||", "|", "|&", "(", ")", "\n"}
REDIRECTS = {">", ">>", "<", "<<<", ">&", "<&", "&>", "&>>", ">|", "<>"}
# wrappers: options to skip (those that take a value), then the command
WRAPPERS = {
    "env": {"-u", "--unset", "-C", "--chdir", "-S"},
    "exec": {"-a"},
    "nice": {"-n"},
    "nohup": set(),
    "timeout": {"-s", "--signal", "-k", "--kill-after"},
    "setpriv": set(),       # its options are all --opt=value or flags
    "xargs": {"-I", "-n", "-P", "-d", "-L", "-s", "-a", "-E"},
    "stdbuf": set(),
    "chroot": set(),
}
# Commands named by the scripts that no test runs, with the reason: the
# check accepts them without a package (keep this list short and honest).
NOT_RUN_BY_TESTS = {
    ("tools/geo/regenerate", "npm"): "stage 1 only (fetches from the npm registry); "
                                     "tests run --check-embed, which is offline",
}


class Found:
    """What the scripts use: command -> [where], module -> [where]."""

    def __init__(self):
        self.commands = {}
        self.modules = {}
        self.tools = []     # repository scripts named by the scanned ones

    def command(self, name, where):
        self.commands.setdefault(name, []).append(where)

    def module(self, name, where):
        self.modules.setdefault(name, []).append(where)


# ---------------------------------------------------------------- Python

def scan_python(code, where, found, local_dir):
    try:
        tree = ast.parse(code)
    except SyntaxError as e:
        found.command("<python invalide>", "%s (%s)" % (where, e))
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                add_module(a.name.split(".")[0], where, found, local_dir)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            add_module(node.module.split(".")[0], where, found, local_dir)
        elif isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if name in ("run", "Popen", "call", "check_call", "check_output", "which") and node.args:
                a = node.args[0]
                if isinstance(a, (ast.List, ast.Tuple)) and a.elts:
                    a = a.elts[0]
                if isinstance(a, ast.Constant) and isinstance(a.value, str):
                    cmd = a.value
                    if name != "which" and " " in cmd:
                        continue
                    if re.fullmatch(r"[A-Za-z0-9_.+/-]+", cmd):
                        found.command(cmd, where)


def add_module(name, where, found, local_dir):
    if local_dir and (os.path.exists(os.path.join(local_dir, name + ".py")) or
                      os.path.isdir(os.path.join(local_dir, name))):
        return      # the script's own helper module
    found.module(name, where)


# ---------------------------------------------------------------- shell

def strip_heredocs(text, where, found, local_dir):
    """Removes heredoc bodies (scanning those fed to Python) and joins
    continued lines."""
    text = text.replace("\\\n", " ")
    out, lines, i = [], text.split("\n"), 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1
        for m in re.finditer(r"<<-?\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\1", line):
            delim, body = m.group(2), []
            while i < len(lines) and lines[i].strip() != delim:
                body.append(lines[i])
                i += 1
            i += 1
            out.append("")
            if re.search(r"python|\$\{?(PY|py)\b", line) or delim.startswith("PY"):
                scan_python("\n".join(body), "%s (heredoc %s)" % (where, delim), found, local_dir)
    return "\n".join(out)


def flatten(text, subs):
    """Replaces $(...), `...`, <(...), >(...) by a plain word, each inner text
    appended to subs; $((...)) by 0; removes comments; newlines outside
    quotes become ';'."""
    out, i, n = [], 0, len(text)
    quote = None
    while i < n:
        c = text[i]
        if quote == "'":
            out.append(c)
            if c == "'":
                quote = None
            i += 1
            continue
        if c == "\\" and i + 1 < n:
            out.append(text[i:i + 2])
            i += 2
            continue
        if quote is None and c == "'":
            quote = "'"
            out.append(c)
            i += 1
            continue
        if c == '"':
            quote = None if quote == '"' else '"'
            out.append(c)
            i += 1
            continue
        if text.startswith("$((", i):
            j = match_close(text, i + 3, "((", "))")
            out.append("0")
            i = j
            continue
        if text.startswith("$(", i) or (quote is None and text[i:i + 2] in ("<(", ">(")):
            j = match_paren(text, i + 2)
            subs.append(text[i + 2:j - 1])
            out.append("__subst__")
            i = j
            continue
        if c == "`":
            j = text.find("`", i + 1)
            j = n if j < 0 else j + 1
            subs.append(text[i + 1:j - 1])
            out.append("__subst__")
            i = j
            continue
        if quote is None and c == "#" and (i == 0 or text[i - 1] in " \t\n;|&("):
            while i < n and text[i] != "\n":
                i += 1
            continue
        if quote is None and c == "\n":
            out.append(" ; ")
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def match_paren(text, i):
    """Index just past the ')' closing a '(' opened before i."""
    depth, quote, n = 1, None, len(text)
    while i < n:
        c = text[i]
        if quote == "'":
            if c == "'":
                quote = None
        elif c == "\\":
            i += 1
        elif c == '"':
            quote = None if quote == '"' else '"'
        elif quote is None and c == "'":
            quote = "'"
        elif quote is None and c == "(":
            depth += 1
        elif quote is None and c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        elif c == "$" and text.startswith("$(", i):
            i = match_paren(text, i + 2) - 1
        i += 1
    return n


def match_close(text, i, opener, closer):
    depth = 1
    while i < len(text):
        if text.startswith(opener, i):
            depth += 1
            i += len(opener)
        elif text.startswith(closer, i):
            depth -= 1
            i += len(closer)
            if depth == 0:
                return i
        else:
            i += 1
    return len(text)


# shlex returns a run of punctuation as one token (");" or "));"): split it
# into the shell's operators, longest first
OPERATORS = sorted([";;", "&&", "||", "|&", ">>", "<<<", "<<", ">&", "<&", "&>>", "&>", ">|", "<>",
                    "()", "((", "))", ";", "&", "|", "(", ")", "<", ">"], key=len, reverse=True)


def split_operators(tok):
    out = []
    while tok:
        op = next(o for o in OPERATORS if tok.startswith(o))
        out.append(op)
        tok = tok[len(op):]
    return out


def tokens(text):
    lex = shlex.shlex(text, posix=True, punctuation_chars=";&|()<>")
    lex.whitespace_split = True
    lex.commenters = ""
    try:
        toks = list(lex)
    except ValueError:      # an unbalanced quote: fall back to plain words
        return text.split()
    out = []
    for t in toks:
        out += split_operators(t) if t and all(c in ";&|()<>" for c in t) else [t]
    return out


def assignments(text):
    """NAME -> first word of a plain assignment: X=word, X=${Y:-word}, X=(word ...)."""
    out = {}
    for m in re.finditer(r"(?m)(?:^|[\s;])(?:local\s+|export\s+)?([A-Za-z_][A-Za-z0-9_]*)="
                         r"(?:\(\s*([A-Za-z0-9_./+-]+)|\$\{[A-Za-z_][A-Za-z0-9_]*:-([A-Za-z0-9_./+-]+)\}|"
                         r"([A-Za-z0-9_./+-]+)(?=[\s;)]|$))", text):
        word = m.group(2) or m.group(3) or m.group(4)
        if word and not word[0].isdigit() and not word.startswith("-"):
            out.setdefault(m.group(1), word)
    return out


# The shell functions a script defines or sources (tests/fuzz/lib.sh), and
# those of them that run their arguments ("$@" in command position): after
# "--", their arguments are a command (expect 3 "message" -- setpriv ...).
FUNCTIONS = set()
RUNNERS = set()


def collect_functions(text, root, local_dir, depth=0):
    for m in re.finditer(r"(?m)^\s*(?:function\s+)?([A-Za-z_][A-Za-z0-9_-]*)\s*\(\)\s*\{", text):
        FUNCTIONS.add(m.group(1))
        depth_, j = 1, m.end()
        while j < len(text) and depth_:
            depth_ += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        if re.search(r"(?:^|[;|&({]|\$\(|\bthen|\bdo|\belse)\s*\"\$@\"", text[m.end():j], re.M):
            RUNNERS.add(m.group(1))
    for m in re.finditer(r"(?m)^\s*(?:\.|source)\s+\"?([^\s\";]+)", text):
        for base in (root, local_dir):
            lib = os.path.join(base, m.group(1))
            if "$" not in lib and os.path.isfile(lib) and depth < 3:
                collect_functions(open(lib, encoding="utf-8", errors="replace").read(), root, local_dir, depth + 1)
                break


def scan_shell(text, where, found, local_dir, variables=None):
    subs = []
    text = strip_heredocs(text, where, found, local_dir)
    if variables is None:
        variables = assignments(text)
    functions = FUNCTIONS
    flat = flatten(text, subs)
    toks = tokens(flat)
    walk(toks, where, found, local_dir, variables, functions)
    for s in subs:
        scan_shell(s, where, found, local_dir, variables)


def resolve_word(w, variables):
    """The command a word names: itself, a variable's plain value, or None."""
    m = re.fullmatch(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)(\[@\]|\[0\])?\}?", w)
    if m:
        return variables.get(m.group(1))
    if "$" in w or w == "__subst__" or w == "":
        return None
    return w


def walk(toks, where, found, local_dir, variables, functions):
    cmd_pos = True
    mode = None             # None, "for" (skip to ; or do), "case-word", "case-pattern"
    i, n = 0, len(toks)
    current = None          # the command being read
    while i < n:
        t = toks[i]
        i += 1
        if mode == "for":
            if t.startswith("(("):      # for ((i = 0; i < n; i++))
                while i < n and not toks[i - 1].endswith("))"):
                    i += 1
            elif t in (";", "do"):
                mode, cmd_pos = None, True
            continue
        if mode == "array":
            if t == ")":
                mode = None
            continue
        if mode == "case-word":
            if t == "in":
                mode = "case-pattern"
            continue
        if mode == "case-pattern":
            if t == "esac":
                mode, cmd_pos = None, False
            elif t == ")":
                mode, cmd_pos = None, True
            continue
        if t == ";;":
            mode, cmd_pos, current = "case-pattern", False, None
            continue
        if t in SEPARATORS:
            cmd_pos, current = True, None
            continue
        if t in REDIRECTS or re.fullmatch(r"[0-9]?[<>]+&?", t):
            i += 1          # the file (or descriptor) after it
            continue
        if t.isdigit() and i < n and toks[i] in REDIRECTS:
            continue
        if cmd_pos:
            if t in KEYWORDS_CMD_NEXT:
                continue
            if t == "for":
                mode = "for"
                continue
            if t == "case":
                mode = "case-word"
                continue
            if t in ("esac",):
                continue
            if re.match(r"[A-Za-z_][A-Za-z0-9_]*(\[[^]]*\])?\+?=", t):
                if t.endswith("=") and i < n and toks[i] == "(":
                    mode = "array"      # NAME=(words...)
                    i += 1
                elif t.endswith("=") and i < n and toks[i] == "()":
                    i += 1              # NAME=()
                continue    # VAR=value before a command
            if i < n and toks[i] in ("()", "("):
                i += 2 if toks[i] == "(" else 1     # NAME() { ... }: a definition
                continue
            if t in ("function",):
                i += 1
                continue
            cmd_pos = False
            current = t
            use(t, toks, i, where, found, local_dir, variables, functions)
            continue
        if current is not None:
            # a local function handed a command after "--" (expect 0 pat -- cmd ...)
            if t == "--" and current in RUNNERS:
                cmd_pos = True
                current = None


def use(t, toks, i, where, found, local_dir, variables, functions):
    """Records the command word t (toks[i:] are its arguments)."""
    word = resolve_word(t, variables)
    if word is None or word in functions or word in BASH_BUILTINS:
        if t == "command" and i < len(toks) and toks[i] == "-v" and i + 1 < len(toks):
            w = resolve_word(toks[i + 1], variables)
            if w:
                record(w, where, found, toks, i + 2, variables, local_dir)
        elif word == "exec" and i < len(toks):
            use(toks[i], toks, i + 1, where, found, local_dir, variables, functions)
        return
    record(word, where, found, toks, i, variables, local_dir)
    base = os.path.basename(word)
    if base in WRAPPERS:
        j = i
        takes = WRAPPERS[base]
        while j < len(toks):
            a = toks[j]
            if a in SEPARATORS:
                return
            if a in takes:
                j += 2
                continue
            if a.startswith("-") or re.match(r"[A-Za-z_][A-Za-z0-9_]*=", a):
                j += 1
                continue
            if base == "timeout" and re.fullmatch(r"[0-9.]+[smhd]?|\$\S+|\"\$\S+\"", a) and j == first_plain(toks, i, takes):
                j += 1      # the duration
                continue
            use(a, toks, j + 1, where, found, local_dir, variables, functions)
            return


def first_plain(toks, i, takes):
    j = i
    while j < len(toks) and (toks[j].startswith("-") or toks[j] in takes):
        j += 2 if toks[j] in takes else 1
    return j


def record(word, where, found, toks, i, variables, local_dir):
    if "/" in word and not word.startswith("/"):
        # a script of the repository: tools/... are scanned in turn
        if word.startswith("tools/") or "/tools/" in word:
            found.tools.append(word[word.index("tools/"):])
        return
    found.command(word, where)
    if re.fullmatch(r"python3?(\.[0-9]+)?", os.path.basename(word)):
        # python -c 'CODE'
        for j in range(i, len(toks) - 1):
            if toks[j] in SEPARATORS:
                break
            if toks[j] == "-c":
                scan_python(toks[j + 1], where + " (python -c)", found, local_dir)
                break


# ---------------------------------------------------------------- files

def shebang(text):
    if not text.startswith("#!"):
        return None
    words = text.split("\n", 1)[0][2:].split()
    if not words:
        return None
    if os.path.basename(words[0]) == "env" and len(words) > 1:
        return words[1]
    return words[0]


def scan_file(path, rel, found):
    text = open(path, encoding="utf-8", errors="replace").read()
    local_dir = os.path.dirname(path)
    interp = shebang(text)
    if interp:
        found.command(interp, rel + " (#!)")
    is_python = rel.endswith(".py") or (interp and "python" in interp)
    if is_python:
        scan_python(text, rel, found, local_dir)
    else:
        FUNCTIONS.clear()
        RUNNERS.clear()
        collect_functions(text, found.root, local_dir)
        scan_shell(text, rel, found, local_dir)


def default_scripts(root):
    out = []
    for p in sorted(glob.glob(os.path.join(root, "tests", "**", "*"), recursive=True)):
        if not os.path.isfile(p):
            continue
        if p.endswith((".sh", ".py")):
            out.append(p)
        elif os.access(p, os.X_OK):
            with open(p, "rb") as f:
                if f.read(2) == b"#!":
                    out.append(p)
    out.append(os.path.join(root, "tools", "setup-deps"))
    return out


# ---------------------------------------------------------------- packages

def installed_packages():
    """name -> (priority, essential, [dependency groups])."""
    fmt = "${db:Status-Abbrev}\t${Package}\t${Priority}\t${Essential}\t${Depends}\t${Pre-Depends}\t${Provides}\n"
    out = subprocess.run(["dpkg-query", "-W", "-f=" + fmt], stdout=subprocess.PIPE, text=True).stdout
    pkgs, provides = {}, {}
    for line in out.splitlines():
        st, name, prio, ess, dep, pre, prov = (line.split("\t") + [""] * 7)[:7]
        if not st.startswith("ii"):
            continue
        groups = []
        for g in (dep + "," + pre).split(","):
            alts = [re.sub(r"[ (:].*", "", a.strip()) for a in g.split("|") if a.strip()]
            if alts:
                groups.append(alts)
        pkgs[name] = (prio, ess == "yes", groups)
        for p in prov.split(","):
            p = re.sub(r"[ (:].*", "", p.strip())
            if p:
                provides.setdefault(p, []).append(name)
    return pkgs, provides


def closure(roots, pkgs, provides):
    """The listed packages and all they depend on, as installed here."""
    seen, todo = set(), list(roots)
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        for alts in pkgs.get(p, ("", False, []))[2]:
            for a in alts:
                for real in ([a] if a in pkgs else []) + provides.get(a, []):
                    todo.append(real)
    return seen


def link_chain(path):
    """path, each symbolic link on the way, the final file; each also with
    its twin across the /usr merge (dpkg knows /bin/sh, not /usr/bin/sh)."""
    cands, p = [], path
    for _ in range(10):
        cands.append(p)
        if not os.path.islink(p):
            break
        p = os.path.join(os.path.dirname(p), os.readlink(p))
    cands.append(os.path.realpath(path))
    out = []
    for c in cands:
        out += [c, c.replace("/usr/", "/", 1) if c.startswith("/usr/") else "/usr" + c]
    return out


def owners_of(paths):
    """path -> [packages] for all paths at once (one dpkg -S)."""
    paths = sorted(set(paths))
    r = subprocess.run(["dpkg", "-S"] + paths, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    own = {}
    for line in r.stdout.splitlines():
        if line.startswith("diversion by") or ": " not in line:
            continue
        pkgs, path = line.split(": ", 1)
        own.setdefault(path.strip(), []).extend(pk.strip().split(":")[0] for pk in pkgs.split(","))
    return own


def main():
    argv = sys.argv[1:]
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    verbose = False
    scripts, without = [], set()
    while argv:
        a = argv.pop(0)
        if a == "--root":
            root = os.path.abspath(argv.pop(0))
        elif a == "--verbose":
            verbose = True
        elif a == "--without":
            without.add(argv.pop(0))
        else:
            scripts.append(os.path.abspath(a))
    scripts = scripts or default_scripts(root)

    found = Found()
    found.root = root
    done = set()
    todo = list(scripts)
    while todo:
        p = todo.pop(0)
        if p in done or not os.path.isfile(p):
            continue
        done.add(p)
        rel = os.path.relpath(p, root)
        before = len(found.tools)
        scan_file(p, rel, found)
        for t in found.tools[before:]:
            todo.append(os.path.join(root, t))

    lists = {}
    for which in ("build", "test"):
        r = subprocess.run([os.path.join(root, "tools", "setup-deps"), "--list", which],
                           stdout=subprocess.PIPE, text=True, check=True)
        lists[which] = [p for p in r.stdout.split() if p not in without]
    pkgs, provides = installed_packages()
    listed = set(lists["build"]) | set(lists["test"])
    pulled = closure(listed, pkgs, provides)
    base = {p for p, (prio, ess, _) in pkgs.items() if prio == "required" or ess}

    problems = []
    items = []      # (what, file, where used): the files whose package is judged below
    for cmd in sorted(found.commands):
        wheres = found.commands[cmd]
        where = ", ".join(sorted(set(wheres))[:3]) + (" …" if len(set(wheres)) > 3 else "")
        exempt = [w for w in wheres if (w.split(" ")[0], cmd) in NOT_RUN_BY_TESTS]
        if exempt and len(exempt) == len(wheres):
            if verbose:
                print("ok  %-28s (pas lancée par les tests : %s)" % (cmd, NOT_RUN_BY_TESTS[(exempt[0].split(" ")[0], cmd)]))
            continue
        if cmd in BASH_BUILTINS:
            continue
        path = cmd if cmd.startswith("/") else shutil.which(cmd, path=DEBIAN_PATH)
        if not path or not os.path.exists(path):
            problems.append("commande « %s » introuvable dans %s ; utilisée par %s" % (cmd, DEBIAN_PATH, where))
            continue
        here = shutil.which(cmd) if "/" not in cmd else None
        if here and os.path.realpath(here) != os.path.realpath(path):
            problems.append("commande « %s » : ici %s, pas celle de Debian (%s) ; écrire %s ; utilisée par %s"
                            % (cmd, here, path, path, where))
            continue
        items.append(("commande « %s »" % cmd, path, where))

    # modules, as Debian's Python finds them (not a user's Python)
    names = sorted(found.modules)
    code = ("import importlib.util, os, sys\n"
            "for n in sys.argv[1:]:\n"
            "    try:\n"
            "        s = importlib.util.find_spec(n)\n"
            "    except Exception:\n"
            "        s = None\n"
            "    o = None if s is None else ('built-in' if s.origin in ('built-in', 'frozen') else\n"
            "        (s.origin if s.origin and os.path.exists(s.origin) else\n"
            "         (list(s.submodule_search_locations or [None])[0])))\n"
            "    print(n, o)\n")
    r = subprocess.run(["/usr/bin/python3", "-I", "-c", code] + names, stdout=subprocess.PIPE, text=True,
                       cwd="/")
    for line in r.stdout.splitlines():
        name, path = line.split(" ", 1)
        where = ", ".join(sorted(set(found.modules[name]))[:3])
        if path == "None":
            problems.append("module Python « %s » introuvable par /usr/bin/python3 ; utilisé par %s" % (name, where))
        elif path == "built-in":
            items.append(("module « %s »" % name, "/usr/bin/python3", where))
        else:
            items.append(("module « %s »" % name, path, where))

    own = owners_of([c for _, path, _ in items for c in link_chain(path)])
    for what, path, where in items:
        pk = next((own[c] for c in link_chain(path) if c in own), [])
        if not pk:
            problems.append("%s (%s) : fichier d'aucun paquet Debian ; utilisé par %s" % (what, path, where))
            continue
        if any(o in base for o in pk):
            kind = "Debian (requis)"
        elif any(o in listed for o in pk):
            kind = "listé"
        elif any(o in pulled for o in pk):
            kind = "dépendance d'un paquet listé"
        else:
            problems.append("%s (%s) : paquet %s absent de tools/setup-deps ; utilisé par %s"
                            % (what, path, ", ".join(sorted(set(pk))), where))
            continue
        if verbose:
            print("ok  %-28s %-40s %s : %s" % (what, path, ", ".join(sorted(set(pk))), kind))

    for p in problems:
        print("ÉCHEC :", p)
    print("packages_listed : %d scripts, %d commandes, %d modules Python, %d problème(s)"
          % (len(done), len(found.commands), len(found.modules), len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
