import { useEffect, useMemo, useRef, useState } from 'react';
import type { ImageRecord } from '../../pipeline/dataset/records';
import type { TableRow } from '../../pipeline/dataset/csvTable';
import type { GeneratorSpec } from '../../model/gmf/generatorSpec';
import { openInExplore } from '../../app/explore/exploreStore';
import { datasetFaceState } from '../../app/explore/fromDataset';

const CELL = 76;
const HEIGHT = 320;

/** Object URLs for blobs, revoked when no longer shown. */
function useObjectUrls(blobs: (Blob | undefined)[]): (string | undefined)[] {
  const urls = useMemo(() => blobs.map((b) => (b ? URL.createObjectURL(b) : undefined)), [blobs]);
  useEffect(
    () => () => {
      for (const u of urls) if (u) URL.revokeObjectURL(u);
    },
    [urls],
  );
  return urls;
}

function Thumbnail({ record, selected, onSelect }: { record: ImageRecord; selected: boolean; onSelect: () => void }) {
  const blobs = useMemo(() => [record.centre], [record]);
  const [url] = useObjectUrls(blobs);
  return (
    <button
      type="button"
      className={`thumb${selected ? ' selected' : ''}`}
      aria-pressed={selected}
      aria-label={`Identity ${record.identity}, variation ${record.variation}`}
      onClick={onSelect}
    >
      {url && <img src={url} alt="" width={CELL - 8} height={CELL - 8} />}
    </button>
  );
}

function Details({ spec, record, row }: { spec: GeneratorSpec; record: ImageRecord; row: TableRow }) {
  const blobs = useMemo(() => [record.left, record.centre, record.right], [record]);
  const urls = useObjectUrls(blobs);
  return (
    <section aria-label={`Image ${record.identity}/${record.variation}`} className="thumb-details">
      <div className="thumb-images">
        {urls.map(
          (u, i) =>
            u && <img key={i} src={u} alt={['left eye', 'centre', 'right eye'][i] ?? ''} width={112} height={112} />,
        )}
      </div>
      <button
        type="button"
        onClick={() => {
          openInExplore(datasetFaceState(spec, record.features.identity, record.features.variation));
        }}
      >
        Open in Explore
      </button>
      <table aria-label="Parameters">
        <tbody>
          {Object.entries(row).map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{String(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A virtualised grid: only the rows of thumbnails in view are in the DOM. */
export function ThumbnailGrid({
  spec,
  records,
  rows,
}: {
  spec: GeneratorSpec;
  records: readonly ImageRecord[];
  rows: readonly TableRow[];
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [width, setWidth] = useState(600);
  const [selected, setSelected] = useState<number | null>(null);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      setWidth(el.clientWidth);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
    };
  }, []);
  const perRow = Math.max(1, Math.floor(width / CELL));
  const totalRows = Math.ceil(records.length / perRow);
  const first = Math.max(0, Math.floor(scrollTop / CELL) - 1);
  const last = Math.min(totalRows, Math.ceil((scrollTop + HEIGHT) / CELL) + 1);
  const chosen = selected === null ? undefined : records[selected];
  const chosenRow = selected === null ? undefined : rows[selected];
  return (
    <div className="thumb-browser">
      <div
        ref={scroller}
        className="thumb-grid"
        role="list"
        aria-label="Dataset images"
        style={{ height: HEIGHT }}
        onScroll={(e) => {
          setScrollTop(e.currentTarget.scrollTop);
        }}
      >
        <div style={{ height: totalRows * CELL, position: 'relative' }}>
          {Array.from({ length: (last - first) * perRow }, (_, k) => first * perRow + k)
            .filter((i) => i < records.length)
            .map((i) => {
              const record = records[i];
              if (!record) return null;
              return (
                <div
                  key={record.key}
                  role="listitem"
                  style={{ position: 'absolute', top: Math.floor(i / perRow) * CELL, left: (i % perRow) * CELL }}
                >
                  <Thumbnail
                    record={record}
                    selected={selected === i}
                    onSelect={() => {
                      setSelected(i);
                    }}
                  />
                </div>
              );
            })}
        </div>
      </div>
      {chosen && chosenRow && <Details spec={spec} record={chosen} row={chosenRow} />}
    </div>
  );
}
