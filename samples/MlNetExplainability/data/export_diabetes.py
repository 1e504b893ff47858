"""Writes diabetes.csv from the diabetes data set that ships inside scikit-learn (BSD-3-Clause licence).

Source: Efron, Hastie, Johnstone and Tibshirani (2004), "Least Angle Regression", Annals of Statistics; the copy
bundled with scikit-learn (sklearn.datasets.load_diabetes, unscaled). 442 patients, ten baseline variables and a
quantitative measure of disease progression one year after baseline.

Run with Debian's python3-sklearn:  /usr/bin/python3 samples/MlNetExplainability/data/export_diabetes.py
"""
import csv
import os

from sklearn.datasets import load_diabetes

data = load_diabetes(scaled=False)
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "diabetes.csv")
with open(path, "w", newline="") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(list(data.feature_names) + ["progression"])
    for row, target in zip(data.data, data.target):
        writer.writerow([repr(float(v)) for v in row] + [repr(float(target))])
print(f"wrote {path}: {len(data.target)} rows")
