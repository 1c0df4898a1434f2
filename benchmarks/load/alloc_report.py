#!/usr/bin/env python3
"""Where a point's allocation comes from (benchmarks/load/tail.sh JFR=alloc).

Reads `jfr print --json --events jdk.ObjectAllocationSample` output. Each sample's weight is meant to be the bytes its
thread allocated since that thread's previous sample; on JDK 17 the weights summed to ~5x the allocation the GC log
shows (669 vs 121 KB per run, docs/PERFORMANCE.md "Round five"), while the shares by thread agreed with
async-profiler's within a few points. So the weights are used as shares only, scaled to the GC log's KB per run.
Prints KB per run by thread, by allocating frame (with the class), by first AstraDesk frame and inclusive by frame,
and writes a collapsed-stack file (root first, ';' between frames, the weight last) for further questions.

Usage: alloc_report.py <alloc.json> <runs in the point> <collapsed output> <KB per run from the GC log>
"""
import collections
import json
import re
import sys


def frame_name(frame):
    method = frame.get("method", {})
    owner = method.get("type", {}).get("name", "?")
    return f"{owner}.{method.get('name', '?')}"


def main():
    path, runs, collapsed_path, gc_kb = sys.argv[1], float(sys.argv[2]), sys.argv[3], float(sys.argv[4])
    with open(path) as f:
        events = json.load(f)["recording"]["events"]
    total = 0
    by_leaf = collections.Counter()
    by_first_ours = collections.Counter()
    by_thread = collections.Counter()
    inclusive = collections.Counter()
    collapsed = collections.Counter()
    for event in events:
        values = event["values"]
        weight = values.get("weight") or 0
        total += weight
        frames = [frame_name(fr) for fr in ((values.get("stackTrace") or {}).get("frames") or [])]
        cls = (values.get("objectClass") or {}).get("name", "?")
        by_leaf[f"{frames[0] if frames else '?'} [{cls}]"] += weight
        ours = next((fr for fr in frames if fr.startswith("com.astradesk")), "(no AstraDesk frame)")
        by_first_ours[ours] += weight
        thread = (values.get("eventThread") or {}).get("javaName") or "?"
        by_thread[re.sub(r"[0-9]+", "N", thread)] += weight
        for fr in set(frames):
            inclusive[fr] += weight
        collapsed[";".join(reversed(frames)) + f";[{cls}]"] += weight

    def table(title, counter, n):
        print(f"ALLOC {title}:")
        for key, w in counter.most_common(n):
            print(f"  {gc_kb * w / total:8.2f} KB/run {100 * w / total:5.1f} %  {key}")

    print(f"ALLOC sampled: {len(events)} samples, weights {total / runs / 1024:.1f} KB per run ({runs:.0f} runs); "
          f"shown as shares of the GC log's {gc_kb:.1f} KB per run")
    table("by thread", by_thread, 12)
    table("by allocating frame [class]", by_leaf, 40)
    table("by first AstraDesk frame", by_first_ours, 40)
    table("inclusive by frame", inclusive, 80)
    with open(collapsed_path, "w") as out:
        for stack, w in collapsed.most_common():
            out.write(f"{stack} {w}\n")


if __name__ == "__main__":
    main()
