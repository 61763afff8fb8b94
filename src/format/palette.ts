// The house colours, used by sheets (fills, fonts, colour scales) and charts alike.

export const COLOR = {
  title: "#005EB8", // NHS blue
  grey: "#595959",
  headerFill: "#D9E2F3",
  englandFill: "#F2F2F2",
  low: "#5A8AC6",
  mid: "#FFFFFF",
  high: "#F8696B",
  tab: "#005EB8",
} as const;
