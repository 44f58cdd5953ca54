# Sourced by bin/start, bin/test and .ci/run: selects a JDK 21+ (Helidon 4 needs it; the
# machine default may be older). Honours JAVA_HOME when it is already 21+.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
select_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    local major; major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"; export PATH="$JAVA_HOME/bin:$PATH"; return 0
    fi
  done
  echo "error: no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm/*). Install one, e.g. Temurin 25." >&2
  return 1
}
