# Sourced by the project's scripts: exports JAVA_HOME as a JDK 25 or newer, or exits.
# Order: $JAVA_HOME, the java on PATH, then /usr/lib/jvm/*25* (where Temurin and Debian put it).
jhb_java_major() {
    "$1" -XshowSettings:properties -version 2>&1 |
        sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
jhb_pick_jdk() {
    local candidate v
    for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")" /usr/lib/jvm/*25*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
        v=$(jhb_java_major "$candidate/bin/java")
        if [ -n "$v" ] && [ "$v" -ge 25 ] 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}
if ! JAVA_HOME=$(jhb_pick_jdk); then
    echo "jheartbeat needs a JDK 25 (JAVA_HOME, javac on PATH and /usr/lib/jvm/*25* were tried)." >&2
    echo "Install one, for example Temurin 25, and set JAVA_HOME." >&2
    exit 5
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
