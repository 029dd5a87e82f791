# shellcheck shell=bash
# Sourced by ./demo and tools/demo-lvs: checks, a scratch directory, namespaces on one bridge,
# and the operator's commands pointed at one director. Everything made here is removed on exit:
# the namespaces, the directory, and the processes whose pid files are in it.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/jdk25.sh"

if [ "$(id -u)" -ne 0 ]; then
    echo "demo: run it as root (it creates network namespaces)." >&2
    exit 1
fi
dist=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/cli/target/jheartbeat
if [ ! -x "$dist/bin/heartbeat" ]; then
    echo "demo: no distribution at $dist; run ./build first." >&2
    exit 1
fi
for tool in ip curl; do
    if ! command -v $tool >/dev/null 2>&1; then
        echo "demo: installing $tool ..."
        package=$([ $tool = ip ] && echo iproute2 || echo curl)
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" </dev/null >/dev/null
    fi
done

prefix="jhbdemo$$"
# In the kernel lab the shared file system (9p) cannot hold the control sockets: use its scratch tmpfs.
work=$(mktemp -d "${KERNEL_LAB_SCRATCH:-/tmp}/jheartbeat-demo.XXXXXX")
namespaces=()
cleanup() {
    set +e
    for pidfile in "$work"/*/*.pid; do
        [ -s "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null
    done
    for ns in "${namespaces[@]}"; do ip netns del "$ns" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT

say() { printf '\n== %s\n' "$*"; }
in_ns() { local node=$1; shift; ip netns exec "$prefix$node" "$@"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# A switch namespace with bridge br0; plug NODE ADDRESS/24 gives NODE its namespace and eth0 on it.
ip netns add "${prefix}sw"; namespaces+=("${prefix}sw")
ip -n "${prefix}sw" link add br0 type bridge
ip -n "${prefix}sw" link set br0 up
ports=0
plug() {
    local node=$1 address=$2 ns=$prefix$1
    ports=$((ports + 1))
    ip netns add "$ns"; namespaces+=("$ns")
    ip -n "$ns" link set lo up
    ip link add "${prefix:0:9}$ports" netns "${prefix}sw" type veth peer name eth0 netns "$ns"
    ip -n "${prefix}sw" link set "${prefix:0:9}$ports" master br0 up
    ip -n "$ns" addr add "$address/24" brd + dev eth0
    ip -n "$ns" link set eth0 up
}

# heartbeat NODE [ARGS]: the daemon of director NODE, with its /etc/ha.d in $work/NODE.
heartbeat() { local node=$1; shift
    in_ns "$node" "$dist/bin/heartbeat" -c "$work/$node" --node "$node" --init-dir "$work/$node/init.d" \
        --pidfile "$work/$node/heartbeat.pid" --run-dir "$work/$node/run" --state-dir "$work/$node/var" "$@"; }
# on NODE COMMAND [ARGS]: an operator's command (cl_status, hb_standby...) on director NODE.
on() { local node=$1 command=$2; shift 2; JHEARTBEAT_RUN_DIR="$work/$node/run" "$dist/bin/$command" "$@"; }
rscstatus() { on "$1" cl_status rscstatus 2>/dev/null || echo "?"; }
settled() { case "$(rscstatus "$1")" in local|foreign|all|none) return 0;; *) return 1;; esac; }

# wait_until SECONDS WHAT COMMAND...: runs COMMAND every 0.1 s until it succeeds; when SECONDS
# pass first, says that WHAT did not happen, shows the end of every log, and exits 1.
wait_until() {
    local seconds=$1 what=$2 log
    local limit=$(( $(date +%s) + seconds ))
    shift 2
    until "$@"; do
        if [ "$(date +%s)" -ge "$limit" ]; then
            echo "demo: $what did not happen within $seconds s" >&2
            for log in "$work"/*/ha-log; do
                [ -e "$log" ] && { echo "--- $log" >&2; grep -v 'Late heartbeat' "$log" | tail -n 40 >&2; }
            done
            exit 1
        fi
        sleep 0.1
    done
}

# power_off NODE: heartbeat gets SIGKILL and the link goes down, as when the machine dies.
power_off() {
    kill -9 "$(cat "$work/$1/heartbeat.pid")"
    ip -n "$prefix$1" link set eth0 down
}
