// Pictures of one measure after a run: the ICB hex map (or the true boundaries, loaded on demand),
// the funnel plot and the ranked chart, from the same SVG builders the command line renders.
// Clicking (or Enter on) an ICB selects its row on the Detail sheet; "Insert picture" puts the
// current picture into the workbook (ExcelApi 1.10) or offers it as a PNG download.
import { useEffect, useMemo, useRef, useState } from "react";
import {
  Button,
  Caption1,
  Field,
  Link,
  Select,
  Switch,
  Tab,
  TabList,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { measureChartData } from "../../charts/data";
import { funnelPlotSvg } from "../../charts/funnel";
import { hexMapSvg } from "../../charts/hexmap";
import { hasIcbAreas, joinIcbs } from "../../charts/map-common";
import { rankedChartSvg } from "../../charts/ranked";
import type { IcbBoundaries } from "../../charts/boundary";
import type { WorkbookPort } from "../../workbook/port";
import type { RunOutcome } from "../runner";
import { detailRowAddress } from "./detail-row";
import { useRovingAreas } from "./roving";
import { type Png, type Rasterise, pngBlobUrl, rasteriseInBrowser } from "./png";

export type PictureView = "hex" | "boundary" | "funnel" | "ranked";

const VIEWS: { key: PictureView; label: string }[] = [
  { key: "hex", label: "Hex map" },
  { key: "boundary", label: "Boundaries" },
  { key: "funnel", label: "Funnel" },
  { key: "ranked", label: "Ranked" },
];

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  row: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "end",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  picture: {
    width: "100%",
    "& svg": { display: "block", width: "100%", height: "auto" },
    "& [data-area]": { cursor: "pointer" },
    "& [data-area]:focus": { outline: "none" },
    "& [data-area]:focus path, & path[data-area]:focus": {
      stroke: tokens.colorNeutralForeground1,
      strokeWidth: "2.5px",
    },
  },
});

/** Loads the ICB boundaries (≈0.9 MB) and the d3-geo renderer, once, on first use. */
let boundaryModule:
  Promise<{ svg: typeof import("../../charts/boundary").boundaryMapSvg; data: IcbBoundaries }> | undefined;
function loadBoundaries() {
  return (boundaryModule ??= Promise.all([
    import(/* webpackChunkName: "boundary-map" */ "../../charts/boundary"),
    fetch("assets/data/icb_boundaries_apr2023_bsc.geojson").then((r) => {
      if (!r.ok) throw new Error(`The ICB boundaries could not be loaded (${r.status}).`);
      return r.json() as Promise<IcbBoundaries>;
    }),
  ]).then(([m, data]) => ({ svg: m.boundaryMapSvg, data }))).catch((e: unknown) => {
    boundaryModule = undefined;
    throw e;
  });
}

export interface PicturesSectionProps {
  outcome: RunOutcome;
  port: WorkbookPort;
  /** SVG → PNG; tests pass a Node renderer. */
  rasterise?: Rasterise;
}

