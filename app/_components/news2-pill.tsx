import { news2Class, news2Label, type News2Reading } from "@/lib/format/news2";

/** NEWS2 as words and colour ("NEWS2 at least 5 · medium"), beside the CRS grade pill. */
export function News2Pill({ news2, small = false }: { news2: News2Reading | null | undefined; small?: boolean }) {
  const incomplete = news2 && !news2.complete;
  return (
    <span
      className={`${news2Class(news2)}${small ? " small" : ""}${incomplete ? " incomplete" : ""}`}
      title={incomplete ? "Incomplete set: not every NEWS2 parameter was charted, so the score is a lower bound" : undefined}
    >
      {news2Label(news2)}
    </span>
  );
}
