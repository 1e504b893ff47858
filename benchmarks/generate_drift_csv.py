#!/usr/bin/python3
"""Write the two CSV files of the `modelmon drift` benchmark (docs/benchmarks.md, "CLI drift on large files").

    /usr/bin/python3 benchmarks/generate_drift_csv.py [folder] [rows]

Writes ref.csv and cur.csv (default folder: the current one; default rows: 500,000), 11 columns
each and about 43 MB at 500,000 rows: eight normal floats written with six significant digits,
an integer age, a binary 0/1 flag and a categorical colour. The current file shifts two of the
floats, the flag's rate and the colours' shares, so some columns drift and some do not. The seed is
fixed: the files are the same on every run.
"""

import os
import sys

import numpy as np

COLOURS = np.array(["red", "green", "blue", "amber", "violet"])


def write(path, rng, rows, shift):
    floats = rng.normal(0.0, 1.0, size=(rows, 8))
    floats[:, 0] += shift
    floats[:, 1] *= 1.0 + shift
    age = rng.integers(18, 90, size=rows)
    flag = (rng.random(rows) < 0.3 + shift / 4).astype(int)
    shares = np.array([0.4, 0.3, 0.15, 0.1, 0.05]) if shift == 0 else np.array([0.3, 0.3, 0.2, 0.1, 0.1])
    colour = COLOURS[rng.choice(len(COLOURS), size=rows, p=shares)]
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(",".join([f"x{i}" for i in range(8)] + ["age", "flag", "colour"]) + "\n")
        for start in range(0, rows, 10_000):
            lines = []
            for i in range(start, min(rows, start + 10_000)):
                numbers = ",".join(f"{v:.6g}" for v in floats[i])
                lines.append(f"{numbers},{age[i]},{flag[i]},{colour[i]}\n")
            out.write("".join(lines))


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "."
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 500_000
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(20261204)
    write(os.path.join(folder, "ref.csv"), rng, rows, 0.0)
    write(os.path.join(folder, "cur.csv"), rng, rows, 0.2)


if __name__ == "__main__":
    main()
