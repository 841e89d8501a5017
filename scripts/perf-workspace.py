#!/usr/bin/env python3
"""A generated council folder for the performance figures (README,
"Performance"; .ci/perf). Nothing it makes is committed.

    scripts/perf-workspace.py DIR [--reports N] [--long N]

DIR/council.yaml          the seed council
DIR/seed.yaml             the seed report, as shipped
DIR/long.yaml             the seed's body before "Recommendations", 48 times
                          (--long): the 152-page report
DIR/reports/r-NNN.yaml    N copies of the seed (default 100), each its own subject
DIR/meetings/pack-K.yaml  meetings of the first K of them, K in 3, 5, 20, 100
"""

import argparse
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED = ROOT / "reports/2022-11-07-childrens-services-commissioner.yaml"
SUBJECT = "subject: Children's Services Commissioner"

MEETING = """committee: Overview and Scrutiny Committee (Children's Services and Safeguarding)
date: 2022-11-07
time: '18:30'
venue: Town Hall
membership:
  chair: Councillor A
  members: [Councillor B]
clerk:
  name: Clerk
  email: clerk@example.org
published: 2022-10-28
items:
  - title: Apologies for absence
  - title: Declarations of interest
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", type=pathlib.Path)
    ap.add_argument("--reports", type=int, default=100)
    ap.add_argument("--long", type=int, default=48)
    args = ap.parse_args()
    out: pathlib.Path = args.dir
    (out / "reports").mkdir(parents=True, exist_ok=True)
    (out / "meetings").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "reports/council.yaml", out / "council.yaml")
    seed = SEED.read_text()
    (out / "seed.yaml").write_text(seed)

    head, body = seed.split("body: |\n", 1)
    # As benches/pdf.rs: the body before its last section, 48 times.
    section = body.split("  ## Recommendations", 1)[0].replace("  ## ", "  ## Part ")
    (out / "long.yaml").write_text(f"{head}body: |\n{section * args.long}")

    for i in range(1, args.reports + 1):
        text = seed.replace(SUBJECT, f"{SUBJECT}, part {i}", 1)
        (out / f"reports/r-{i:03}.yaml").write_text(text)
    for k in (3, 5, 20, 100):
        if k > args.reports:
            continue
        items = "".join(f"  - report: ../reports/r-{i:03}.yaml\n" for i in range(1, k + 1))
        (out / f"meetings/pack-{k}.yaml").write_text(MEETING + items)


if __name__ == "__main__":
    main()
