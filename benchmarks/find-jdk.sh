# Sourced by the benchmark scripts: sets and exports JAVA_HOME to a JDK 21 or newer
# (JAVA_HOME if it is one, else the newest under /usr/lib/jvm), or exits with a message.
is_jdk21() { [ -x "$1/bin/javac" ] && "$1/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; }
if [ -z "${JAVA_HOME:-}" ] || ! is_jdk21 "$JAVA_HOME"; then
  JAVA_HOME=
  for j in /usr/lib/jvm/*; do
    if is_jdk21 "$j"; then JAVA_HOME=$j; fi
  done
fi
[ -n "$JAVA_HOME" ] || { echo "need a JDK 21 or newer (set JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME
