"""Times pandas.read_excel merely reading the spreadsheet the import benchmark imports.

    pip install pandas openpyxl
    python3 scripts/bench_pandas.py bench-data/import-100000.xlsx
"""
import statistics
import sys
import time

import pandas

path = sys.argv[1] if len(sys.argv) > 1 else "bench-data/import-100000.xlsx"
runs = []
for _ in range(3):
    started = time.perf_counter()
    frame = pandas.read_excel(path)
    runs.append(time.perf_counter() - started)
print(f"pandas.read_excel {path}: {len(frame)} rows, median {statistics.median(runs):.2f} s over {len(runs)} runs")
