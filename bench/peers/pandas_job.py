"""The benchmark's pandas peer: SPEC §3–§4 as an analyst would write it in pandas.

python3 pandas_job.py OUT.json POP.csv ACT.csv   (CSV files)
python3 pandas_job.py OUT.json BOOK.xlsx         (a workbook with Population and Activity sheets:
                                                  pandas.read_excel, i.e. openpyxl)
Rows whose stratum is missing or not in the population (U, blank) drop out at the join, as
stdrates excludes them. Writes [area, measure, observed, expected, rate] rows.
"""
import json
import resource
import sys

import pandas as pd

KEYS = ["ICB code", "Sex", "Age band", "IMD quintile"]
STRATA = KEYS[1:]


def job(pop, act, k=10000):
    for t in (pop, act):
        t["IMD quintile"] = pd.to_numeric(t["IMD quintile"], errors="coerce")
    pop = pop.groupby(KEYS, as_index=False)["Population"].sum()
    act = act.groupby(KEYS + ["Measure"], as_index=False)["Count"].sum()
    kept = act.merge(pop[KEYS], on=KEYS, how="inner")
    stratum_pop = pop.groupby(STRATA, as_index=False)["Population"].sum()
    rate = kept.groupby(STRATA + ["Measure"], as_index=False)["Count"].sum().merge(stratum_pop, on=STRATA)
    rate = rate[rate["Population"] > 0]
    rate["r"] = rate["Count"] / rate["Population"]
    national = k * rate.groupby("Measure")["Count"].sum() / pop["Population"].sum()
    e = pop.merge(rate[STRATA + ["Measure", "r"]], on=STRATA)
    e["e"] = e["r"] * e["Population"]
    expected = e.groupby(["ICB code", "Measure"])["e"].sum()
    observed = kept.groupby(["ICB code", "Measure"])["Count"].sum()
    out = pd.concat([observed, expected], axis=1, join="inner").reset_index()
    out["rate"] = out["Count"] / out["e"] * out["Measure"].map(national)
    return out


def main(argv):
    out_file = argv[0]
    if len(argv) == 2:
        sheets = pd.read_excel(argv[1], sheet_name=["Population", "Activity"])
        pop, act = sheets["Population"], sheets["Activity"]
    else:
        pop, act = pd.read_csv(argv[1]), pd.read_csv(argv[2])
    out = job(pop, act)
    rows = [[r[0], r[1], float(r[2]), float(r[3]), float(r[4])] for r in out.itertuples(index=False)]
    with open(out_file, "w") as f:
        json.dump(rows, f)
    u = resource.getrusage(resource.RUSAGE_SELF)
    sys.stderr.write("maxrss=%d cpu=%d\n" % (u.ru_maxrss, round((u.ru_utime + u.ru_stime) * 1000)))


if __name__ == "__main__":
    main(sys.argv[1:])
