// Publication labels for the rates-ratio levels (Tables 3–6): written by the report, read back by
// validation when it finds a published table.

const LEVEL_LABELS: Record<string, Record<string, string>> = {
  imd: {
    "1": "1 Most deprived",
    "2": "2 More deprived",
    "3": "3 Mid quintile",
    "4": "4 Less deprived",
    "5": "5 Least deprived",
  },
  age: { "0-<45": "0 - <45", "45-<55": "45 - <55", "55-<65": "55 - <65", "65-<75": "65 - <75", "75+": "75+" },
};

export function levelLabel(factor: string, level: string): string {
  return LEVEL_LABELS[factor]?.[level] ?? level;
}
