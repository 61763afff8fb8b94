// Shared layout for the pane: one column that stays usable at 320 px, Fluent tokens throughout.
import { makeStyles, tokens } from "@fluentui/react-components";

export const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    minWidth: "280px",
    maxWidth: "720px",
    boxSizing: "border-box",
    fontFamily: tokens.fontFamilyBase,
    color: tokens.colorNeutralForeground1,
    // A native <select> is as wide as its longest option (an ICB name): let it shrink to the pane,
    // and let tab rows wrap, so nothing is wider than a 320 px pane.
    "& .fui-Field, & .fui-Select": { minWidth: 0, maxWidth: "100%" },
    "& select": { minWidth: 0, maxWidth: "100%", textOverflow: "ellipsis" },
    "& [role=tablist]": { flexWrap: "wrap" },
    // Fluent greys an unchecked radio's or checkbox's label (colorNeutralForeground3, with the
    // selector input:enabled:not(:checked) ~ label), which reads as disabled: enabled labels get the
    // body colour (this selector is one class more specific), disabled ones keep Fluent's grey.
    "& .fui-Radio__input:enabled:not(:checked) ~ .fui-Radio__label, & .fui-Checkbox__input:enabled:not(:checked) ~ .fui-Checkbox__label":
      { color: tokens.colorNeutralForeground1 },
  },
  header: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  logo: { width: "32px", height: "32px" },
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase400,
  },
  row: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "end",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  grow: { flexGrow: 1, minWidth: "160px" },
  mapping: {
    display: "grid",
    gridTemplateColumns: "minmax(80px, max-content) minmax(0, 1fr)",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    marginTop: tokens.spacingVerticalXS,
  },
  summary: { cursor: "pointer", color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  checks: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS },
  table: {
    borderCollapse: "collapse",
    width: "100%",
    fontSize: tokens.fontSizeBase200,
    "& th, & td": {
      textAlign: "left",
      padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
    "& td.num, & th.num": { textAlign: "right", fontVariantNumeric: "tabular-nums" },
  },
  results: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  headline: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  links: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
  },
});
