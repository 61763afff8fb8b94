// A published figure as shown: its number, the stars after it, and the rounding it was published
// with. The rounding comes from the cell's number format when there is one ("#,##0" → whole
// numbers, "0.0" → one decimal, "0%" → whole percentages = two decimals of the value), otherwise
// from the digits written ("3,670" → whole numbers, "0.80***" → two decimals).
import type { CellValue } from "../engine/types";

export interface PublishedNumber {
  value: number;
  /** "", "*", "**" or "***" when the cell shows stars, from its text or its format; undefined when it cannot. */
  stars?: string;
  /** Decimal places shown (negative when a format scales by thousands); undefined when unknown. */
  decimals?: number;
  decimalsFrom: "format" | "digits";
}

/** The first section of a format (positive numbers), with quoted text, escapes and [..] codes removed. */
function numberPart(format: string): { body: string; literals: string } {
  let body = "";
  let literals = "";
  let inQuote = false;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (inQuote) {
      if (c === '"') inQuote = false;
      else literals += c;
    } else if (c === '"') inQuote = true;
    else if (c === "\\" && i + 1 < format.length) literals += format[++i];
    else if (c === ";") break;
    else if (c === "[") {
      const end = format.indexOf("]", i);
      i = end < 0 ? format.length : end;
    } else if (c === "_" || c === "*")
      i++; // padding: skip the character it pads with
    else body += c;
  }
  return { body, literals };
}

/**
 * Decimal places an Excel number format shows, or undefined when it does not fix them
 * ("General", text "@", scientific). Each "%" adds two; each trailing "," (thousands scaling) takes three.
 */
export function decimalsFromFormat(format: string | null | undefined): number | undefined {
  if (!format) return undefined;
  const { body } = numberPart(format);
  if (!/[0#?]/.test(body) || /e[+-]/i.test(body)) return undefined;
  const dot = body.indexOf(".");
  let d = 0;
  if (dot >= 0) for (let i = dot + 1; i < body.length && /[0#?]/.test(body[i]); i++) d++;
  d += 2 * (body.match(/%/g)?.length ?? 0);
  const lastDigit = Math.max(body.lastIndexOf("0"), body.lastIndexOf("#"), body.lastIndexOf("?"));
  const scaling = /^,+/.exec(body.slice(lastDigit + 1))?.[0].length ?? 0;
  return d - 3 * scaling;
}

/** Stars a number format appends as literal text (`0.00"***"`), or "" when it adds none. */
export function starsFromFormat(format: string | null | undefined): string {
  if (!format) return "";
  return /\*{1,3}/.exec(numberPart(format).literals)?.[0] ?? "";
}

/** Decimal places in a number as JavaScript writes it (0.8 → 1, 3670 → 0, 1.5e-7 → 8). */
export function decimalsOfNumber(x: number): number {
  const [mantissa, exp] = String(Math.abs(x)).split("e");
  const frac = mantissa.split(".")[1]?.length ?? 0;
  return Math.max(0, frac - Number(exp ?? 0));
}

const TEXT_NUMBER = /^\s*([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d+))?\s*(%?)\s*(\*{0,3})\s*$/;

/** A published cell as a number, or undefined when it holds none (blank, "-", "..", "*", a note). */
export function readPublished(v: CellValue, format?: string | null): PublishedNumber | undefined {
  const fromFormat = decimalsFromFormat(format);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return undefined;
    const stars = starsFromFormat(format);
    return fromFormat !== undefined
      ? { value: v, stars, decimals: fromFormat, decimalsFrom: "format" }
      : { value: v, stars, decimals: decimalsOfNumber(v), decimalsFrom: "digits" };
  }
  if (typeof v !== "string") return undefined;
  const m = TEXT_NUMBER.exec(v.replace(/\u00A0/g, " "));
  if (!m || (m[2] === "" && m[3] === undefined)) return undefined;
  const digits = `${m[2].replace(/,/g, "") || "0"}${m[3] ? `.${m[3]}` : ""}`;
  const percent = m[4] === "%";
  const value = (m[1] === "-" ? -1 : 1) * Number(digits) * (percent ? 0.01 : 1);
  const decimals = (m[3]?.length ?? 0) + (percent ? 2 : 0);
  return { value, stars: m[5], decimals, decimalsFrom: "digits" };
}

/** Half a unit of the last decimal shown: 0 decimals → 0.5, 2 → 0.005, −3 → 500. */
export function halfUnit(decimals: number): number {
  return 0.5 * 10 ** -decimals;
}
