#!/usr/bin/env python3
"""Turns the old placeholder templates (*.java.txt) into the compiled template sources (issue 15).

Usage (from the repository root):

    python3 codegen/src/build/convert-templates.py \
        codegen/src/main/resources/io/backendkit/codegen/internal/templates \
        codegen/src/templates/java
    ./mvnw -B -q spotless:apply -pl codegen

After merging a branch that still edits the *.java.txt files (they are gone here), take that branch's
text files, convert and format them, and drop them again (the converter overwrites whatever the merge left
in codegen/src/templates/java):

    T=codegen/src/main/resources/io/backendkit/codegen/internal/templates
    git checkout OTHER -- $T
    python3 codegen/src/build/convert-templates.py $T codegen/src/templates/java
    git rm -r -q -f $T
    ./mvnw -B -q spotless:apply -pl codegen

A template that starts using another generated class needs a stand-in in codegen/src/templates/stubs; one
with a new marker belongs in Templates.REQUIRED.

It reads every NAME.java.txt of the first directory and writes OUT/backendkit/template/ROLE/NAME.java,
where ROLE (model, server, client) comes from the template's ``package ${rolePackage};`` line. Files the
run does not write are removed from OUT/backendkit/template, so the output tree is a function of the input
tree. The rewriting:

* code: ``${modelPackage}`` (and server, client, api) -> ``backendkit.template.model`` (...), so package
  and import declarations are real; ``${envelope}`` -> ``/*$envelope*/ false``;
* a string literal that is exactly ``"${apiPackage}"`` -> ``/*$apiPackage*/ "backendkit.template.api"``;
* comments: ``${modelPackage}`` (...) -> ``backendkit.template.model`` (...) too; other ``${name}``
  placeholders (``${envelope}``) stay, they are valid Java there and ``Templates`` fills them in.

Any other placeholder in code or in a string literal stops the run with an error: it would need a new
rule here and in ``Templates``. The run is deterministic: same input, same bytes.
"""

import os
import re
import sys

ROOT = "backendkit.template"
ROLES = ("model", "server", "client", "api")
PLACEHOLDER = re.compile(r"\$\{([A-Za-z]+)\}")


def segments(text):
    """Splits Java source into (kind, text) pieces: 'code', 'comment', 'string' (incl. char literals)."""
    out = []
    i = 0
    start = 0
    n = len(text)

    def flush(end):
        if end > start:
            out.append(("code", text[start:end]))

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            flush(i)
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(("comment", text[i:j]))
            i = start = j
        elif text.startswith("/*", i):
            flush(i)
            j = text.find("*/", i + 2)
            if j < 0:
                raise ValueError("unterminated comment")
            out.append(("comment", text[i : j + 2]))
            i = start = j + 2
        elif text.startswith('"""', i):
            flush(i)
            j = i + 3
            while not text.startswith('"""', j):
                if j >= n:
                    raise ValueError("unterminated text block")
                j += 2 if text[j] == "\\" else 1
            out.append(("string", text[i : j + 3]))
            i = start = j + 3
        elif c in "\"'":
            flush(i)
            j = i + 1
            while text[j] != c:
                if text[j] == "\n":
                    raise ValueError("unterminated literal at offset %d" % i)
                j += 2 if text[j] == "\\" else 1
            out.append(("string", text[i : j + 1]))
            i = start = j + 1
        else:
            i += 1
    flush(n)
    return out


def convert(name, text):
    m = re.match(r"package \$\{([a-z]+)Package\};\n", text)
    if not m or m.group(1) not in ROLES:
        raise ValueError(name + ": does not start with package ${<role>Package};")
    role = m.group(1)
    pieces = []
    for kind, piece in segments(text):
        if kind == "comment":

            def comment(p):
                key = p.group(1)
                if key.endswith("Package") and key[: -len("Package")] in ROLES:
                    return ROOT + "." + key[: -len("Package")]
                return p.group(0)

            piece = PLACEHOLDER.sub(comment, piece)
        elif kind == "code":

            def code(p):
                key = p.group(1)
                if key.endswith("Package") and key[: -len("Package")] in ROLES:
                    return ROOT + "." + key[: -len("Package")]
                if key == "envelope":
                    return "/*$envelope*/ false"
                if key == "registerFormReader":
                    # a block kept only when the document has form bodies (ApiFormReader needs FormData)
                    return "/*$forms*/ {context.register(ApiFormReader.class);}"
                raise ValueError(name + ": no rule for ${" + key + "} in code")

            piece = PLACEHOLDER.sub(code, piece)
        elif kind == "string":
            if piece == '"${apiPackage}"':
                piece = '/*$apiPackage*/ "' + ROOT + '.api"'
            elif PLACEHOLDER.search(piece):
                raise ValueError(name + ": no rule for a placeholder inside " + piece)
        pieces.append(piece)
    return role, "".join(pieces)


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: convert-templates.py TEMPLATE_TXT_DIR OUT_SOURCE_ROOT")
    src, out = argv[1], argv[2]
    base = os.path.join(out, *ROOT.split("."))
    written = set()
    for file in sorted(os.listdir(src)):
        if not file.endswith(".java.txt"):
            continue
        name = file[: -len(".java.txt")]
        with open(os.path.join(src, file), encoding="utf-8", newline="") as f:
            text = f.read()
        role, java = convert(name, text)
        target = os.path.join(base, role, name + ".java")
        if target in written:
            raise ValueError(name + ": written twice")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="") as f:
            f.write(java)
        written.add(target)
    for directory, _, files in os.walk(base):
        for file in files:
            path = os.path.join(directory, file)
            if path not in written:
                os.remove(path)
    print("%d templates written under %s" % (len(written), base))


if __name__ == "__main__":
    main(sys.argv)