export function PicturesSection({ outcome, port, rasterise = rasteriseInBrowser }: PicturesSectionProps) {
  const s = useStyles();
  const { results, plan, applied } = outcome;
  const onMap = useMemo(() => hasIcbAreas(results.meta.areaList.map((a) => a.area)), [results]);
  const [measure, setMeasure] = useState(results.measures[0] ?? "");
  const [view, setView] = useState<PictureView>(onMap ? "hex" : "funnel");
  const [byVerdict, setByVerdict] = useState(false);
  const [width, setWidth] = useState(300);
  const [boundaries, setBoundaries] = useState<Awaited<ReturnType<typeof loadBoundaries>> | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [download, setDownload] = useState<{ url: string; name: string } | null>(null);
  const box = useRef<HTMLDivElement>(null);

  // Draw at the pane's width, so text keeps its size (a scaled-down 480 px picture is illegible at 320 px).
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(() => setWidth(Math.max(300, Math.floor(el.clientWidth))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    if (view !== "boundary" || boundaries) return;
    let live = true;
    loadBoundaries().then(
      (b) => live && setBoundaries(b),
      (e: unknown) => live && (setNote(e instanceof Error ? e.message : String(e)), setView("hex")),
    );
    return () => {
      live = false;
    };
  }, [view, boundaries]);

  const data = useMemo(() => (measure ? measureChartData(results, measure) : undefined), [results, measure]);
  const svg = useMemo(() => {
    if (!data) return "";
    const o = { width, colouring: byVerdict ? ("verdict" as const) : ("scale" as const), idPrefix: "pane" };
    if (view === "hex") return hexMapSvg(data, o);
    if (view === "boundary") return boundaries ? boundaries.svg(data, boundaries.data, o) : "";
    if (view === "funnel") return funnelPlotSvg(data, { width });
    return rankedChartSvg(data, { width });
  }, [data, view, byVerdict, width, boundaries]);

  // Map areas are keyboard targets too, as one tab stop with arrow keys inside (roving.ts).
  const roveKeys = useRovingAreas(box, svg);

  useEffect(() => () => void (download && URL.revokeObjectURL(download.url)), [download]);

  const selectArea = (icb: string) => {
    if (!data) return;
    const area =
      joinIcbs(data).byIcb.get(icb)?.area ?? results.meta.areaList.find((a) => a.area === icb)?.area;
    const at = area ? detailRowAddress(plan, applied.sheetNames, area, measure) : undefined;
    if (!at) {
      setNote(
        area
          ? "Its row is on the Detail sheet, which this run did not write (see Options)."
          : "No data for this ICB.",
      );
      return;
    }
    setNote(null);
    port
      .select(at.sheet, at.address)
      .catch((e: unknown) => setNote(e instanceof Error ? e.message : String(e)));
  };

  const areaOf = (target: EventTarget | null) =>
    (target as Element | null)?.closest?.("[data-area]")?.getAttribute("data-area");

  const insertPicture = async () => {
    setNote(null);
    setDownload(null);
    try {
      const png: Png = await rasterise(svg);
      const title = /<title>([^<]*)<\/title>/.exec(svg)?.[1] ?? `${measure} picture`;
      const placed = port.insertPicture ? await port.insertPicture({ ...png, title }) : false;
      if (placed) setNote("The picture is in the workbook, at the selected cell.");
      else {
        setNote(
          "This version of Excel cannot take pictures from add-ins (it needs ExcelApi 1.10). Download the picture and insert it yourself:",
        );
        setDownload({ url: pngBlobUrl(png), name: `${measure.replace(/[^\w-]+/g, "-")}-${view}.png` });
      }
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section role="region" aria-labelledby="pictures-heading" className={s.root}>
      <h2
        id="pictures-heading"
        style={{ margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold }}
      >
        Pictures
      </h2>
      <div className={s.row}>
        <Field label="Measure" style={{ flexGrow: 1, minWidth: "160px" }}>
          <Select value={measure} onChange={(_, d) => setMeasure(d.value)}>
            {results.measures.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </Select>
        </Field>
      </div>
      <TabList
        size="small"
        selectedValue={view}
        onTabSelect={(_, d) => setView(d.value as PictureView)}
        aria-label="Picture"
      >
        {VIEWS.filter((v) => onMap || (v.key !== "hex" && v.key !== "boundary")).map((v) => (
          <Tab key={v.key} value={v.key}>
            {v.label}
          </Tab>
        ))}
      </TabList>
      {(view === "hex" || view === "boundary") && (
        <Switch
          checked={byVerdict}
          onChange={(_, d) => setByVerdict(d.checked)}
          label="Colour by verdict (higher, similar, lower)"
        />
      )}
      <div
        ref={box}
        className={s.picture}
        data-picture={view}
        onClick={(e) => {
          const a = areaOf(e.target);
          if (a) selectArea(a);
        }}
        onKeyDown={(e) => {
          roveKeys(e);
          const a = (e.key === "Enter" || e.key === " ") && areaOf(e.target);
          if (a) {
            e.preventDefault();
            selectArea(a);
          }
        }}
        // The SVG is built by our own code from numbers and escaped names.
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      {view === "boundary" && !boundaries && <Caption1>Loading the ICB boundaries…</Caption1>}
      {(view === "hex" || view === "boundary") && (
        <Caption1>Select an ICB to go to its row on the Detail sheet.</Caption1>
      )}
      <div className={s.row}>
        <Button onClick={() => void insertPicture()} disabled={!svg}>
          Insert picture
        </Button>
      </div>
      {note && <Caption1 role="status">{note}</Caption1>}
      {download && (
        <Link href={download.url} download={download.name}>
          Download picture (PNG)
        </Link>
      )}
    </section>
  );
}

export default PicturesSection;
