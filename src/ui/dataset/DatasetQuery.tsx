import { useEffect, useId, useMemo, useState } from 'react';
import type { DatasetRecord } from '../../pipeline/dataset/records';
import { datasetImages } from '../../pipeline/dataset/exportCsv';
import type { ImageRecord } from '../../pipeline/dataset/records';
import { DATASET_QUERY_SCHEMA, parseQuery } from '../../pipeline/dataset/query';
import { putRecord } from '../../lib/storage';
import type { TableRow } from '../../pipeline/dataset/csvTable';
import { useJobsStore } from '../../app/jobs/jobsStore';
import { workbenchDb } from '../../app/db';
import { ThumbnailGrid } from './ThumbnailGrid';
import { type SortDirection, sortableColumns, sortRows } from '../../pipeline/dataset/tableSort';
import { nameIssue } from '../../lib/names';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Why a saved query cannot be used (stored before imports checked them), or null. */
function savedQueryIssue(text: string): string | null {
  try {
    parseQuery(text, DATASET_QUERY_SCHEMA);
    return null;
  } catch (e) {
    return errorText(e);
  }
}

/**
 * A query over the dataset's table (safe grammar, no eval) with a live count of matching
 * images; named queries are saved with the dataset for training, PCA and extraction to reuse.
 */
export function DatasetQuery({ dataset }: { dataset: DatasetRecord }) {
  const id = useId();
  const touch = useJobsStore((s) => s.touch);
  const [table, setTable] = useState<{ images: ImageRecord[]; rows: TableRow[] } | null>(null);
  // The table cannot always be read (e.g. a split saved before splits were checked): say so, never wait forever.
  const [tableError, setTableError] = useState<string | null>(null);
  const rows = table?.rows ?? null;
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [saved, setSaved] = useState('');
  // The browser's order: the table's (identity, then variation), or by any column.
  const [sortBy, setSortBy] = useState('');
  const [direction, setDirection] = useState<SortDirection>('ascending');

  useEffect(() => {
    let current = true;
    void workbenchDb()
      .then((db) => datasetImages(db, dataset))
      .then(
        (t) => {
          if (current) setTable(t);
        },
        (e: unknown) => {
          if (current) setTableError(`The table cannot be read: ${errorText(e)}`);
        },
      );
    return () => {
      current = false;
    };
  }, [dataset]);

  const result = useMemo(() => {
    try {
      const query = parseQuery(text, DATASET_QUERY_SCHEMA);
      const matching = table ? table.rows.flatMap((row, i) => (query.test(row) ? [i] : [])) : null;
      return { count: matching?.length ?? null, matching, error: null };
    } catch (e) {
      return { count: null, matching: null, error: errorText(e) };
    }
  }, [text, table]);

  const shown = useMemo(
    () =>
      rows && result.matching && sortBy !== '' ? sortRows(rows, result.matching, sortBy, direction) : result.matching,
    [rows, result.matching, sortBy, direction],
  );

  // A saved name must be new: saving under a taken one would silently replace that query.
  const nameProblem = name === '' ? null : nameIssue(name, 'query', Object.keys(dataset.queries ?? {}));

  async function save() {
    const trimmed = name.trim();
    if (trimmed === '' || nameProblem || result.error) return;
    const updated: DatasetRecord = { ...dataset, queries: { ...(dataset.queries ?? {}), [trimmed]: text } };
    await putRecord(await workbenchDb(), 'datasets', updated);
    setSaved(`Saved query “${trimmed}”.`);
    setName('');
    touch('generate');
  }

  return (
    <div className="dataset-query" role="group" aria-label={`Query ${dataset.name}`}>
      <label htmlFor={`${id}-q`}>Filter (e.g. age &lt; 50 and abs(yr) &lt;= 30 and emo != "neutral")</label>
      <input
        id={`${id}-q`}
        value={text}
        spellCheck={false}
        aria-invalid={result.error ? true : undefined}
        aria-describedby={`${id}-count`}
        onChange={(e) => {
          setText(e.target.value);
          setSaved('');
        }}
      />
      <p
        id={`${id}-count`}
        aria-live="polite"
        role={tableError ? 'alert' : undefined}
        className={result.error || tableError ? 'error' : ''}
      >
        {result.error ??
          tableError ??
          (result.count === null ? 'Reading the table…' : `${result.count} of ${rows?.length ?? 0} images match`)}
      </p>
      <label htmlFor={`${id}-name`}>Query name</label>{' '}
      <input
        id={`${id}-name`}
        value={name}
        aria-invalid={nameProblem ? true : undefined}
        aria-describedby={nameProblem ? `${id}-name-error` : undefined}
        onChange={(e) => {
          setName(e.target.value);
        }}
      />{' '}
      <button
        type="button"
        disabled={name.trim() === '' || nameProblem !== null || result.error !== null}
        onClick={() => void save()}
      >
        Save query
      </button>
      {nameProblem && (
        <p id={`${id}-name-error`} className="error">
          {nameProblem}
        </p>
      )}
      {saved && <p role="status">{saved}</p>}
      {table && shown && (
        <>
          <div className="dataset-sort" role="group" aria-label="Order of the images">
            <label htmlFor={`${id}-sort`}>Sort by</label>{' '}
            <select
              id={`${id}-sort`}
              value={sortBy}
              onChange={(e) => {
                setSortBy(e.target.value);
              }}
            >
              <option value="">table order (identity, variation)</option>
              {sortableColumns(table.rows).map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>{' '}
            <select
              aria-label="Sort direction"
              value={direction}
              disabled={sortBy === ''}
              onChange={(e) => {
                setDirection(e.target.value === 'descending' ? 'descending' : 'ascending');
              }}
            >
              <option value="ascending">ascending</option>
              <option value="descending">descending</option>
            </select>
          </div>
          <ThumbnailGrid
            key={`${sortBy}:${direction}`}
            spec={dataset.spec}
            records={shown.flatMap((i) => (table.images[i] ? [table.images[i]] : []))}
            rows={shown.flatMap((i) => (table.rows[i] ? [table.rows[i]] : []))}
          />
        </>
      )}
      {dataset.queries && Object.keys(dataset.queries).length > 0 && (
        <ul aria-label="Saved queries">
          {Object.entries(dataset.queries).map(([n, q]) => {
            const problem = savedQueryIssue(q);
            return (
              <li key={n}>
                <strong className="name-clip" title={n}>
                  {n}
                </strong>
                : <code>{q || '(all images)'}</code>
                {problem && <span className="error"> Cannot be used: {problem}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
