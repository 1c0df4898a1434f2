#!/usr/bin/env python3
"""Where a point's allocation comes from (benchmarks/load/tail.sh JFR=alloc).

Reads `jfr print --json --events jdk.ObjectAllocationSample` output. Each sample's weight is the number of bytes its
thread allocated since that thread's previous sample, so the weights sum to the sampled threads' allocation and a
stack's share of the weight is its share of the bytes. Prints KB per run by allocating frame (with the class),
by first AstraDesk frame, by thread and inclusive by frame, and writes a collapsed-stack file (root first, ';'
between frames, the weight in bytes last) for further questions.

Usage: alloc_report.py <alloc.json> <runs in the point> <collapsed output>
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
    path, runs, collapsed_path = sys.argv[1], float(sys.argv[2]), sys.argv[3]
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
            print(f"  {w / runs / 1024:8.2f} KB/run {100 * w / total:5.1f} %  {key}")

    print(f"ALLOC sampled: {len(events)} samples, {total / 1e6:.1f} MB, {total / runs / 1024:.1f} KB per run "
          f"({runs:.0f} runs)")
    table("by thread", by_thread, 12)
    table("by allocating frame [class]", by_leaf, 40)
    table("by first AstraDesk frame", by_first_ours, 40)
    table("inclusive by frame", inclusive, 80)
    with open(collapsed_path, "w") as out:
        for stack, w in collapsed.most_common():
            out.write(f"{stack} {w}\n")


if __name__ == "__main__":
    main()
